#include "backgroundquery.h"

#include "database.h"
#include "preparedquery.h"
#include "readonlyscope.h"
#include "savemessages.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QWaitCondition>
#include <atomic>

namespace Tabula {

struct BackgroundQuery::Task
{
    SqlFragment statement;
    std::atomic<bool> cancelled{false};
    QVariant value; // the results, read once `done`
    QString error;

    QMutex mutex;
    QWaitCondition ended;
    bool done = false;

    void finish()
    {
        const QMutexLocker lock(&mutex);
        done = true;
        ended.wakeAll();
    }
    bool waitDone(int msecs)
    {
        QDeadlineTimer deadline(msecs);
        const QMutexLocker lock(&mutex);
        while (!done) {
            if (!ended.wait(&mutex, deadline))
                return done;
        }
        return true;
    }
};

namespace {

// On the worker thread: runs the statement in a read-only scope, reads its first value.
void runOn(Database &db, const SqlFragment &statement, QVariant *value, QString *error)
{
    const ReadOnlyScope readOnly(db); // the statement may carry user SQL
    if (!readOnly.isActive()) {
        *error = readOnly.error();
        return;
    }
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!execBound(query, statement) || !query.next()) {
        *error = query.lastError().isValid() ? databaseMessage(query.lastError())
                                             : QObject::tr("The database returned no row.");
        return;
    }
    *value = query.value(0);
}

} // namespace

// On the worker thread: statements on the kept connection.
class BackgroundQuery::Runner : public WorkerConnection
{
public:
    using WorkerConnection::WorkerConnection;

    void run(Task &task)
    {
        if (task.cancelled)
            return;
        Database *db = database(&task.error);
        if (!db)
            return;
        // A cancel meant for the statement before may stop this one (an interrupt lands on
        // whatever runs on the connection): one more try while it is still wanted.
        for (int attempt = 0; attempt < 2 && !task.cancelled; ++attempt) {
            task.error.clear();
            runOn(*db, task.statement, &task.value, &task.error);
            if (task.error.isEmpty())
                return;
        }
        if (!task.cancelled)
            close(); // the connection may be what failed: the next statement opens a new one
    }
};

BackgroundQuery::BackgroundQuery(const Database &database, QObject *parent)
    : QObject(parent), m_database(database), m_runner(new Runner(database)), m_worker(m_runner)
{
}

BackgroundQuery::~BackgroundQuery()
{
    cancel(); // m_worker then closes the connection on its thread
}

void BackgroundQuery::start(const SqlFragment &statement)
{
    cancel();
    auto task = std::make_shared<Task>();
    task->statement = statement;
    m_task = task;
    Runner *runner = m_runner;
    m_worker.post([this, runner, task] {
        runner->run(*task);
        task->finish();
        QMetaObject::invokeMethod(
            this, [this, task] { report(task); }, Qt::QueuedConnection);
    });
}

void BackgroundQuery::report(std::shared_ptr<Task> task)
{
    if (task != m_task || task->cancelled)
        return;
    m_task.reset();
    if (task->error.isEmpty())
        emit finished(task->value);
    else
        emit failed(task->error);
}

void BackgroundQuery::cancel()
{
    if (!m_task)
        return;
    const std::shared_ptr<Task> task = std::exchange(m_task, nullptr);
    task->cancelled = true;
    m_runner->session.interrupt(m_database);
}

bool BackgroundQuery::isRunning() const
{
    return bool(m_task);
}

bool BackgroundQuery::wait(int msecs)
{
    if (!m_task)
        return true;
    if (!m_task->waitDone(msecs))
        return false;
    report(std::shared_ptr<Task>(m_task)); // the report is queued; deliver it now
    return true;
}

} // namespace Tabula
