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
};

// Writes a change set in one short transaction: DELETEs, then UPDATEs, then INSERTs, each
// shape prepared once and reused, every value bound. Every UPDATE and DELETE must touch
// exactly one row. Any failure rolls back, and the change set is never touched: the caller
// clears it only after a successful COMMIT.
class SaveJob
{
public:
    SaveJob(const Database &database, const TableSchema &schema, const ChangeSet &changes);
    SaveResult run();

private:
    // `unwritten`: columns an INSERT left to their defaults, which its error may name.
    bool execute(QSqlQuery &query, const RowKey &key, const QList<int> &columns,
                 const QList<int> &unwritten, bool expectOneRow, SaveResult &result);
    QString keyWhereClause() const;
    QSqlQuery &statement(const QString &sql);

    const Database &m_database;
    const TableSchema &m_schema;
    const ChangeSet &m_changes;
    QHash<QString, QSqlQuery> m_statements;
};

// "id = 42", "(a = 1, b = 'x')", "new row 2".
QString describeRow(const TableSchema &schema, const ChangeSet &changes, const RowKey &key);

} // namespace Tabula
