#include "pgdriver.h"

#include "pgresult.h"
#include "pgvalues.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>

#include <vector>

Q_DECLARE_OPAQUE_POINTER(PGconn *)
Q_DECLARE_METATYPE(PGconn *)

namespace Tabula {

namespace {

// libpq's keyword/value arrays, from Qt's connection fields and "key=value;…" options.
class ConnectParams
{
public:
    void add(const char *key, const QString &value)
    {
        if (!value.isEmpty())
            m_pairs.emplace_back(QByteArray(key), value.toUtf8());
    }
    void addOptions(const QString &options)
    {
        for (const QString &option : options.split(u';', Qt::SkipEmptyParts)) {
            const qsizetype equals = option.indexOf(u'=');
            if (equals > 0)
                m_pairs.emplace_back(option.left(equals).trimmed().toUtf8(),
                                     option.mid(equals + 1).trimmed().toUtf8());
        }
    }
    PGconn *connect()
    {
        std::vector<const char *> keys, values;
        for (const auto &[key, value] : m_pairs) {
            keys.push_back(key.constData());
            values.push_back(value.constData());
        }
        keys.push_back(nullptr);
        values.push_back(nullptr);
        return PQconnectdbParams(keys.data(), values.data(), 0);
    }

private:
    std::vector<std::pair<QByteArray, QByteArray>> m_pairs;
};

// The catalog rows of a table named as QSqlTableModel names it (TableId::displayName:
// "schema.name", or a name the search path finds).
const char *const kTableCondition =
    "(n.nspname || '.' || c.relname = ? OR (c.relname = ? AND pg_table_is_visible(c.oid)))";

} // namespace

PgDriver::PgDriver(QObject *parent) : QSqlDriver(parent) {}

PgDriver::~PgDriver()
{
    close();
}

QString PgDriver::registeredName()
{
    static const QString name = [] {
        const QString n = QStringLiteral("TABULA_PSQL");
        QSqlDatabase::registerSqlDriver(n, new QSqlDriverCreator<PgDriver>);
        return n;
    }();
    return name;
}

bool PgDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case QuerySize:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LowPrecisionNumbers:
        return true;
    default:
        return false;
    }
}

bool PgDriver::open(const QString &db, const QString &user, const QString &password,
                    const QString &host, int port, const QString &connOpts)
{
    close();
    ConnectParams params;
    params.add("host", host);
    params.add("port", port > 0 ? QString::number(port) : QString());
    params.add("dbname", db);
    params.add("user", user);
    params.add("password", password);
    params.add("client_encoding", QStringLiteral("UTF8"));
    params.addOptions(connOpts);
    m_connection = params.connect();
    if (PQstatus(m_connection) != CONNECTION_OK) {
        setLastError(QSqlError(tr("Unable to connect"),
                               QString::fromUtf8(PQerrorMessage(m_connection)),
                               QSqlError::ConnectionError));
        PQfinish(m_connection);
        m_connection = nullptr;
        setOpenError(true);
        return false;
    }
    // The form values are read in. A pooling proxy keeps it for this client on whichever
    // server connection it lends (PostgreSQL reports DateStyle to the client).
    if (!runCommand("SET DateStyle TO 'ISO'", tr("Unable to set the date style"))) {
        close();
        setOpenError(true);
        return false;
    }
    setOpen(true);
    setOpenError(false);
    return true;
}

bool PgDriver::runCommand(const char *sql, const QString &what)
{
    PGresult *result = PQexec(m_connection, sql);
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    if (!ok)
        setLastError(QSqlError(what, QString::fromUtf8(PQerrorMessage(m_connection)),
                               QSqlError::TransactionError));
    PQclear(result);
    return ok;
}

void PgDriver::close()
{
    if (m_connection)
        PQfinish(m_connection);
    m_connection = nullptr;
    setOpen(false);
    setOpenError(false);
}

QSqlResult *PgDriver::createResult() const
{
    return new PgResult(this);
}

QVariant PgDriver::handle() const
{
    return QVariant::fromValue(m_connection);
}

std::shared_ptr<PGcancel> PgDriver::cancelHandle() const
{
    if (!m_connection)
        return {};
    return std::shared_ptr<PGcancel>(PQgetCancel(m_connection), PQfreeCancel);
}

bool PgDriver::beginTransaction()
{
    return isOpen() && runCommand("BEGIN", tr("Could not begin transaction"));
}

bool PgDriver::commitTransaction()
{
    return isOpen() && runCommand("COMMIT", tr("Could not commit transaction"));
}

bool PgDriver::rollbackTransaction()
{
    return isOpen() && runCommand("ROLLBACK", tr("Could not roll back transaction"));
}

QStringList PgDriver::tables(QSql::TableType type) const
{
    QStringList names;
    QString kinds;
    if (type & QSql::Tables)
        kinds += QStringLiteral("'r','p'");
    if (type & QSql::Views)
        kinds += QString(kinds.isEmpty() ? "" : ",") + QStringLiteral("'v','m'");
    if (!isOpen() || kinds.isEmpty())
        return names;
    QSqlQuery q(createResult());
    q.exec(QStringLiteral("SELECT CASE WHEN pg_table_is_visible(c.oid) THEN c.relname "
                          "ELSE n.nspname || '.' || c.relname END FROM pg_class c "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE c.relkind IN (%1) AND n.nspname NOT IN "
                          "('pg_catalog', 'information_schema') ORDER BY 1")
               .arg(kinds));
    while (q.next())
        names << q.value(0).toString();
    return names;
}

QSqlRecord PgDriver::record(const QString &tableName) const
{
    QSqlRecord info;
    if (!isOpen())
        return info;
    QSqlQuery q(createResult());
    q.prepare(QStringLiteral("SELECT a.attname, a.atttypid FROM pg_attribute a "
                             "JOIN pg_class c ON c.oid = a.attrelid "
                             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ") +
              QLatin1String(kTableCondition) +
              QStringLiteral(" AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"));
    q.addBindValue(tableName);
    q.addBindValue(tableName);
    q.exec();
    while (q.next()) {
        QSqlField field(q.value(0).toString(), Pg::metaTypeForOid(q.value(1).toUInt()), tableName);
        info.append(field);
    }
    return info;
}

QSqlIndex PgDriver::primaryIndex(const QString &tableName) const
{
    QSqlIndex index(tableName);
    if (!isOpen())
        return index;
    QSqlQuery q(createResult());
    q.prepare(QStringLiteral("SELECT a.attname, a.atttypid, ic.relname FROM pg_index i "
                             "JOIN pg_class c ON c.oid = i.indrelid "
                             "JOIN pg_class ic ON ic.oid = i.indexrelid "
                             "JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(num, ord) "
                             "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.num "
                             "WHERE i.indisprimary AND ") +
              QLatin1String(kTableCondition) + QStringLiteral(" ORDER BY k.ord"));
    q.addBindValue(tableName);
    q.addBindValue(tableName);
    q.exec();
    while (q.next()) {
        index.append(
            QSqlField(q.value(0).toString(), Pg::metaTypeForOid(q.value(1).toUInt()), tableName));
        index.setName(q.value(2).toString());
    }
    return index;
}

QString PgDriver::escapeIdentifier(const QString &identifier, IdentifierType) const
{
    if (isIdentifierEscaped(identifier, TableName))
        return identifier;
    QString quoted = identifier;
    quoted.replace(u'"', QLatin1String("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace Tabula
