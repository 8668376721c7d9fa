#include "workerthreads.h"

#include <QThread>

namespace Tabula {

void WorkerThreads::start(QObject *owner, std::function<void()> work, std::function<void()> done)
{
    QThread *thread = QThread::create(std::move(work));
    QObject::connect(thread, &QThread::finished, owner, std::move(done));
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.removeAll(nullptr);
    m_threads << thread;
    thread->start();
}

void WorkerThreads::waitAll()
{
    for (const QPointer<QThread> &thread : std::as_const(m_threads)) {
        if (thread)
            thread->wait();
    }
}

} // namespace Tabula
