#pragma once

#include <QList>
#include <QPointer>

#include <functional>

class QObject;
class QThread;

namespace Tabula {

// The threads a background reader started, one per task: a task runs `work` on its own
// thread, then `done` on the owner's thread (not if the owner is gone). A task dropped by
// its owner may still be running: the destructor waits for every one of them, so that none
// outlives what it reads.
class WorkerThreads
{
public:
    WorkerThreads() = default;
    WorkerThreads(const WorkerThreads &) = delete;
    WorkerThreads &operator=(const WorkerThreads &) = delete;
    ~WorkerThreads() { waitAll(); }

    void start(QObject *owner, std::function<void()> work, std::function<void()> done);
    void waitAll();

private:
    QList<QPointer<QThread>> m_threads;
};

} // namespace Tabula
