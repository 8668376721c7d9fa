#include "connectionspec.h"
#include "dialect.h"
#include "foreignkey.h"
#include "purefunctions.h"
#include "sqliterows.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlRecord>
#include <sqlite3.h>

namespace Tabula {

namespace {

// sqlite3_interrupt() stops a running statement but not a wait for another writer's lock (the
// busy handler): Tabula's own busy handler waits the connection's busy timeout unless
// interrupt() was called. Each open connection has an entry, from prepareConnection() to
// beforeClose().
struct BusyWait
{
    int timeoutMs = 0;
    bool interrupted = false;
};
QMutex g_busyMutex;
QHash<sqlite3 *, BusyWait> g_busyWaits;

constexpr int kBusyStepMs = 10;

int waitUnlessInterrupted(void *connection, int count)
{
    {
        const QMutexLocker lock(&g_busyMutex);
        const BusyWait wait = g_busyWaits.value(static_cast<sqlite3 *>(connection));
        if (wait.interrupted || count * kBusyStepMs >= wait.timeoutMs)
            return 0;
    }
    sqlite3_sleep(kBusyStepMs);
    return 1;
}

sqlite3 *connectionOf(const QVariant &handle)
{
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

QString timeText(const QTime &time)
{
    return time.toString(time.msec() ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
}

// tabula_fold(text): Unicode case folding, which SQLite's own LOWER() and LIKE do for ASCII
// letters only (without ICU), so that a filter for "émile" finds "Émile".
void foldCase(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    const QByteArray folded =
        QString::fromUtf8(text, sqlite3_value_bytes(argv[0])).toCaseFolded().toUtf8();
    sqlite3_result_text(context, folded.constData(), int(folded.size()), SQLITE_TRANSIENT);
}

class SqliteDialect : public Dialect
{
public:
    DatabaseKind kind() const override { return DatabaseKind::SQLite; }
    QString qtDriverName() const override { return QStringLiteral("QSQLITE"); }
    QString displayName() const override { return QStringLiteral("SQLite"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-sqlite"); }

    // IMMEDIATE takes the write lock at BEGIN, so a busy database fails the Save up front
    // (after the busy timeout) instead of in the middle.
    QString beginWriteTransaction() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QStringList connectOptions(const ConnectionSpec &spec, bool readOnly) const override
    {
        // The busy timeout is the connection's: BEGIN IMMEDIATE waits that long for a writer.
        QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(spec.busyTimeoutMs)};
        if (readOnly)
            options << QStringLiteral("QSQLITE_OPEN_READONLY");
        return options;
    }
    bool isBusy(const QSqlError &error) const override
    {
        const int code = error.nativeErrorCode().toInt() & 0xff; // extended codes too
        return code == 5 || code == 6;                           // SQLITE_BUSY, SQLITE_LOCKED
    }
    // SQLite prepares one statement per string, and query_only refuses any write in it.
    QString beginReadOnly() const override { return QStringLiteral("PRAGMA query_only = ON"); }
    QString endReadOnly() const override { return QStringLiteral("PRAGMA query_only = OFF"); }
    QStringList sessionSetup() const override
    {
        return {QStringLiteral("PRAGMA foreign_keys = ON")};
    }

    // Values come back in their storage class (integer, real, text, blob) and bind back as it.
    bool comparesExactly(const ColumnInfo &) const override { return true; }
    // SQLite keeps no row count; the span of the rowids is one, read from the ends of the
    // table's b-tree without a scan. An upper bound: exact unless rows were deleted, as in
    // most tables people edit. Nothing for a WITHOUT ROWID table or a view (the read fails).
    SqlFragment estimatedRowCount(const TableId &table) const override
    {
        const QString name = qualifiedName(table);
        return {QStringLiteral("SELECT (SELECT max(rowid) FROM %1) - (SELECT min(rowid) FROM %1) "
                               "+ 1")
                    .arg(name),
                {}};
    }
    // INTEGER PRIMARY KEY (the rowid) is in no index list: indexedColumns() adds key columns.
    SqlFragment leadingIndexColumns(const TableId &table) const override
    {
        return {QStringLiteral("SELECT ii.name FROM pragma_index_list(?) AS il, "
                               "pragma_index_info(il.name) AS ii WHERE ii.seqno = 0"),
                {table.name}};
    }
    SqlFragment keyInIntegers(const QString &keyColumn, const qint64 *first,
                              qsizetype count) const override
    {
        return {keyColumn + QStringLiteral(" IN (SELECT value FROM json_each(?))"),
                {'[' + joinIntegers(first, count) + ']'}};
    }
    QString keyEquals(const QString &lhs, const QString &rhs) const override
    {
        return nullSafeEquals(lhs, rhs);
    }
    // CAST(? AS TEXT) keeps a blob's bytes as they are: the key matches byte for byte, and the
    // column's index still finds it.
    QString keyColumnRead(const ColumnInfo &column, const QString &quoted) const override
    {
        return column.kind == ValueKind::Text ? QStringLiteral("CAST(%1 AS BLOB)").arg(quoted)
                                              : quoted;
    }
    QString keyPlaceholder(const ColumnInfo &column) const override
    {
        return column.kind == ValueKind::Text ? QStringLiteral("CAST(? AS TEXT)")
                                              : QStringLiteral("?");
    }
    bool prepareConnection(QSqlDatabase &db, QString *error) const override
    {
        const QVariant handle = db.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
            *error = QObject::tr("the SQLite driver gave no connection handle.");
            return false;
        }
        sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
        const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
        if (sqlite3_create_function_v2(connection, "tabula_fold", 1, flags, nullptr, &foldCase,
                                       nullptr, nullptr, nullptr) != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(connection));
            return false;
        }
        // Closing would fold a -wal file into the database even when nothing was saved;
        // beforeClose() lets it when something was.
        sqlite3_db_config(connection, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        return waitForLocksUnlessInterrupted(db, connection, error);
    }
    // The busy timeout Qt set (QSQLITE_BUSY_TIMEOUT), kept, in a handler that interrupt() ends.
    static bool waitForLocksUnlessInterrupted(QSqlDatabase &db, sqlite3 *connection, QString *error)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA busy_timeout")) || !query.next()) {
            *error = QObject::tr("cannot read the busy timeout.");
            return false;
        }
        {
            const QMutexLocker lock(&g_busyMutex);
            g_busyWaits.insert(connection, BusyWait{query.value(0).toInt(), false});
        }
        sqlite3_busy_handler(connection, &waitUnlessInterrupted, connection);
        return true;
    }
    QString returningClause(const QStringList &keyColumns) const override
    {
        // RETURNING came with SQLite 3.35; before it, the rowid is the driver's lastInsertId().
        return sqlite3_libversion_number() >= 3035000 ? Dialect::returningClause(keyColumns)
                                                      : QString();
    }
    QString containsPredicate(const QString &columnSql) const override
    {
        return QStringLiteral("tabula_fold(%1) LIKE tabula_fold(?) ESCAPE '!'")
            .arg(castToText(columnSql));
    }
    QString nullSafeEquals(const QString &lhs, const QString &rhs) const override
    {
        return lhs + QStringLiteral(" IS ") + rhs;
    }
    QString castToText(const QString &columnSql) const override
    {
        return QStringLiteral("CAST(%1 AS TEXT)").arg(columnSql);
    }

    // SQLite has no date types: dates and times are text, in the form its own date functions
    // read and write ("2024-07-04 09:15:00"), so that they sort and compare with the rest.
    QVariant boundValue(const ColumnInfo &, const QVariant &value, QString *) const override
    {
        if (value.isNull())
            return value;
        switch (value.typeId()) {
        case QMetaType::QDateTime: {
            const QDateTime dt = value.toDateTime();
            return dt.date().toString(Qt::ISODate) + ' ' + timeText(dt.time());
        }
        case QMetaType::QDate:
            return value.toDate().toString(Qt::ISODate);
        case QMetaType::QTime:
            return timeText(value.toTime());
        default:
            return value;
        }
    }

    QList<TableInfo> tables(const QSqlDatabase &db) const override
    {
        QList<TableInfo> result;
        QSqlQuery q(db);
        q.exec(
            QStringLiteral("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
                           "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
        while (q.next())
            result.append({{QString(), q.value(0).toString()}, q.value(1).toString() == "view"});
        return result;
    }

    TableSchema schema(const QSqlDatabase &db, const TableInfo &table) const override
    {
        TableSchema s;
        s.id = table.id;
        s.isView = table.isView;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                                 "FROM pragma_table_xinfo(?) ORDER BY cid"));
        q.addBindValue(table.id.name);
        q.exec();
        while (q.next()) {
            ColumnInfo c;
            c.name = q.value(0).toString();
            c.declaredType = q.value(1).toString();
            c.kind = valueKindForSqliteType(c.declaredType);
            c.storesDecimalsAsFloat = c.kind == ValueKind::Numeric;
            c.notNull = q.value(2).toInt() != 0;
            c.hasDefault = !q.value(3).isNull();
            c.primaryKeyPosition = q.value(4).toInt();
            c.writable = q.value(5).toInt() == 0; // generated columns are hidden 2 or 3
            s.columns.append(c);
        }
        s.collectKeyColumns();
        // An INTEGER PRIMARY KEY is the rowid: SQLite fills it on insert.
        if (s.keyColumns.size() == 1 && s.columns[s.keyColumns.first()].declaredType.compare(
                                            "INTEGER", Qt::CaseInsensitive) == 0)
            s.columns[s.keyColumns.first()].autoIncrement = true;
        // Without a primary key, a table's rows are still told apart by their rowid, under
        // whichever of its names no column hides.
        if (!table.isView && s.keyColumns.isEmpty()) {
            for (const QString candidate : {"rowid", "_rowid_", "oid"}) {
                if (s.columnIndex(candidate) < 0) {
                    s.rowIdName = candidate;
                    break;
                }
            }
        }
        s.requireRowIdentity();
        return s;
    }

    QList<ForeignKey> foreignKeys(const QSqlDatabase &db, const TableId &table) const override
    {
        // The referenced table as DDL spelled it, which may differ in case from its name.
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("SELECT CAST(f.id AS TEXT), '', ?, f.\"from\", '', "
                           "  COALESCE((SELECT m.name FROM sqlite_master m WHERE m.type = 'table' "
                           "            AND m.name = f.\"table\" COLLATE NOCASE), f.\"table\"), "
                           "  COALESCE(f.\"to\", '') "
                           "FROM pragma_foreign_key_list(?) f ORDER BY f.id, f.seq"));
        q.addBindValue(table.name);
        q.addBindValue(table.name);
        q.exec();
        return withPrimaryKeys(db, readForeignKeys(q));
    }
    QList<ForeignKey> referencingKeys(const QSqlDatabase &db, const TableId &table) const override
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT CAST(f.id AS TEXT), '', m.name, f.\"from\", '', ?, COALESCE(f.\"to\", '') "
            "FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
            "WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE "
            "ORDER BY m.name, f.id, f.seq"));
        q.addBindValue(table.name);
        q.addBindValue(table.name);
        q.exec();
        return withPrimaryKeys(db, readForeignKeys(q));
    }
    // `REFERENCES parent` without columns means the parent's primary key.
    static QList<ForeignKey> withPrimaryKeys(const QSqlDatabase &db, QList<ForeignKey> keys)
    {
        for (ForeignKey &key : keys) {
            if (!key.referencedColumns.contains(QString()))
                continue;
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT name FROM pragma_table_info(?) WHERE pk > 0 "
                                     "ORDER BY pk"));
            q.addBindValue(key.referencedTable.name);
            q.exec();
            key.referencedColumns.clear();
            while (q.next())
                key.referencedColumns.append(q.value(0).toString());
        }
        return keys;
    }

    const QSet<QString> &pureFunctions() const override { return sqlitePureFunctions(); }
    void beforeClose(QSqlDatabase &db) const override
    {
        const QVariant handle = db.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
            return;
        sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
        {
            const QMutexLocker lock(&g_busyMutex);
            g_busyWaits.remove(connection);
        }
        if (sqlite3_total_changes(connection) > 0)
            sqlite3_db_config(connection, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    }
    QString connectionErrorHint(const QSqlError &error) const override
    {
        return isDamageError(error) ? QObject::tr("The file is damaged.") : QString();
    }
    bool isDamageError(const QSqlError &error) const override
    {
        const int code = error.nativeErrorCode().toInt() & 0xff; // the primary result code
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    }
    QVariant sessionHandle(const QSqlDatabase &db) const override { return db.driver()->handle(); }
    bool readRows(const QSqlDatabase &db, const SqlFragment &select, int columns,
                  const RowSink &row, QString *error) const override
    {
        if (const std::optional<bool> ok =
                readSqliteRows(connectionOf(db.driver()->handle()), db.numericalPrecisionPolicy(),
                               select, columns, row, error))
            return *ok;
        return Dialect::readRows(db, select, columns, row, error);
    }
    void interrupt(const QVariant &handle, const QSqlDatabase &) const override
    {
        sqlite3 *connection = connectionOf(handle);
        if (!connection)
            return;
        const QMutexLocker lock(&g_busyMutex);
        auto it = g_busyWaits.find(connection);
        if (it == g_busyWaits.end())
            return; // closed already: the address may be another connection's by now
        it->interrupted = true;
        sqlite3_interrupt(connection);
    }
    bool checksPrivileges() const override { return false; }
    bool isPermissionDenied(const QSqlError &) const override { return false; }
    QString quickCheck() const override { return QStringLiteral("PRAGMA quick_check"); }
};

} // namespace

std::unique_ptr<Dialect> makeSqliteDialect()
{
    return std::make_unique<SqliteDialect>();
}

} // namespace Tabula
