#pragma once

#include "changeset.h"
#include "database.h"
#include "preparedquery.h"
#include "rowidentity.h"
#include "tableschema.h"

#include <QSqlQuery>
#include <atomic>

namespace Tabula {

struct SaveError
{
    RowKey key;             // the row that failed; invalid when the transaction itself failed
    QString rowText;        // the row in words: "id = 42", "new row 3"
    QString column;         // the column that failed, when it can be told
    QString message;        // what the database said
    QString statement;      // the SQL that failed, for the details
    bool conflict = false;  // someone else changed or deleted the row since it was loaded
    bool busy = false;      // another session held a lock past the busy timeout: retry later
    bool cancelled = false; // the user stopped it (SaveJob::Control): nothing was written

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
// shape prepared once and reused, every value bound, rows in key order. Every UPDATE and
// DELETE must touch exactly the rows it names, and an UPDATE only rows that still hold, in
// the columns it writes, the values they had when loaded: a row someone else changed or
// deleted since is a conflict, never silently overwritten. Any failure rolls back, and the
// change set is never touched: the caller clears it only after a successful COMMIT.
//
// Rows deleted together, or set to the same values together (a bulk edit), are written by
// statements naming up to kGroupSize keys each. When one of those fails, the attempt is
// rolled back and made again row by row, so that the error names the row, column and reason.
class SaveJob
{
public:
    SaveJob(const Database &database, const TableSchema &schema, const ChangeSet &changes);
    SaveResult run();

    // For a Save on a worker thread: `cancelled` is checked between statements (the one
    // running is stopped with Dialect::interrupt), and `rowsWritten` counts the rows written
    // so far in this attempt. A cancelled Save rolls back and says so in SaveError::cancelled.
    struct Control
    {
        std::atomic<bool> cancelled{false};
        std::atomic<qint64> rowsWritten{0};
    };
    void setControl(Control *control) { m_control = control; }

    static constexpr int kGroupSize = 500;
    // Rows a statement names when their keys go as one bound array (Dialect::keyInIntegers).
    static constexpr int kArrayGroupSize = 50000;
    // Serialization failures and deadlocks are tried again this many times, with backoff.
    static constexpr int kRetries = 3;

private:
    struct Update // columns set on rows, with the values they were loaded with
    {
        QList<int> columns; // ascending
        QVariantList values;
        QVariantList loaded; // each column's value when the row was loaded
    };
    SaveResult attempt(bool grouped);
    bool begin(QSqlQuery &control, SaveResult &result);
    // Records a failed statement's error; a busy database is said as such.
    bool failStatement(SaveResult &result, const QSqlQuery &query, const RowKey &key,
                       const QString &column);
    // A statement naming many rows failed: busy is final, anything else is retried row by row.
    bool failGroup(SaveResult &result, const QSqlQuery &query);
    bool writeDeletes(bool grouped, SaveResult &result);
    bool deleteRow(const RowKey &key, const CellValues &loaded, SaveResult &result);
    bool writeBulk(const BulkOperation &bulk, bool grouped, SaveResult &result);
    bool writeIntegerGroups(const Update &update, const KeyList &keys,
                            const std::vector<qsizetype> &positions, SaveResult &result);
    bool writeKeyGroups(const Update &update, const KeyList &keys,
                        const std::vector<qsizetype> &positions, bool grouped, SaveResult &result);
    bool writeCellEdits(bool grouped, SaveResult &result);
    bool writeInserts(SaveResult &result);
    bool writeGroup(const Update &update, const QVector<RowKey> &keys, SaveResult &result);
    bool writeRow(const Update &update, const RowKey &key, SaveResult &result);
    bool insertRow(const ChangeSet::InsertedRow &row, SaveResult &result);

    QString updateSql(const Update &update, const QString &match) const;
    // "column IS ?" for each column of `update` compared in SQL, and the loaded values bound.
    QStringList checks(const Update &update) const;
    void bindChecks(QSqlQuery &query, const Update &update) const;
    // Binds the update's values, then its check values; false with the reason in `error`.
    bool bindUpdate(QSqlQuery &query, const Update &update, QString *error,
                    QString *column = nullptr) const;
    // Columns of `update` whose loaded values are compared by reading the rows back.
    bool unchangedWhenRead(const Update &update, const QVector<RowKey> &keys);
    bool fail(SaveResult &result, const RowKey &key, const QString &column, const QString &message,
              const QString &statement = {});
    bool failRowUpdate(QSqlQuery &query, const Update &update, const RowKey &key,
                       SaveResult &result);
    QSqlQuery &statement(const QString &sql) { return m_statements.statement(sql); }
    bool run(QSqlQuery &query) { return m_statements.exec(query); }
    bool groupFailed();
    // Publishes the progress; true (with `result` saying so) when the user cancelled.
    bool cancelledAt(SaveResult &result);
    bool isCancelled() const { return m_control && m_control->cancelled; }

    const Database &m_database;
    const TableSchema &m_schema;
    const ChangeSet &m_changes;
    const RowIdentity m_identity;
    QString m_table;
    StatementCache m_statements;
    bool m_groupFailed = false; // the last attempt failed in a statement naming many rows
    bool m_retryable = false;   // the last attempt failed beside another transaction
    Control *m_control = nullptr;
};

// "id = 42", "(a = 1, b = 'x')", "new row 2".
QString describeRow(const TableSchema &schema, const ChangeSet &changes, const RowKey &key);

} // namespace Tabula
