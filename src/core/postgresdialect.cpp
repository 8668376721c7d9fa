#include "connectionspec.h"
#include "dialect.h"
#include "foreignkey.h"
#include "pgdriver.h"
#include "pgrows.h"
#include "purefunctions.h"

#include <QSqlQuery>
#include <QTimeZone>

#include <libpq-fe.h>

Q_DECLARE_METATYPE(std::shared_ptr<PGcancel>)

namespace Tabula {

namespace {

ValueKind kindForPostgresType(const QString &typname, const QString &category,
                              const QString &typtype)
{
    if (typtype == QLatin1String("e"))
        return ValueKind::Enum;
    if (category == QLatin1String("A"))
        return ValueKind::Other;
    static const QHash<QString, ValueKind> kinds = {
        {"bool", ValueKind::Boolean},
        {"int2", ValueKind::Integer},
        {"int4", ValueKind::Integer},
        {"int8", ValueKind::Integer},
        {"oid", ValueKind::Integer},
        {"float4", ValueKind::Real},
        {"float8", ValueKind::Real},
        {"numeric", ValueKind::Numeric},
        {"text", ValueKind::Text},
        {"varchar", ValueKind::Text},
        {"bpchar", ValueKind::Text},
        {"name", ValueKind::Text},
        {"citext", ValueKind::Text},
        {"date", ValueKind::Date},
        {"time", ValueKind::Time},
        {"timestamp", ValueKind::DateTime},
        {"timestamptz", ValueKind::DateTime},
        {"uuid", ValueKind::Uuid},
        {"json", ValueKind::Json},
        {"jsonb", ValueKind::Json},
        {"bytea", ValueKind::Blob},
    };
    return kinds.value(typname, ValueKind::Other);
}

class PostgresDialect : public Dialect
{
public:
    DatabaseKind kind() const override { return DatabaseKind::PostgreSQL; }
    // Tabula's own driver (pgdriver.h): Qt's QPSQL does not work through a pooling proxy.
    QString qtDriverName() const override { return PgDriver::registeredName(); }
    QString displayName() const override { return QStringLiteral("PostgreSQL"); }
    QString driverPackage() const override { return QStringLiteral("libpq5"); }
    QStringList sessionSetup() const override
    {
        return {QStringLiteral("SET client_encoding = 'UTF8'")};
    }
    // The session speaks the program's time zone. Qt's driver sends a QDateTime as a UTC
    // instant, which PostgreSQL turns into a `timestamp` in the session's zone: only in the
    // program's zone is that the wall-clock time the user typed.
    QList<SqlFragment> sessionPreferences() const override
    {
        const QString zone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
        if (zone.isEmpty())
            return {};
        // SET takes no parameters; set_config() does.
        return {{QStringLiteral("SELECT set_config('TimeZone', ?, false)"), {zone}}};
    }

    QString nullSafeEquals(const QString &lhs, const QString &rhs) const override
    {
        return lhs + QStringLiteral(" IS NOT DISTINCT FROM ") + rhs;
    }
    QStringList connectOptions(const ConnectionSpec &spec, bool) const override
    {
        QStringList options;
        for (auto it = spec.options.cbegin(); it != spec.options.cend(); ++it)
            options << it.key() + '=' + it.value();
        return options;
    }
    QList<SqlFragment> beginWrite(int timeoutMs) const override
    {
        // SET LOCAL, bound: the timeout ends with the transaction, nothing stays on the session
        // (a transaction-pooling proxy may hand it to someone else next).
        // A generic plan: Save binds up to 50,000 keys as one array, and a plan made for
        // those values estimates each of them (~25 ms a statement); the key's index is the
        // plan either way.
        return {{QStringLiteral("BEGIN"), {}},
                {QStringLiteral("SELECT set_config('lock_timeout', ?, true), "
                                "set_config('plan_cache_mode', ?, true)"),
                 {QStringLiteral("%1ms").arg(timeoutMs), QStringLiteral("force_generic_plan")}}};
    }
    bool isBusy(const QSqlError &error) const override
    {
        return error.nativeErrorCode() == QLatin1String("55P03") || isRetryable(error);
    }
    bool isPermissionDenied(const QSqlError &error) const override
    {
        return error.nativeErrorCode() == QLatin1String("42501");
    }
    bool isRetryable(const QSqlError &error) const override
    {
        return error.nativeErrorCode() == QLatin1String("40001") ||
               error.nativeErrorCode() == QLatin1String("40P01");
    }
    SqlFragment keyInIntegers(const QString &keyColumn, const qint64 *first,
                              qsizetype count) const override
    {
        return {keyColumn + QStringLiteral(" = ANY (CAST(? AS bigint[]))"),
                {'{' + joinIntegers(first, count) + '}'}};
    }
    QString castToText(const QString &columnSql) const override
    {
        return QStringLiteral("CAST(%1 AS TEXT)").arg(columnSql);
    }

    QString connectionErrorHint(const QSqlError &error) const override
    {
        if (error.databaseText().contains(QLatin1String("Connection refused")))
            return QObject::tr("Is the server running, and listening at that address?");
        // A pooling proxy says only "SASL authentication failed".
        if (error.databaseText().contains(QLatin1String("authentication failed")))
            return QObject::tr("Check the user name and password.");
        return {};
    }

    QVariant boundValue(const ColumnInfo &, const QVariant &value, QString *error) const override
    {
        if (value.typeId() == QMetaType::QString && value.toString().contains(QChar(0))) {
            *error = QObject::tr("PostgreSQL text cannot hold the NUL character (\\0); remove it "
                                 "or store the value as bytea.");
            return {};
        }
        return value;
    }

    QList<TableInfo> tables(const QSqlDatabase &db) const override
    {
        QList<TableInfo> result;
        QSqlQuery q(db);
        q.exec(QStringLiteral(
            "SELECT table_schema, table_name, table_type FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
            "ORDER BY table_schema <> current_schema(), table_schema, table_name"));
        while (q.next())
            result.append({{q.value(0).toString(), q.value(1).toString()},
                           q.value(2).toString() == QLatin1String("VIEW")});
        return result;
    }

    TableSchema schema(const QSqlDatabase &db, const TableInfo &table) const override
    {
        TableSchema s;
        s.id = table.id;
        s.isView = table.isView;
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef, "
            "  (a.attidentity <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid), '') "
            "    LIKE 'nextval(%'), "
            "  COALESCE((SELECT k.ord FROM unnest(i.indkey) WITH ORDINALITY AS k(num, ord) "
            "            WHERE k.num = a.attnum), 0), "
            "  t.typname, t.typcategory, t.typtype, a.attgenerated <> '', "
            "  (SELECT string_agg(e.enumlabel, E'\\n' ORDER BY e.enumsortorder) "
            "     FROM pg_enum e WHERE e.enumtypid = t.oid), "
            "  CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 "
            "    THEN a.atttypmod - 4 ELSE -1 END, "
            "  CASE WHEN t.typname = 'numeric' AND a.atttypmod > 4 "
            "    THEN ((a.atttypmod - 4) >> 16) & 65535 ELSE -1 END, "
            "  CASE WHEN t.typname = 'numeric' AND a.atttypmod > 4 "
            "    THEN (a.atttypmod - 4) & 65535 ELSE -1 END "
            "FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary "
            "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY a.attnum"));
        q.addBindValue(table.id.schema);
        q.addBindValue(table.id.name);
        q.exec();
        while (q.next()) {
            ColumnInfo c;
            c.name = q.value(0).toString();
            c.declaredType = q.value(1).toString();
            c.notNull = q.value(2).toBool();
            c.hasDefault = q.value(3).toBool();
            c.autoIncrement = q.value(4).toBool();
            c.primaryKeyPosition = q.value(5).toInt();
            c.kind = kindForPostgresType(q.value(6).toString(), q.value(7).toString(),
                                         q.value(8).toString());
            c.writable = !q.value(9).toBool() && q.value(7).toString() != QLatin1String("A");
            if (c.kind == ValueKind::Enum)
                c.enumValues = q.value(10).toString().split('\n');
            c.maxLength = q.value(11).toInt();
            c.setDecimalLimits(q.value(12).toInt(), q.value(13).toInt());
            s.columns.append(c);
        }
        s.collectKeyColumns();
        s.requireRowIdentity();
        return s;
    }

    QList<ForeignKey> foreignKeys(const QSqlDatabase &db, const TableId &table) const override
    {
        return keysWhere(db, QStringLiteral("cn.nspname = ? AND cl.relname = ?"), table);
    }
    QList<ForeignKey> referencingKeys(const QSqlDatabase &db, const TableId &table) const override
    {
        return keysWhere(db, QStringLiteral("fn.nspname = ? AND fcl.relname = ?"), table);
    }
    // Foreign-key constraints, one row per column pair, chosen by `condition` on `table`.
    static QList<ForeignKey> keysWhere(const QSqlDatabase &db, const QString &condition,
                                       const TableId &table)
    {
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("SELECT c.conname, cn.nspname, cl.relname, a.attname, "
                           "  fn.nspname, fcl.relname, fa.attname "
                           "FROM pg_constraint c "
                           "JOIN pg_class cl ON cl.oid = c.conrelid "
                           "JOIN pg_namespace cn ON cn.oid = cl.relnamespace "
                           "JOIN pg_class fcl ON fcl.oid = c.confrelid "
                           "JOIN pg_namespace fn ON fn.oid = fcl.relnamespace "
                           "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) "
                           "  WITH ORDINALITY AS k(attnum, fattnum, ord) "
                           "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                           "JOIN pg_attribute fa ON fa.attrelid = c.confrelid "
                           "  AND fa.attnum = k.fattnum "
                           "WHERE c.contype = 'f' AND %1 "
                           "ORDER BY cn.nspname, cl.relname, c.conname, k.ord")
                .arg(condition));
        q.addBindValue(table.schema);
        q.addBindValue(table.name);
        q.exec();
        return readForeignKeys(q);
    }

    const QSet<QString> &pureFunctions() const override { return postgresPureFunctions(); }
    bool nullsAreSmallest() const override { return false; }
    // reltuples is -1 for a table never vacuumed or analyzed (and 0 before PostgreSQL 14).
    SqlFragment estimatedRowCount(const TableId &table) const override
    {
        return {QStringLiteral("SELECT CASE WHEN reltuples > 0 THEN CAST(reltuples AS bigint) "
                               "END FROM pg_class WHERE oid = to_regclass(?)"),
                {qualifiedName(table)}};
    }
    SqlFragment leadingIndexColumns(const TableId &table) const override
    {
        return {QStringLiteral("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                               "ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                               "WHERE i.indrelid = to_regclass(?)"),
                {qualifiedName(table)}};
    }
    // The protocol's cancel request (PQcancel), not pg_cancel_backend(pid): behind a pooling
    // proxy the pid names whichever server connection the proxy lent, maybe someone else's;
    // the proxy forwards a cancel request to the one running this client's statement.
    QVariant sessionHandle(const QSqlDatabase &db) const override
    {
        const auto *driver = dynamic_cast<const PgDriver *>(db.driver());
        return driver ? QVariant::fromValue(driver->cancelHandle()) : QVariant();
    }
    void interrupt(const QVariant &handle, const QSqlDatabase &) const override
    {
        const auto cancel = handle.value<std::shared_ptr<PGcancel>>();
        char error[256];
        if (cancel && !PQcancel(cancel.get(), error, sizeof error))
            qWarning("Tabula: cancelling the PostgreSQL statement failed: %s", error);
    }
    bool readRows(const QSqlDatabase &db, const SqlFragment &select, int columns,
                  const RowSink &row, QString *error) const override
    {
        if (const std::optional<bool> ok = readPgRows(db, select, columns, row, error))
            return *ok;
        return Dialect::readRows(db, select, columns, row, error);
    }
    QString resetSessionState() const override
    {
        return QStringLiteral("SELECT pg_advisory_unlock_all()");
    }
    QString readOnlySavepoint() const override { return QStringLiteral("SAVEPOINT tabula_read"); }
    QString backToReadOnlySavepoint() const override
    {
        return QStringLiteral("ROLLBACK TO SAVEPOINT tabula_read");
    }
};

} // namespace

std::unique_ptr<Dialect> makePostgresDialect()
{
    return std::make_unique<PostgresDialect>();
}

} // namespace Tabula
