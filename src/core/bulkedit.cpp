#include "bulkedit.h"
#include "valuetext.h"

#include "database.h"
#include "readonlyscope.h"
#include "sqlguard.h"
#include "tablemodel.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

namespace {

// Whether the edit changes what the grid shows for the row: the pending value if there is
// one, the stored one, or a new row's default (which any value changes). Rows marked deleted
// are in scope but left alone.
bool changesRow(const ChangeSet &changes, const RowKey &key, int column, const QVariant &stored,
                const QVariant &next)
{
    if (changes.isDeleted(key))
        return false;
    const auto pending = changes.pendingValue(key, column);
    return !(pending ? sameValue(*pending, next) : (!key.isInserted() && sameValue(stored, next)));
}

bool isInteger(const QVariant &v)
{
    return v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int;
}

void addStoredRow(BulkEditPlan &plan, const ChangeSet &changes, const RowKey &key, int column,
                  const QVariant &stored, const QVariant &next)
{
    ++plan.rowsInScope;
    if (changes.isEmpty() ? !sameValue(stored, next)
                          : changesRow(changes, key, column, stored, next))
        plan.changes.stored->append(key, stored, next);
}

void addNewRow(BulkEditPlan &plan, const ChangeSet &changes, const RowKey &key, int column,
               const QVariant &next)
{
    ++plan.rowsInScope;
    if (changesRow(changes, key, column, QVariant(), next))
        plan.changes.inserted.append({key, column, next, QVariant()});
}

// The value a row of a plan was read with, and whether the plan changes that row: a row read
// with the very same value (type and content; not floating point, where -0 equals 0) is
// planned the same. Only used where rows are planned by their value alone.
struct LastRow
{
    QVariant read; // none yet: invalid
    bool changes = false;

    bool repeats(const QVariant &value) const
    {
        if (!read.isValid() || value.typeId() != read.typeId() || value.isNull() != read.isNull())
            return false;
        const bool floating =
            value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float;
        return value.isNull() || (!floating && value == read);
    }
};

} // namespace

BulkEditPlan beginBulkPlan(const TableModel &model, const ChangeSet &changes, const BulkEdit &edit,
                           PlanQueries *queries)
{
    BulkEditPlan plan;
    const TableSchema &schema = model.schema();
    const Dialect &d = model.database().dialect();
    const RowIdentity identity = d.rowIdentity(schema);
    if (edit.column < 0 || edit.column >= schema.columns.size()) {
        plan.error = QObject::tr("Choose a column to edit.");
        return plan;
    }
    if (!schema.canUpdate(edit.column)) {
        plan.error = schema.updateRefusal(edit.column);
        return plan;
    }
    if (!schema.columns.at(edit.column).writable) {
        plan.error = QObject::tr("The column %1 cannot be written.")
                         .arg(schema.columns.at(edit.column).name);
        return plan;
    }
    const bool isExpression = edit.kind == BulkEdit::Kind::Expression;
    if (isExpression) {
        const QString refusal = checkReadOnlyExpression(edit.expression, d);
        if (!refusal.isEmpty()) {
            plan.error = refusal;
            return plan;
        }
    }
    const QVariant literal = edit.kind == BulkEdit::Kind::Value ? edit.value : QVariant();

    // One query for the filter; for a selection, one per chunk of keys (an OR of thousands
    // of terms is deeper than SQLite parses).
    QList<SqlFragment> wheres;
    QList<int> newRows;
    if (edit.scope == BulkEdit::Scope::MatchingRows) {
        wheres << model.where();
    } else {
        const QString match = '(' + identity.matchOne() + ')';
        QList<SqlFragment> chunk;
        QSet<int> seen; // a selection may name a row more than once (one cell per column)
        for (int row : edit.selectedRows) {
            if (seen.contains(row))
                continue;
            seen.insert(row);
            const RowKey key = model.keyForRow(row);
            if (key.isInserted())
                newRows << row;
            else if (key.isValid())
                chunk << SqlFragment{match, key.values()};
            if (chunk.size() == 200) {
                wheres << joinFragments(chunk, QStringLiteral(" OR "));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty())
            wheres << joinFragments(chunk, QStringLiteral(" OR "));
    }
    for (int row : std::as_const(newRows)) {
        if (isExpression)
            ++plan.skippedNewRows;
        else
            addNewRow(plan, changes, model.keyForRow(row), edit.column, literal);
    }

    QStringList select = identity.readColumns();
    select << d.quoteIdentifier(schema.columns.at(edit.column).name);
    if (isExpression)
        select << '(' + edit.expression + ')';
    const QString base = QStringLiteral("SELECT %1 FROM %2")
                             .arg(select.join(QStringLiteral(", ")), d.qualifiedName(schema.id));
    // An aggregate (MAX(age), COUNT(*)) would fold the SELECT into one row, and SQLite and
    // MySQL would plan a change for one arbitrary row. The expression also stands in the WHERE,
    // where every database refuses aggregates; "1 = 1 OR" keeps it from filtering anything.
    const SqlFragment perRowOnly =
        isExpression
            ? SqlFragment{QStringLiteral("(1 = 1 OR (%1) IS NULL)").arg(edit.expression), {}}
            : SqlFragment();
    for (const SqlFragment &scope : std::as_const(wheres)) {
        const SqlFragment where =
            scope.isEmpty() || perRowOnly.isEmpty()
                ? joinFragments({scope, perRowOnly}, QString())
                : SqlFragment{'(' + scope.sql + QStringLiteral(") AND ") + perRowOnly.sql,
                              scope.params};
        queries->selects << SqlFragment{
            where.isEmpty() ? base : base + QStringLiteral(" WHERE ") + where.sql, where.params};
    }
    queries->column = edit.column;
    queries->isExpression = isExpression;
    queries->literal = literal;
    return plan;
}

void readBulkPlanRows(const Database &database, const TableSchema &schema, const ChangeSet &changes,
                      const PlanQueries &queries, BulkEditPlan &plan)
{
    const RowIdentity identity = database.dialect().rowIdentity(schema);
    const int keyCount = identity.width();
    const ReadOnlyScope readOnly(database); // the expression is user SQL
    if (!readOnly.isActive()) {
        plan.error = readOnly.error();
        return;
    }
    const ColumnInfo &edited = schema.columns.at(queries.column);
    plan.changes.stored->column = queries.column;
    // Nothing pending, an integer key (nearly every table) and one new value: no RowKey per
    // row, and a row loaded with the same value as the row before is planned as that row was.
    const bool integerRows = keyCount == 1 && changes.isEmpty();
    const int columns = keyCount + (queries.isExpression ? 2 : 1);
    LastRow last;
    const auto planRow = [&](const QVariant *values) {
        const QVariant &first = values[0];
        const QVariant &read = values[keyCount];
        if (integerRows && isInteger(first) && !queries.isExpression && last.repeats(read)) {
            ++plan.rowsInScope;
            if (last.changes)
                plan.changes.stored->repeatInteger(first.toLongLong());
            return;
        }
        const QVariant stored = valueAsRead(edited, read);
        const QVariant next =
            queries.isExpression ? valueAsRead(edited, values[keyCount + 1]) : queries.literal;
        if (integerRows && isInteger(first)) {
            ++plan.rowsInScope;
            last = {read, !sameValue(stored, next)};
            if (last.changes)
                plan.changes.stored->appendInteger(first.toLongLong(), stored, next);
            return;
        }
        last = {};
        const RowKey key = identity.keyFromRead(QVariantList(values, values + keyCount));
        addStoredRow(plan, changes, key, queries.column, stored, next);
    };
    const Dialect &d = database.dialect();
    for (const SqlFragment &select : queries.selects) {
        if (!d.readRows(database.connection(), select, columns, planRow, &plan.error)) {
            if (plan.error.isEmpty())
                plan.error = QObject::tr("The rows could not be read.");
            plan.changes = {};
            return;
        }
    }
    plan.changes.stored->finish();
}

BulkEditPlan planBulkEdit(const TableModel &model, const ChangeSet &changes, const BulkEdit &edit)
{
    PlanQueries queries;
    BulkEditPlan plan = beginBulkPlan(model, changes, edit, &queries);
    if (plan.ok())
        readBulkPlanRows(model.database(), model.schema(), changes, queries, plan);
    return plan;
}

} // namespace Tabula
