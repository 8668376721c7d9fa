#include "readonlyscope.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

ReadOnlyScope::ReadOnlyScope(const Database &database) : m_database(database)
{
    QSqlQuery query(database.connection());
    m_active = query.exec(database.dialect().beginReadOnly());
    if (!m_active)
        m_error =
            QObject::tr("Cannot start a read-only transaction: %1").arg(query.lastError().text());
}

ReadOnlyScope::~ReadOnlyScope()
{
    if (!m_active)
        return;
    QSqlQuery query(m_database.connection());
    if (!query.exec(m_database.dialect().endReadOnly()))
        qWarning("Tabula: leaving read-only mode failed: %s", qPrintable(query.lastError().text()));
    // A session-level lock outlives the transaction: whatever the user SQL took is let go.
    const QString reset = m_database.dialect().resetSessionState();
    if (!reset.isEmpty() && !query.exec(reset))
        qWarning("Tabula: resetting the session failed: %s", qPrintable(query.lastError().text()));
}

} // namespace Tabula
