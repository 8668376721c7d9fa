#include "readonlyscope.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

ReadOnlyScope::ReadOnlyScope(const Database &database) : m_database(database)
{
    QSqlQuery query(database.connection());
    const QString savepoint = database.dialect().readOnlySavepoint();
    m_active = query.exec(database.dialect().beginReadOnly()) &&
               (savepoint.isEmpty() || query.exec(savepoint));
    if (!m_active)
        m_error =
            QObject::tr("Cannot start a read-only transaction: %1").arg(query.lastError().text());
}

ReadOnlyScope::~ReadOnlyScope()
{
    if (!m_active)
        return;
    const Dialect &dialect = m_database.dialect();
    QSqlQuery query(m_database.connection());
    auto run = [&](const QString &sql, const char *what) {
        if (!sql.isEmpty() && !query.exec(sql))
            qWarning("Tabula: %s failed: %s", what, qPrintable(query.lastError().text()));
    };
    // A session-level lock outlives the transaction: whatever the user SQL took is let go,
    // inside the transaction where the database allows it.
    const bool resetInside = !dialect.backToReadOnlySavepoint().isEmpty();
    if (resetInside) {
        run(dialect.backToReadOnlySavepoint(), "leaving the user's SQL");
        run(dialect.resetSessionState(), "resetting the session");
    }
    run(dialect.endReadOnly(), "leaving read-only mode");
    if (!resetInside)
        run(dialect.resetSessionState(), "resetting the session");
}

} // namespace Tabula
