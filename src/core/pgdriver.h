#pragma once

#include <QSqlDriver>

#include <memory>

typedef struct pg_conn PGconn;
typedef struct pg_cancel PGcancel;

namespace Tabula {

// Tabula's PostgreSQL driver, on libpq. Qt's QPSQL prepares every statement with SQL
// `PREPARE … AS` and runs it with `EXECUTE` and `DEALLOCATE`, each its own transaction when
// no explicit one is open, and pastes the values into the EXECUTE as literals. Behind a
// transaction-pooling proxy (pgbouncer in transaction mode, the way most hosted PostgreSQL is
// reached) those land on different server connections ("prepared statement … does not
// exist"), and leaked statements collide between clients. This driver sends each statement
// with its parameters in one extended-protocol round trip (PQsendQueryParams, the unnamed
// statement): nothing named is left on the server, values never become SQL, and a parameter
// string holds exactly one statement. Values are read as QPSQL reads them.
class PgDriver : public QSqlDriver
{
public:
    explicit PgDriver(QObject *parent = nullptr);
    ~PgDriver() override;

    // The name to give QSqlDatabase::addDatabase; registers the driver on first use.
    static QString registeredName();

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db, const QString &user, const QString &password, const QString &host,
              int port, const QString &connOpts) override;
    void close() override;
    QSqlResult *createResult() const override;
    QVariant handle() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString &tableName) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;

    PGconn *connection() const { return m_connection; }
    // What stops the statement running on this connection, from any thread (PQcancel): the
    // protocol's cancel request, which a pooling proxy forwards to the right server.
    std::shared_ptr<PGcancel> cancelHandle() const;

private:
    bool runCommand(const char *sql, const QString &what);

    PGconn *m_connection = nullptr;
};

} // namespace Tabula
