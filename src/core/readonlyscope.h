#pragma once

#include <QString>

namespace Tabula {

class Database;

// Runs the queries made during its lifetime read-only: in a READ ONLY transaction on
// PostgreSQL and MariaDB, with query_only on SQLite. User SQL (a raw WHERE, a bulk edit's
// expression) reaches the database only inside one, so even SQL that got past
// checkReadOnlyExpression cannot write: PostgreSQL's driver runs every statement of a string.
// When it ends, the dialect's resetSessionState() releases the locks a session keeps past a
// rollback.
class ReadOnlyScope
{
public:
    explicit ReadOnlyScope(const Database &database);
    ~ReadOnlyScope();
    ReadOnlyScope(const ReadOnlyScope &) = delete;
    ReadOnlyScope &operator=(const ReadOnlyScope &) = delete;

    // False when the database refused to go read-only: run nothing then.
    bool isActive() const { return m_active; }
    QString error() const { return m_error; }

private:
    const Database &m_database;
    bool m_active = false;
    QString m_error;
};

} // namespace Tabula
