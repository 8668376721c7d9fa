#include "backgroundquery.h"

#include "database.h"
#include "readonlyscope.h"
#include "workersession.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <atomic>

namespace Tabula {

struct BackgroundQuery::Task
{
    explicit Task(const Database &database) : session(database) {}
    WorkerSession session;
    SqlFragment statement;
    std::atomic<bool> cancelled{false};
    QVariant value; // the results, read once the thread finished
    QString error;
};

namespace {

QString errorText(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText().trimmed();
}

// On the worker thread: open, publish the session for cancel(), run, close.
void runOn(Database &db, const SqlFragment &statement, QVariant *value, QString *error)
{
    const ReadOnlyScope readOnly(db); // the statement may carry user SQL
    if (!readOnly.isActive()) {
        *error = readOnly.error();
        return;
    }
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql)) {
        *error = errorText(query.lastError());
        return;
    }
    for (const QVariant &param : statement.params)
        query.addBindValue(param);
    if (!query.exec() || !query.next()) {
        *error = query.lastError().isValid() ? errorText(query.lastError())
                                             : QObject::tr("The database returned no row.");
        return;
    }
    *value = query.value(0);
}

} // namespace

BackgroundQuery::BackgroundQuery(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
}

BackgroundQuery::~BackgroundQuery()
{
    cancel();
    for (const QPointer<QThread> &thread : std::as_const(m_threads)) {
        if (thread)
            thread->wait();
    }
}

void BackgroundQuery::start(const SqlFragment &statement)
{
    cancel();
    auto task = std::make_shared<Task>(m_database);
    task->statement = statement;
    m_task = task;
    QThread *thread = QThread::create([task] {
        QString error;
        auto db = task->session.open(&error);
        if (!db) {
            task->error = error;
            return;
        }
        if (!task->cancelled)
            runOn(*db, task->statement, &task->value, &task->error);
        task->session.close();
    });
    connect(thread, &QThread::finished, this, [this, task] { report(task); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    m_threads.removeAll(nullptr);
    m_threads.append(thread);
    thread->start();
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
    task->session.interrupt(m_database);
}

bool BackgroundQuery::isRunning() const
{
    return bool(m_task);
}

bool BackgroundQuery::wait(int msecs)
{
    if (!m_task || !m_thread)
        return !m_task;
    if (!m_thread->wait(msecs))
        return false;
    report(std::shared_ptr<Task>(m_task)); // the finished signal is queued; deliver it now
    return true;
}

} // namespace Tabula
