#include "savejob.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace Tabula {

namespace {

QString databaseMessage(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.text().trimmed() : text;
}

QString literalForMessage(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    if (v.typeId() == QMetaType::QString)
        return '\'' + v.toString().left(60) + '\'';
    return v.toString();
}

// The longest of `columns` that `message` names as a word.
QString longestNamedIn(const QString &message, const TableSchema &schema, const QList<int> &columns)
{
    QString best;
    for (int c : columns) {
        const QString name = schema.columns.at(c).name;
        const QRegularExpression word(
            QStringLiteral("(^|[^\\w])%1($|[^\\w])").arg(QRegularExpression::escape(name)));
        if (name.size() > best.size() && word.match(message).hasMatch())
            best = name;
    }
    return best;
}

// The column a constraint message names ("NOT NULL constraint failed: users.name", "column
// \"age\" of relation ...", "Column 'name' cannot be null"): one the statement wrote, else
// one an INSERT left to its default (`unwritten`), else the only column written.
QString columnNamedIn(const QString &message, const TableSchema &schema, const QList<int> &written,
                      const QList<int> &unwritten)
{
    QString name = longestNamedIn(message, schema, written);
    if (name.isEmpty())
        name = longestNamedIn(message, schema, unwritten);
    if (name.isEmpty() && written.size() == 1)
        name = schema.columns.at(written.first()).name;
    return name;
}

} // namespace

QString SaveError::describe(const TableId &table) const
{
    QString where = table.displayName();
    if (!rowText.isEmpty())
        where += QObject::tr(", row %1").arg(rowText);
    if (!column.isEmpty())
        where += QObject::tr(", column %1").arg(column);
    return QObject::tr("Save failed at %1: %2").arg(where, message);
}

QString describeRow(const TableSchema &schema, const ChangeSet &changes, const RowKey &key)
{
    if (key.isInserted())
        return QObject::tr("new row %1").arg(changes.insertedIndex(key.insertedSerial()) + 1);
    QStringList parts;
    const QVariantList &values = key.values();
    for (int i = 0; i < values.size(); ++i) {
        const QString name =
            schema.usesRowId() ? schema.rowIdName : schema.columns.at(schema.keyColumns.at(i)).name;
        parts << name + QStringLiteral(" = ") + literalForMessage(values.at(i));
    }
    return parts.size() == 1 ? parts.first() : '(' + parts.join(QStringLiteral(", ")) + ')';
}

SaveJob::SaveJob(const Database &database, const TableSchema &schema, const ChangeSet &changes)
    : m_database(database), m_schema(schema), m_changes(changes)
{
}

QString SaveJob::keyWhereClause() const
{
    const Dialect &d = m_database.dialect();
    if (m_schema.usesRowId())
        return d.keyEquals(m_schema.rowIdName, QStringLiteral("?"));
    QStringList parts;
    for (int c : m_schema.keyColumns)
        parts << d.keyEquals(d.quoteIdentifier(m_schema.columns.at(c).name), QStringLiteral("?"));
    return parts.join(QStringLiteral(" AND "));
}

QSqlQuery &SaveJob::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_database.connection());
        query.setForwardOnly(true);
        query.prepare(sql); // a failed prepare shows up at exec, with the row that needed it
        it = m_statements.insert(sql, query);
    }
    return *it;
}

bool SaveJob::execute(QSqlQuery &query, const RowKey &key, const QList<int> &columns,
                      const QList<int> &unwritten, bool expectOneRow, SaveResult &result)
{
    const bool ok = query.exec();
    QString failure;
    if (!ok) {
        failure = databaseMessage(query.lastError());
    } else if (expectOneRow && query.numRowsAffected() != 1) {
        failure =
            query.numRowsAffected() == 0
                ? QObject::tr("the row was not found; it was deleted, or its key changed, "
                              "since it was loaded.")
                : QObject::tr("the key matched %1 rows, not one.").arg(query.numRowsAffected());
    }
    if (failure.isEmpty())
        return true;
    result.ok = false;
    result.error.key = key;
    result.error.rowText = describeRow(m_schema, m_changes, key);
    result.error.column = ok ? QString() : columnNamedIn(failure, m_schema, columns, unwritten);
    result.error.message = failure;
    result.error.statement = query.lastQuery();
    return false;
}

QStringList SaveJob::keyColumnNames() const
{
    QStringList names;
    if (m_schema.usesRowId()) {
        names << m_schema.rowIdName;
    } else {
        for (int c : m_schema.keyColumns)
            names << m_database.dialect().quoteIdentifier(m_schema.columns.at(c).name);
    }
    return names;
}

RowKey SaveJob::insertedKey(QSqlQuery &query, bool returning, const CellValues &values) const
{
    QVariantList key;
    if (returning) {
        if (query.next()) {
            for (int i = 0; i < query.record().count(); ++i)
                key << query.value(i);
        }
        query.finish();
        return key.isEmpty() ? RowKey() : RowKey::stored(key);
    }
    // Without RETURNING: a single auto-numbered key is lastInsertId(); keys the row was given
    // are what it was given.
    const bool autoKey = m_schema.usesRowId() || (m_schema.keyColumns.size() == 1 &&
                                                  !values.contains(m_schema.keyColumns.first()));
    if (autoKey) {
        const QVariant id = query.lastInsertId();
        return id.isValid() ? RowKey::stored({id}) : RowKey();
    }
    for (int c : m_schema.keyColumns) {
        if (!values.contains(c))
            return {};
        key << values.value(c);
    }
    return RowKey::stored(key);
}

QString SaveJob::keyInList(int count) const
{
    const QStringList names = keyColumnNames();
    const bool single = names.size() == 1;
    const QString one = single
                            ? QStringLiteral("?")
                            : '(' + QStringList(names.size(), QStringLiteral("?")).join(", ") + ')';
    const QString lhs = single ? names.first() : '(' + names.join(QStringLiteral(", ")) + ')';
    return lhs + QStringLiteral(" IN (") + QStringList(count, one).join(QStringLiteral(", ")) + ')';
}

bool SaveJob::bindKeyValues(QSqlQuery &query, const RowKey &key, QString *error) const
{
    const QVariantList &values = key.values();
    for (int i = 0; i < values.size(); ++i) {
        if (m_schema.usesRowId())
            query.addBindValue(values.at(i));
        else
            query.addBindValue(m_database.dialect().boundValue(
                m_schema.columns.at(m_schema.keyColumns.at(i)), values.at(i), error));
    }
    return error->isEmpty();
}

bool SaveJob::executeGrouped(const QString &head, const QList<int> &columns,
                             const QVariantList &values, const QVector<RowKey> &keys)
{
    const Dialect &d = m_database.dialect();
    for (int first = 0; first < keys.size(); first += kGroupSize) {
        const int n = qMin(kGroupSize, int(keys.size()) - first);
        QSqlQuery &q = statement(head + keyInList(n));
        QString error;
        for (int i = 0; i < columns.size(); ++i)
            q.addBindValue(d.boundValue(m_schema.columns.at(columns.at(i)), values.at(i), &error));
        for (int k = first; k < first + n; ++k)
            bindKeyValues(q, keys.at(k), &error);
        if (!error.isEmpty() || !q.exec() || q.numRowsAffected() != n)
            return false;
    }
    return true;
}

SaveResult SaveJob::run()
{
    m_groupFailed = false;
    SaveResult result = attempt(true);
    if (m_groupFailed)
        result = attempt(false); // a grouped statement failed: find the row that did
    return result;
}

namespace {

// Rows in one group get one statement: the same columns set to the same values.
QString groupSignature(const QList<int> &columns, const CellValues &edits)
{
    QString signature;
    for (int c : columns) {
        const QVariant &v = edits.value(c);
        signature += QString::number(c) + '\x1f' + QString::number(v.typeId()) + '\x1f';
        if (v.isNull())
            signature += QStringLiteral("\x1eNULL");
        else if (v.typeId() == QMetaType::QByteArray)
            signature += QString::fromLatin1(v.toByteArray().toHex());
        else
            signature += v.toString();
        signature += '\x1d';
    }
    return signature;
}

// IN (...) never matches NULL, so keys holding one (legacy SQLite) go row by row.
bool groupable(const RowKey &key)
{
    for (const QVariant &v : key.values()) {
        if (v.isNull())
            return false;
    }
    return true;
}

struct UpdateGroup
{
    QList<int> columns;
    QVariantList values;
    QVector<RowKey> keys;
};

} // namespace

SaveResult SaveJob::attempt(bool grouped)
{
    SaveResult result;
    const Dialect &d = m_database.dialect();
    QSqlDatabase db = m_database.connection();
    const QString table = d.qualifiedName(m_schema.id);
    const QString where = keyWhereClause();

    QSqlQuery control(db);
    if (!control.exec(d.beginWriteTransaction())) {
        result.error.message = QObject::tr("cannot start a write transaction: %1")
                                   .arg(databaseMessage(control.lastError()));
        return result;
    }

    // Every value goes in the form the dialect says its database reads back unchanged; a value
    // the database cannot hold at all fails its row before anything is sent.
    int unbindableColumn = -1;
    QString unbindableReason;
    auto bind = [&](QSqlQuery &q, int column, const QVariant &value) {
        QString error;
        q.addBindValue(d.boundValue(m_schema.columns.at(column), value, &error));
        if (!error.isEmpty() && unbindableColumn < 0) {
            unbindableColumn = column;
            unbindableReason = error;
        }
    };
    auto bindKey = [&](QSqlQuery &q, const RowKey &key) {
        const QVariantList &values = key.values();
        for (int i = 0; i < values.size(); ++i) {
            if (m_schema.usesRowId())
                q.addBindValue(values.at(i));
            else
                bind(q, m_schema.keyColumns.at(i), values.at(i));
        }
    };
    auto refuseUnbindable = [&](const RowKey &key) {
        result.ok = false;
        result.error.key = key;
        result.error.rowText = describeRow(m_schema, m_changes, key);
        result.error.column = m_schema.columns.at(unbindableColumn).name;
        result.error.message = unbindableReason;
        return false;
    };

    bool ok = true;
    const auto &stored = m_changes.storedRows();
    // Rows that share a statement, when grouping; when one of those statements fails,
    // m_groupFailed tells run() to try again row by row.
    QVector<RowKey> groupedDeletes;
    QHash<QString, UpdateGroup> groups;
    QSet<RowKey> writtenInGroup;
    if (grouped) {
        for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
            if (!groupable(it.key()))
                continue;
            if (it->deleted) {
                groupedDeletes.append(it.key());
            } else if (!it->edits.isEmpty()) {
                QList<int> columns = it->edits.keys();
                std::sort(columns.begin(), columns.end());
                UpdateGroup &g = groups[groupSignature(columns, it->edits)];
                if (g.keys.isEmpty()) {
                    g.columns = columns;
                    for (int c : columns)
                        g.values << it->edits.value(c);
                }
                g.keys.append(it.key());
            }
        }
        for (auto g = groups.begin(); g != groups.end();) {
            if (g->keys.size() < 2) // one row gains nothing from a group
                g = groups.erase(g);
            else
                ++g;
        }
        if (groupedDeletes.size() < 2)
            groupedDeletes.clear();
        for (const UpdateGroup &g : std::as_const(groups))
            for (const RowKey &key : g.keys)
                writtenInGroup.insert(key);
        for (const RowKey &key : std::as_const(groupedDeletes))
            writtenInGroup.insert(key);
    }
    auto groupFailed = [&] {
        m_groupFailed = true;
        return false;
    };

    // Deletes first, so that a row inserted or renamed into a deleted row's key can be saved.
    if (!groupedDeletes.isEmpty()) {
        ok = executeGrouped(QStringLiteral("DELETE FROM %1 WHERE ").arg(table), {}, {},
                            groupedDeletes) ||
             groupFailed();
        result.deleted += ok ? int(groupedDeletes.size()) : 0;
    }
    for (auto it = stored.cbegin(); ok && it != stored.cend(); ++it) {
        if (!it->deleted || writtenInGroup.contains(it.key()))
            continue;
        QSqlQuery &q = statement(QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, where));
        bindKey(q, it.key());
        ok = execute(q, it.key(), {}, {}, true, result);
        result.deleted += ok;
    }
    for (auto g = groups.cbegin(); ok && g != groups.cend(); ++g) {
        QStringList assignments;
        for (int c : g->columns)
            assignments << d.quoteIdentifier(m_schema.columns.at(c).name) + QStringLiteral(" = ?");
        const QString head = QStringLiteral("UPDATE %1 SET %2 WHERE ")
                                 .arg(table, assignments.join(QStringLiteral(", ")));
        ok = executeGrouped(head, g->columns, g->values, g->keys) || groupFailed();
        result.updated += ok ? int(g->keys.size()) : 0;
    }
    for (auto it = stored.cbegin(); ok && it != stored.cend(); ++it) {
        if (it->deleted || it->edits.isEmpty() || writtenInGroup.contains(it.key()))
            continue;
        QList<int> columns = it->edits.keys();
        std::sort(columns.begin(), columns.end());
        QStringList assignments;
        for (int c : columns)
            assignments << d.quoteIdentifier(m_schema.columns.at(c).name) + QStringLiteral(" = ?");
        QSqlQuery &q = statement(QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                                     .arg(table, assignments.join(QStringLiteral(", ")), where));
        for (int c : columns)
            bind(q, c, it->edits.value(c));
        bindKey(q, it.key());
        ok = unbindableColumn < 0 ? execute(q, it.key(), columns, {}, true, result)
                                  : refuseUnbindable(it.key());
        result.updated += ok;
    }
    for (const ChangeSet::InsertedRow &row : m_changes.insertedRows()) {
        if (!ok)
            break;
        QList<int> columns = row.values.keys();
        std::sort(columns.begin(), columns.end());
        QString sql;
        if (columns.isEmpty()) {
            sql = d.insertDefaultValues(table);
        } else {
            QStringList names;
            for (int c : columns)
                names << d.quoteIdentifier(m_schema.columns.at(c).name);
            sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(table, names.join(QStringLiteral(", ")),
                           QStringList(columns.size(), QStringLiteral("?")).join(", "));
        }
        const QString returning = d.returningClause(keyColumnNames());
        QSqlQuery &q = statement(sql + returning);
        for (int c : columns)
            bind(q, c, row.values.value(c));
        QList<int> unwritten;
        for (int c = 0; c < m_schema.columns.size(); ++c) {
            if (!row.values.contains(c))
                unwritten.append(c);
        }
        const RowKey key = RowKey::inserted(row.serial);
        // With RETURNING the row that comes back is the proof of one row written.
        ok = unbindableColumn < 0 ? execute(q, key, columns, unwritten, returning.isEmpty(), result)
                                  : refuseUnbindable(key);
        if (ok) {
            const RowKey newKey = insertedKey(q, !returning.isEmpty(), row.values);
            if (newKey.isValid()) {
                result.insertedKeys.insert(row.serial, newKey);
            } else if (!returning.isEmpty()) {
                ok = false; // RETURNING gave no row: nothing proves the row was written
                result.error.key = key;
                result.error.rowText = describeRow(m_schema, m_changes, key);
                result.error.message = QObject::tr("the database wrote no row.");
                result.error.statement = q.lastQuery();
            }
        }
        result.inserted += ok;
    }

    for (QSqlQuery &q : m_statements)
        q.finish();
    if (ok && !control.exec(QStringLiteral("COMMIT"))) {
        ok = false;
        result.error = {};
        result.error.message =
            QObject::tr("COMMIT failed: %1").arg(databaseMessage(control.lastError()));
    }
    if (!ok) {
        control.exec(QStringLiteral("ROLLBACK"));
        result.deleted = result.updated = result.inserted = 0;
        result.insertedKeys.clear(); // rolled back: those keys name no row
        m_statements.clear();
        return result;
    }
    m_statements.clear();
    result.ok = true;
    return result;
}

} // namespace Tabula
