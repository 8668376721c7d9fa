#pragma once

#include "changeset.h"
#include "database.h"
#include "tableschema.h"

#include <QSqlQuery>

namespace Tabula {

struct SaveError
{
    RowKey key;        // the row that failed; invalid when the transaction itself failed
    QString rowText;   // the row in words: "id = 42", "new row 3"
    QString column;    // the column that failed, when it can be told
    QString message;   // what the database said
    QString statement; // the SQL that failed, for the details

    QString describe(const TableId &table) const;
};

struct SaveResult
{
    bool ok = false;
    SaveError error;
    int deleted = 0;
    int updated = 0;
    int inserted = 0;
    // The key each inserted row got, by its serial in the change set, where it could be told.
    QHash<quint64, RowKey> insertedKeys;
};

// Writes a change set in one short transaction: DELETEs, then UPDATEs, then INSERTs, each
// shape prepared once and reused, every value bound. Every UPDATE and DELETE must touch
// exactly the rows it names. Any failure rolls back, and the change set is never touched: the
// caller clears it only after a successful COMMIT.
//
// Rows deleted together, or set to the same values together (a bulk edit), are written by
// statements naming up to kGroupSize keys each. When one of those fails, the attempt is
// rolled back and made again row by row, so that the error names the row, column and reason.
class SaveJob
{
public:
    SaveJob(const Database &database, const TableSchema &schema, const ChangeSet &changes);
    SaveResult run();

    static constexpr int kGroupSize = 500;

private:
    SaveResult attempt(bool grouped);
    // Runs `head` + "<key> IN (...)" over `keys` in chunks, binding `values` first; false when
    // a statement fails or touches other than its own rows.
    bool executeGrouped(const QString &head, const QList<int> &columns, const QVariantList &values,
                        const QVector<RowKey> &keys);
    QString keyInList(int count) const;
    QStringList keyColumnNames() const;
    // The key of the row the INSERT in `query` just wrote, or an invalid key.
    RowKey insertedKey(QSqlQuery &query, bool returning, const CellValues &values) const;
    bool bindKeyValues(QSqlQuery &query, const RowKey &key, QString *error) const;
    // `unwritten`: columns an INSERT left to their defaults, which its error may name.
    bool execute(QSqlQuery &query, const RowKey &key, const QList<int> &columns,
                 const QList<int> &unwritten, bool expectOneRow, SaveResult &result);
    QString keyWhereClause() const;
    QSqlQuery &statement(const QString &sql);

    const Database &m_database;
    const TableSchema &m_schema;
    const ChangeSet &m_changes;
    QHash<QString, QSqlQuery> m_statements;
    bool m_groupFailed = false; // the last attempt failed in a statement naming many rows
};

// "id = 42", "(a = 1, b = 'x')", "new row 2".
QString describeRow(const TableSchema &schema, const ChangeSet &changes, const RowKey &key);

} // namespace Tabula
