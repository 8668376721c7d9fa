#include "backgroundsave.h"

#include "database.h"
#include "workersession.h"

#include <QThread>

namespace Tabula {

struct BackgroundSave::Task
{
    explicit Task(const Database &database) : session(database) {}
    WorkerSession session;
    TableSchema schema;
    const ChangeSet *changes = nullptr; // not changed by the GUI while the task runs
    SaveJob::Control control;
    SaveResult result; // read once the thread finished
};

BackgroundSave::BackgroundSave(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
}

BackgroundSave::~BackgroundSave()
{
    cancel();
    if (m_thread)
        m_thread->wait();
}

void BackgroundSave::start(const TableSchema &schema, const ChangeSet &changes)
{
    Q_ASSERT(!m_task);
    auto task = std::make_shared<Task>(m_database);
    task->schema = schema;
    task->changes = &changes;
    m_task = task;
    QThread *thread = QThread::create([task] { run(*task); });
    connect(thread, &QThread::finished, this, [this, task] { report(task); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    thread->start();
}

void BackgroundSave::report(std::shared_ptr<Task> task)
{
    if (task != m_task)
        return; // delivered already (wait())
    m_task.reset();
    emit finished(task->result);
}

void BackgroundSave::cancel()
{
    if (!m_task)
        return;
    m_task->control.cancelled = true;
    m_task->session.interrupt(m_database);
}

qint64 BackgroundSave::rowsWritten() const
{
    return m_task ? m_task->control.rowsWritten.load() : 0;
}

bool BackgroundSave::wait(int msecs)
{
    if (!m_task || !m_thread)
        return !m_task;
    if (!m_thread->wait(msecs))
        return false;
    report(std::shared_ptr<Task>(m_task)); // the finished signal is queued; deliver it now
    return true;
}

// On the worker thread: open, publish the session for cancel(), save, close.
void BackgroundSave::run(Task &task)
{
    QString error;
    auto db = task.session.open(&error);
    if (!db) {
        task.result.error.message = error;
        return;
    }
    SaveJob job(*db, task.schema, *task.changes);
    job.setControl(&task.control);
    task.result = job.run();
    task.session.close();
}

} // namespace Tabula
