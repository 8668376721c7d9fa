#include "connectionspec.h"
#include "dialect.h"
#include "foreignkey.h"
#include "preparedquery.h"
#include "purefunctions.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace Tabula {

namespace {

ValueKind kindForMysqlType(const QString &dataType, const QString &columnType)
{
    if (columnType.startsWith(QLatin1String("tinyint(1)")))
        return ValueKind::Boolean;
    static const QHash<QString, ValueKind> kinds = {
        {"tinyint", ValueKind::Integer},   {"smallint", ValueKind::Integer},
        {"mediumint", ValueKind::Integer}, {"int", ValueKind::Integer},
        {"bigint", ValueKind::Integer},    {"float", ValueKind::Real},
        {"double", ValueKind::Real},       {"decimal", ValueKind::Numeric},
        {"char", ValueKind::Text},         {"varchar", ValueKind::Text},
        {"tinytext", ValueKind::Text},     {"text", ValueKind::Text},
        {"mediumtext", ValueKind::Text},   {"longtext", ValueKind::Text},
        {"date", ValueKind::Date},         {"time", ValueKind::Time},
        {"datetime", ValueKind::DateTime}, {"timestamp", ValueKind::DateTime},
        {"binary", ValueKind::Blob},       {"varbinary", ValueKind::Blob},
        {"tinyblob", ValueKind::Blob},     {"blob", ValueKind::Blob},
        {"mediumblob", ValueKind::Blob},   {"longblob", ValueKind::Blob},
        {"json", ValueKind::Json},         {"uuid", ValueKind::Uuid},
        {"enum", ValueKind::Enum},         {"year", ValueKind::Integer},
    };
    return kinds.value(dataType, ValueKind::Other);
}

// MariaDB's JSON is LONGTEXT with a CHECK (json_valid(`column`)) of the column's name; the
// columns of `table` that carry one. MySQL's JSON is a type of its own (and its
// check_constraints has no table_name: the query fails and nothing is found).
QSet<QString> mariadbJsonColumns(const QSqlDatabase &db, const QString &table)
{
    QSet<QString> columns;
    QSqlQuery q(db);
    if (!execBound(q, {QStringLiteral("SELECT constraint_name, check_clause "
                                      "FROM information_schema.check_constraints "
                                      "WHERE constraint_schema = DATABASE() AND table_name = ?"),
                       {table}}))
        return columns;
    while (q.next()) {
        const QString name = q.value(0).toString();
        QString quoted = name;
        quoted.replace('`', QLatin1String("``"));
        if (q.value(1).toString() == QStringLiteral("json_valid(`%1`)").arg(quoted))
            columns.insert(name);
    }
    return columns;
}

QStringList enumValues(const QString &columnType)
{
    // enum('a','b''c') -> a, b'c
    QStringList values;
    static const QRegularExpression item(QStringLiteral("'((?:[^']|'')*)'"));
    auto it = item.globalMatch(columnType);
    while (it.hasNext())
        values << it.next().captured(1).replace(QLatin1String("''"), QLatin1String("'"));
    return values;
}

class MysqlDialect : public Dialect
{
public:
    DatabaseKind kind() const override { return DatabaseKind::MySQL; }
    QString qtDriverName() const override { return QStringLiteral("QMYSQL"); }
    QString displayName() const override { return QStringLiteral("MariaDB/MySQL"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-mysql"); }
    QString beginWriteTransaction() const override { return QStringLiteral("START TRANSACTION"); }
    QStringList connectOptions(const ConnectionSpec &spec, bool) const override
    {
        // Affected rows count matched rows, so an UPDATE to an equal value still counts 1:
        // Save's row-count check depends on it.
        QStringList options{QStringLiteral("CLIENT_FOUND_ROWS=1")};
        if (spec.host.startsWith('/'))
            options << QStringLiteral("UNIX_SOCKET=") + spec.host;
        return options;
    }
    // A socket path goes in UNIX_SOCKET: as the host, the driver would resolve it by name.
    QString hostName(const ConnectionSpec &spec) const override
    {
        return spec.host.startsWith('/') ? QString() : spec.host;
    }
    QList<SqlFragment> beginWrite(int timeoutMs) const override
    {
        // Whole seconds: the server's unit. The default would be 50 s.
        const int seconds = qMax(1, (timeoutMs + 999) / 1000);
        return {{QStringLiteral("SET SESSION innodb_lock_wait_timeout = ?"), {seconds}},
                {beginWriteTransaction(), {}}};
    }
    // ER_TABLEACCESS_DENIED_ERROR, ER_COLUMNACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED.
    bool isPermissionDenied(const QSqlError &error) const override
    {
        static const QStringList codes{"1142", "1143", "1227"};
        return codes.contains(error.nativeErrorCode());
    }
    bool isBusy(const QSqlError &error) const override
    {
        const int code = error.nativeErrorCode().toInt();
        return code == 1205 || code == 1213; // lock wait timeout, deadlock
    }
    QString beginReadOnly() const override { return QStringLiteral("START TRANSACTION READ ONLY"); }
    QStringList sessionSetup() const override
    {
        // Strict mode: a wrong value fails the Save instead of being silently truncated.
        return {
            QStringLiteral("SET NAMES utf8mb4"),
            QStringLiteral("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
                           "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'")};
    }

    QString connectionErrorHint(const QSqlError &error) const override
    {
        const int code = error.nativeErrorCode().toInt();
        if (code == 2002 || code == 2003) // CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR
            return QObject::tr("Is the server running, and listening at that address?");
        if (code == 1044) // ER_DBACCESS_DENIED_ERROR: also what a missing database looks like
            return QObject::tr("The database does not exist, or the user may not use it.");
        if (code == 1045) // ER_ACCESS_DENIED_ERROR
            return QObject::tr("Check the user name and password.");
        return {};
    }

    QString quoteIdentifier(const QString &name) const override
    {
        QString quoted = name;
        quoted.replace('`', QLatin1String("``"));
        return '`' + quoted + '`';
    }
    QString nullSafeEquals(const QString &lhs, const QString &rhs) const override
    {
        return lhs + QStringLiteral(" <=> ") + rhs;
    }
    QString castToText(const QString &columnSql) const override
    {
        return QStringLiteral("CAST(%1 AS CHAR)").arg(columnSql);
    }
    QString returningClause(const QStringList &) const override { return {}; }
    QString insertDefaultValues(const QString &qualifiedTable) const override
    {
        return QStringLiteral("INSERT INTO %1 () VALUES ()").arg(qualifiedTable);
    }

    QList<TableInfo> tables(const QSqlDatabase &db) const override
    {
        QList<TableInfo> result;
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT table_name, table_type FROM information_schema.tables "
                              "WHERE table_schema = DATABASE() ORDER BY table_name"));
        while (q.next())
            result.append({{QString(), q.value(0).toString()},
                           q.value(1).toString() == QLatin1String("VIEW")});
        return result;
    }

    TableSchema schema(const QSqlDatabase &db, const TableInfo &table) const override
    {
        TableSchema s;
        s.id = table.id;
        s.isView = table.isView;
        const QSet<QString> jsonColumns = mariadbJsonColumns(db, table.id.name);
        QSqlQuery q(db);
        execBound(
            q,
            {QStringLiteral(
                 "SELECT c.column_name, c.column_type, c.is_nullable, c.column_default, c.extra, "
                 "  c.data_type, COALESCE(k.ordinal_position, 0), "
                 "  CASE WHEN c.data_type IN ('varchar', 'char') THEN c.character_maximum_length "
                 "END, "
                 "  CASE WHEN c.data_type = 'decimal' THEN c.numeric_precision END, "
                 "  CASE WHEN c.data_type = 'decimal' THEN c.numeric_scale END "
                 "FROM information_schema.columns c "
                 "LEFT JOIN information_schema.key_column_usage k "
                 "  ON k.table_schema = c.table_schema AND k.table_name = c.table_name "
                 "  AND k.column_name = c.column_name AND k.constraint_name = 'PRIMARY' "
                 "WHERE c.table_schema = DATABASE() AND c.table_name = ? "
                 "ORDER BY c.ordinal_position"),
             {table.id.name}});
        while (q.next()) {
            ColumnInfo c;
            c.name = q.value(0).toString();
            c.declaredType = q.value(1).toString();
            c.notNull = q.value(2).toString() == QLatin1String("NO");
            c.hasDefault = !q.value(3).isNull();
            const QString extra = q.value(4).toString().toLower();
            c.autoIncrement = extra.contains(QLatin1String("auto_increment"));
            c.writable = !extra.contains(QLatin1String("generated"));
            c.kind = kindForMysqlType(q.value(5).toString().toLower(), c.declaredType.toLower());
            if (c.kind == ValueKind::Text && jsonColumns.contains(c.name))
                c.kind = ValueKind::Json;
            if (c.kind == ValueKind::Enum)
                c.enumValues = enumValues(c.declaredType);
            c.primaryKeyPosition = q.value(6).toInt();
            if (!q.value(7).isNull())
                c.maxLength = q.value(7).toInt();
            if (!q.value(8).isNull())
                c.setDecimalLimits(q.value(8).toInt(), q.value(9).toInt());
            s.columns.append(c);
        }
        s.collectKeyColumns();
        s.requireRowIdentity();
        return s;
    }

    QList<ForeignKey> foreignKeys(const QSqlDatabase &db, const TableId &table) const override
    {
        return keysWhere(db, QStringLiteral("table_name = ?"), table);
    }
    QList<ForeignKey> referencingKeys(const QSqlDatabase &db, const TableId &table) const override
    {
        return keysWhere(
            db,
            QStringLiteral("referenced_table_schema = DATABASE() AND referenced_table_name = ?"),
            table);
    }
    // Foreign-key constraints of this database, one row per column pair, chosen by `condition`
    // on `table`'s name.
    static QList<ForeignKey> keysWhere(const QSqlDatabase &db, const QString &condition,
                                       const TableId &table)
    {
        QSqlQuery q(db);
        execBound(q, {QStringLiteral("SELECT constraint_name, '', table_name, column_name, '', "
                                     "  referenced_table_name, referenced_column_name "
                                     "FROM information_schema.key_column_usage "
                                     "WHERE table_schema = DATABASE() "
                                     "  AND referenced_table_name IS NOT NULL AND %1 "
                                     "ORDER BY table_name, constraint_name, ordinal_position")
                          .arg(condition),
                      {table.name}});
        return readForeignKeys(q);
    }

    const QSet<QString> &pureFunctions() const override { return mysqlPureFunctions(); }
    // table_rows is InnoDB's estimate, refreshed by ANALYZE TABLE and as the table changes.
    SqlFragment estimatedRowCount(const TableId &table) const override
    {
        return {QStringLiteral("SELECT table_rows FROM information_schema.tables "
                               "WHERE table_schema = DATABASE() AND table_name = ?"),
                {table.name}};
    }
    SqlFragment leadingIndexColumns(const TableId &table) const override
    {
        return {QStringLiteral("SELECT column_name FROM information_schema.statistics "
                               "WHERE table_schema = DATABASE() AND table_name = ? "
                               "AND seq_in_index = 1"),
                {table.name}};
    }
    QVariant sessionHandle(const QSqlDatabase &db) const override
    {
        QSqlQuery query(db);
        return query.exec(QStringLiteral("SELECT CONNECTION_ID()")) && query.next() ? query.value(0)
                                                                                    : QVariant();
    }
    // KILL takes no parameter: the id is the server's own number, formatted as one.
    void interrupt(const QVariant &handle, const QSqlDatabase &own) const override
    {
        bool isNumber = false;
        const qulonglong id = handle.toULongLong(&isNumber);
        if (!isNumber)
            return;
        QSqlQuery query(own);
        query.exec(QStringLiteral("KILL QUERY %1").arg(id));
    }
    QString resetSessionState() const override
    {
        return QStringLiteral("SELECT RELEASE_ALL_LOCKS()");
    }
};

} // namespace

std::unique_ptr<Dialect> makeMysqlDialect()
{
    return std::make_unique<MysqlDialect>();
}

} // namespace Tabula
