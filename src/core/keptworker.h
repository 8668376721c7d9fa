#pragma once

#include "workersession.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace Tabula {

class Database;

// What a background reader keeps on its worker thread: one connection to the database, opened
// by the first task and kept between tasks (a new one costs a server a process and an
// authentication), closed by a task whose statement failed (the next opens a new one) and, on
// that thread, when the reader goes. BackgroundRows' page reads and BackgroundQuery's counts
// each have one.
class WorkerConnection : public QObject
{
public:
    explicit WorkerConnection(const Database &owner) : session(owner) {}

    // On the worker thread: the connection, opened if it is not; null, with the reason.
    Database *database(QString *error);
    void close();

    WorkerSession session; // interrupt() it from the owner's thread

private:
    std::unique_ptr<Database> m_db;
};

// The owner's side: the thread a WorkerConnection (or a subclass) lives on, started by the
// first task. The destructor closes the connection on that thread, ends the thread and
// deletes the worker.
class KeptWorker
{
public:
    explicit KeptWorker(WorkerConnection *worker);
    ~KeptWorker();
    KeptWorker(const KeptWorker &) = delete;
    KeptWorker &operator=(const KeptWorker &) = delete;

    // Runs `task` on the worker thread, after the tasks posted before it.
    template <typename Task> void post(Task task)
    {
        if (!m_thread.isRunning())
            m_thread.start();
        QMetaObject::invokeMethod(m_worker, std::move(task));
    }

private:
    QThread m_thread;
    WorkerConnection *m_worker;
};

} // namespace Tabula
