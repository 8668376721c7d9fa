#pragma once

#include "rowidentity.h"
#include "sqlfragment.h"
#include "tableschema.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <functional>
#include <memory>

namespace Tabula {

struct ConnectionSpec;

enum class DatabaseKind
{
    SQLite,
    PostgreSQL,
    MySQL
};

// Everything that differs between the databases Tabula speaks to lives in one
// Dialect subclass per database, never in `if (driver == ...)` around the code.
// "1,2,3": integers joined by commas, for the array literals of keyInIntegers().
QString joinIntegers(const qint64 *first, qsizetype count);

class Dialect
{
public:
    virtual ~Dialect() = default;

    static std::unique_ptr<Dialect> create(DatabaseKind kind);

    virtual DatabaseKind kind() const = 0;
    virtual QString qtDriverName() const = 0;
    virtual QString displayName() const = 0;
    // The Debian/Ubuntu package holding the Qt driver, for the "not installed" message.
    virtual QString driverPackage() const = 0;

    // Identifiers are quoted here, not by QSqlDriver::escapeIdentifier (6.4's SQLite one
    // mishandles some names).
    virtual QString quoteIdentifier(const QString &name) const;
    QString qualifiedName(const TableId &table) const;
    // How the rows of `schema` are told apart. The schema must outlive the result.
    RowIdentity rowIdentity(const TableSchema &schema) const { return RowIdentity(*this, schema); }

    // Options for QSqlDatabase::setConnectOptions.
    virtual QStringList connectOptions(const ConnectionSpec &spec, bool readOnly) const = 0;
    // The host the driver is given: the URL's host, or nothing where a socket path goes into
    // connectOptions() instead.
    virtual QString hostName(const ConnectionSpec &spec) const;
    // Statements that open and close the short write transaction of a Save.
    virtual QString beginWriteTransaction() const { return QStringLiteral("BEGIN"); }
    // How Save begins its transaction, run in order: it waits at most `timeoutMs` for a lock
    // another session holds, then fails with an error isBusy() recognises.
    virtual QList<SqlFragment> beginWrite(int timeoutMs) const
    {
        Q_UNUSED(timeoutMs);
        return {{beginWriteTransaction(), {}}};
    }
    // Whether an error says another session held a lock past the wait: the database is busy.
    virtual bool isBusy(const QSqlError &error) const
    {
        Q_UNUSED(error);
        return false;
    }
    // Whether a transaction failed only for running beside another (a serialization failure,
    // a deadlock): the same transaction again may well succeed.
    virtual bool isRetryable(const QSqlError &error) const
    {
        Q_UNUSED(error);
        return false;
    }
    // Around queries that carry user SQL: nothing in between can write.
    virtual QString beginReadOnly() const { return QStringLiteral("BEGIN READ ONLY"); }
    virtual QString endReadOnly() const { return QStringLiteral("ROLLBACK"); }
    // Where a database aborts a transaction on the first error (PostgreSQL), a savepoint set
    // after beginReadOnly() and rolled back to at the end lets resetSessionState() run inside
    // the same transaction even after user SQL failed: behind a transaction-pooling proxy the
    // next transaction may be on another server connection. Empty: reset after the end.
    virtual QString readOnlySavepoint() const { return {}; }
    virtual QString backToReadOnlySavepoint() const { return {}; }
    // Called once after the connection opened, before sessionSetup(): what SQL cannot do.
    virtual bool prepareConnection(QSqlDatabase &db, QString *error) const
    {
        Q_UNUSED(db);
        Q_UNUSED(error);
        return true;
    }
    // Called once after the connection opened (session settings).
    virtual QStringList sessionSetup() const { return {}; }
    // A sentence added to a failed connection's message, when the database's own is terse.
    virtual QString connectionErrorHint(const QSqlError &error) const
    {
        Q_UNUSED(error);
        return {};
    }
    // Settings that help but are not needed: one that fails leaves the server's default.
    virtual QList<SqlFragment> sessionPreferences() const { return {}; }

    // How a key column is matched in UPDATE/DELETE: `=` where keys cannot be NULL (and an
    // index is used), SQLite's IS where a legacy primary key may hold NULL.
    virtual QString keyEquals(const QString &lhs, const QString &rhs) const
    {
        return lhs + QStringLiteral(" = ") + rhs;
    }
    // A key column as row identity reads it, and the placeholder its bound value is matched
    // with, such that the value read binds back to the same stored value: SQLite reads a TEXT
    // key as its bytes (text that is not UTF-8 would change on its way through a QString).
    virtual QString keyColumnRead(const ColumnInfo &column, const QString &quoted) const
    {
        Q_UNUSED(column);
        return quoted;
    }
    virtual QString keyPlaceholder(const ColumnInfo &column) const
    {
        Q_UNUSED(column);
        return QStringLiteral("?");
    }
    // `lhs` equals `rhs`, with NULL equal to NULL.
    virtual QString nullSafeEquals(const QString &lhs, const QString &rhs) const = 0;
    // Whether a value of `column` as Tabula read it, bound back, compares equal in SQL to what
    // the database holds. Save checks such columns for changes by others in the UPDATE
    // itself; others (a timestamp read to the millisecond, a float4 widened to a double, json
    // without an equality operator) are read back and compared as read.
    virtual bool comparesExactly(const ColumnInfo &column) const;
    // "`keyColumn` is one of these integers", as one bound parameter however many there are
    // (SQLite's json_each, PostgreSQL's arrays), so that a bulk edit of a million rows is a few
    // statements with little to bind. Empty where the database has no such form: IN lists.
    virtual SqlFragment keyInIntegers(const QString &keyColumn, const qint64 *first,
                                      qsizetype count) const
    {
        Q_UNUSED(keyColumn);
        Q_UNUSED(first);
        Q_UNUSED(count);
        return {};
    }
    // Predicate for "column's text contains pattern" (case-insensitive); the pattern is one
    // bound LIKE pattern that uses '!' as its escape character.
    virtual QString containsPredicate(const QString &columnSql) const;
    // The bound pattern of containsPredicate() for "contains `text`", wildcards escaped.
    static QString containsPattern(const QString &text);
    // An expression turning a column into text, for text comparisons of any type.
    virtual QString castToText(const QString &columnSql) const = 0;
    // The value to bind for `column`, in the form the database stores and reads back unchanged.
    // When the database cannot hold the value at all, says why in `error` (the Save fails
    // at that row and column instead of sending it).
    virtual QVariant boundValue(const ColumnInfo &column, const QVariant &value,
                                QString *error) const
    {
        Q_UNUSED(column);
        Q_UNUSED(error);
        return value;
    }
    // How a new row's key comes back after INSERT: this clause appended to it (RETURNING on
    // SQLite and PostgreSQL), or, when empty, the driver's lastInsertId() (MariaDB/MySQL).
    virtual QString returningClause(const QStringList &keyColumns) const
    {
        return QStringLiteral(" RETURNING ") + keyColumns.join(QStringLiteral(", "));
    }
    // Inserting a row where every column takes its default.
    virtual QString insertDefaultValues(const QString &qualifiedTable) const;

    // Schema.
    virtual QList<TableInfo> tables(const QSqlDatabase &db) const = 0;
    virtual TableSchema schema(const QSqlDatabase &db, const TableInfo &table) const = 0;
    // The foreign keys `table` holds, and those of every table that reference `table`.
    virtual QList<ForeignKey> foreignKeys(const QSqlDatabase &db, const TableId &table) const = 0;
    virtual QList<ForeignKey> referencingKeys(const QSqlDatabase &db,
                                              const TableId &table) const = 0;

    // User SQL (sqlguard.h): the functions a raw WHERE or a bulk edit's expression may call,
    // in lower case. Only functions that compute or read (purefunctions.h).
    virtual const QSet<QString> &pureFunctions() const = 0;
    // Run after every query that carried user SQL, once its read-only transaction is over:
    // releases what a session keeps past a rollback (PostgreSQL advisory locks, MariaDB user
    // locks), in case something got past the guard. Empty where a session holds nothing.
    virtual QString resetSessionState() const { return {}; }
    // A statement checking the file's pages, one row "ok" when they are sound; empty where the
    // database has none (a server looks after its own storage).
    virtual QString quickCheck() const { return {}; }
    // Called before the connection closes. A connection that saved nothing must leave the
    // files on disk as they were (SQLite would fold a -wal file into the database).
    virtual void beforeClose(QSqlDatabase &db) const { Q_UNUSED(db); }
    // Where NULL sorts: as the smallest value (first in ASC, last in DESC: SQLite, MariaDB) or
    // as the largest (PostgreSQL). The grid's keyset windows depend on it.
    virtual bool nullsAreSmallest() const { return true; }
    // A statement whose one value is the catalog's estimate of the rows of `table`, read
    // without counting them; empty where the database keeps none.
    virtual SqlFragment estimatedRowCount(const TableId &table) const
    {
        Q_UNUSED(table);
        return {};
    }
    // A statement listing (first column) every column of `table` that leads an index, so
    // that sorting by it reads one window at a time instead of sorting the whole table.
    virtual SqlFragment leadingIndexColumns(const TableId &table) const = 0;
    // What interrupt() needs to stop a statement running on `db`, read on the thread that
    // owns `db` (SQLite's connection handle, a server's session id).
    virtual QVariant sessionHandle(const QSqlDatabase &db) const = 0;
    // Stops the statement running on the session `handle` names, from another thread; `own`
    // is a connection of the calling thread, for databases that cancel with a statement.
    virtual void interrupt(const QVariant &handle, const QSqlDatabase &own) const = 0;
    // Whether the database has privileges per table to read at open (servers; a SQLite file
    // is writable or not as a whole), and whether an error says one is missing.
    virtual bool checksPrivileges() const { return true; }
    virtual bool isPermissionDenied(const QSqlError &error) const = 0;
    // Reads every row of `select`, `columns` values a row, as QSqlQuery::value() gives them,
    // handing each row to `row` (valid only during the call). A value equal in type and
    // content to the same column's in the row before may be that very QVariant again, sharing
    // its data. False, with the database's message in `error`, when the statement fails.
    // This reads through QSqlQuery; a dialect may read its driver's rows directly.
    using RowSink = std::function<void(const QVariant *values)>;
    virtual bool readRows(const QSqlDatabase &db, const SqlFragment &select, int columns,
                          const RowSink &row, QString *error) const;
    // Whether a failed read means the stored data is damaged (not busy, locked or refused).
    virtual bool isDamageError(const QSqlError &error) const
    {
        Q_UNUSED(error);
        return false;
    }
};

} // namespace Tabula
