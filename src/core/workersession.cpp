#include "workersession.h"

#include "database.h"

namespace Tabula {

WorkerSession::WorkerSession(const Database &owner)
    : m_spec(owner.spec()), m_readOnlyReason(owner.readOnlyReason())
{
}

std::unique_ptr<Database> WorkerSession::open(QString *error)
{
    auto db = Database::openWorker(m_spec, m_readOnlyReason, error);
    if (db) {
        const QMutexLocker lock(&m_mutex);
        m_handle = db->dialect().sessionHandle(db->connection());
    }
    return db;
}

void WorkerSession::close()
{
    const QMutexLocker lock(&m_mutex);
    m_handle.clear();
}

void WorkerSession::interrupt(const Database &owner)
{
    const QMutexLocker lock(&m_mutex);
    if (m_handle.isValid())
        owner.dialect().interrupt(m_handle, owner.connection());
}

} // namespace Tabula
