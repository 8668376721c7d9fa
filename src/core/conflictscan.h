#pragma once

#include "changeset.h"
#include "preparedquery.h"
#include "rowidentity.h"
#include "tableschema.h"

#include <QSet>
#include <QSqlQuery>

namespace Tabula {

class Database;

// One pending change that someone else's change since the row was loaded stands in the way
// of: the cell's value when loaded, theirs now, and mine.
struct Conflict
{
    RowKey key;
    int column = -1; // -1: the row as a whole (they deleted it)
    QVariant loaded;
    QVariant theirs;
    QVariant mine;              // null where mine deletes the row
    bool theirsDeleted = false; // the row is gone: there is nothing to write mine to
    bool mineDeleted = false;   // my pending change deletes the row
};

// Finds every conflict of a change set, after a Save failed on the first one (Save stops
// there and rolls back). A read-only pass, outside any transaction: the rows with pending
// updates and deletes are read back by key, in batches, in the columns this Save writes
// (a column someone changed that it does not write is no conflict), and compared with their
// loaded values. A bulk edit counts as one edit per row; only the conflicts found are kept,
// however many rows it has.
class ConflictScan
{
public:
    ConflictScan(const Database &database, const TableSchema &schema, const ChangeSet &changes);
    // False with the database's reason when a read failed.
    bool run(QVector<Conflict> *conflicts, QString *error);

    static constexpr int kBatchSize = 500;        // keys per IN list
    static constexpr int kArrayBatchSize = 50000; // keys per bound array (keyInIntegers)

private:
    using Rows = QHash<RowKey, QVariantList>; // key -> the read columns, in order
    struct Pending                            // one stored row's pending update or delete
    {
        RowKey key;
        const ChangeSet::StoredRow *row;
    };
    bool scanStoredRows(QVector<Conflict> *conflicts);
    void compareStored(const Pending &pending, const QList<int> &columns, const Rows &rows,
                       QVector<Conflict> *conflicts);
    bool scanBulk(const BulkOperation &bulk, QVector<Conflict> *conflicts);
    bool scanBulkBatch(const BulkOperation &bulk, const std::vector<qsizetype> &positions,
                       bool asIntegers, QVector<Conflict> *conflicts);
    void compareBulk(const BulkOperation &bulk, const std::vector<qsizetype> &positions,
                     const Rows &rows, QVector<Conflict> *conflicts);
    // Reads `columns` of the rows with these keys; rows not found are not in `rows`.
    bool readRows(const QVector<RowKey> &keys, const QList<int> &columns, Rows *rows);
    bool readIntegerKeys(const std::vector<qint64> &keys, int column, Rows *rows);
    bool readQuery(QSqlQuery &query, const QList<int> &columns, Rows *rows);
    QString selectSql(const QList<int> &columns, const QString &match) const;
    QSqlQuery &statement(const QString &sql) { return m_statements.statement(sql); }
    void addDeleted(const RowKey &key, bool mineDeleted, QVector<Conflict> *conflicts);

    const Database &m_database;
    const TableSchema &m_schema;
    const ChangeSet &m_changes;
    const RowIdentity m_identity;
    StatementCache m_statements;    // prepared once per shape
    QSet<RowKey> m_reportedDeleted; // a row they deleted is one conflict, however edited
    QString m_error;
};

} // namespace Tabula
