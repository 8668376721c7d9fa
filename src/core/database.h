#pragma once

#include "connectionspec.h"
#include "dialect.h"

#include <QSqlDatabase>
#include <memory>

namespace Tabula {

// One open connection and the dialect that speaks to it. Owns the QSqlDatabase
// connection name; everything that queries it must be gone before it is destroyed.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the database or says in `error` why not, in words for the user. Never creates a
    // SQLite file that does not exist, and refuses files that are not SQLite databases.
    static std::unique_ptr<Database> open(const ConnectionSpec &spec, QString *error);

    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    const Dialect &dialect() const { return *m_dialect; }
    const ConnectionSpec &spec() const { return m_spec; }
    QString readOnlyReason() const { return m_readOnlyReason; }

    QList<TableInfo> tables() const;
    TableSchema schema(const TableInfo &table) const;

private:
    Database(const ConnectionSpec &spec, std::unique_ptr<Dialect> dialect, QString name);

    ConnectionSpec m_spec;
    std::unique_ptr<Dialect> m_dialect;
    QString m_connectionName;
    QString m_readOnlyReason;
};

} // namespace Tabula
