#include "savejob.h"
#include "savemessages.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace Tabula {

bool SaveJob::writeInserts(SaveResult &result)
{
    for (const ChangeSet::InsertedRow &row : m_changes.insertedRows()) {
        if (cancelledAt(result) || !insertRow(row, result))
            return false;
    }
    return true;
}

// The key of the row the INSERT in `query` just wrote, or an invalid key.
static RowKey insertedKey(const TableSchema &schema, QSqlQuery &query, bool returning,
                          const CellValues &values)
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
    const bool autoKey = schema.usesRowId() || (schema.keyColumns.size() == 1 &&
                                                !values.contains(schema.keyColumns.first()));
    if (autoKey) {
        const QVariant id = query.lastInsertId();
        return id.isValid() ? RowKey::stored({id}) : RowKey();
    }
    for (int c : schema.keyColumns) {
        if (!values.contains(c))
            return {};
        key << values.value(c);
    }
    return RowKey::stored(key);
}

bool SaveJob::insertRow(const ChangeSet::InsertedRow &row, SaveResult &result)
{
    const Dialect &d = m_database.dialect();
    const QList<int> columns = row.values.keys();
    QStringList names;
    QList<int> unwritten;
    for (int c = 0; c < m_schema.columns.size(); ++c) {
        if (row.values.contains(c))
            names << d.quoteIdentifier(m_schema.columns.at(c).name);
        else
            unwritten << c;
    }
    const QString sql = columns.isEmpty()
                            ? d.insertDefaultValues(m_table)
                            : QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                  .arg(m_table, names.join(QStringLiteral(", ")),
                                       QStringList(columns.size(), QStringLiteral("?")).join(", "));
    const QString returning = d.returningClause(m_identity.columns());
    QSqlQuery &q = statement(sql + returning);
    const RowKey key = RowKey::inserted(row.serial);
    for (int c : columns) {
        QString error;
        q.addBindValue(d.boundValue(m_schema.columns.at(c), row.values.value(c), &error));
        if (!error.isEmpty())
            return fail(result, key, m_schema.columns.at(c).name, error);
    }
    if (!run(q)) {
        const QString message = databaseMessage(q.lastError());
        return failStatement(result, q, key, columnNamedIn(message, m_schema, columns, unwritten));
    }
    // With RETURNING the row that comes back is the proof of one row written.
    if (returning.isEmpty() && q.numRowsAffected() != 1)
        return fail(result, key, {}, QObject::tr("the database wrote no row."), q.lastQuery());
    const RowKey newKey = insertedKey(m_schema, q, !returning.isEmpty(), row.values);
    if (newKey.isValid())
        result.insertedKeys.insert(row.serial, newKey);
    else if (!returning.isEmpty())
        return fail(result, key, {}, QObject::tr("the database wrote no row."), q.lastQuery());
    ++result.inserted;
    return true;
}

} // namespace Tabula
