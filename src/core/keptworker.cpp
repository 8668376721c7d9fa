#include "keptworker.h"

#include "database.h"

namespace Tabula {

Database *WorkerConnection::database(QString *error)
{
    if (!m_db)
        m_db = session.open(error);
    return m_db.get();
}

void WorkerConnection::close()
{
    session.close();
    m_db.reset();
}

KeptWorker::KeptWorker(WorkerConnection *worker) : m_worker(worker)
{
    m_worker->moveToThread(&m_thread);
}

KeptWorker::~KeptWorker()
{
    if (m_thread.isRunning()) {
        WorkerConnection *worker = m_worker;
        QMetaObject::invokeMethod(
            worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_worker;
}

} // namespace Tabula
