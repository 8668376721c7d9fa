#include "backgroundplan.h"

#include "database.h"
#include "workersession.h"

#include <atomic>

namespace Tabula {

struct BackgroundPlan::Task
{
    explicit Task(const Database &database) : session(database) {}
    WorkerSession session;
    TableSchema schema;
    const ChangeSet *changes = nullptr; // not changed by the GUI while the task runs
    PlanQueries queries;
    BulkEditPlan plan; // read once the thread finished
    std::atomic<bool> dropped{false};
};

BackgroundPlan::BackgroundPlan(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
}

BackgroundPlan::~BackgroundPlan()
{
    cancel();
    m_threads.waitAll();
}

void BackgroundPlan::start(const TableSchema &schema, const ChangeSet &changes,
                           const PlanQueries &queries, const BulkEditPlan &begun)
{
    cancel();
    auto task = std::make_shared<Task>(m_database);
    task->schema = schema;
    task->changes = &changes;
    task->queries = queries;
    task->plan = begun;
    m_task = task;
    m_threads.start(
        this, [task] { run(*task); }, [this, task] { report(task); });
}

void BackgroundPlan::report(const std::shared_ptr<Task> &task)
{
    if (task != m_task || task->dropped)
        return;
    m_task.reset();
    emit finished(task->plan);
}

void BackgroundPlan::cancel()
{
    if (!m_task)
        return;
    m_task->dropped = true;
    m_task->session.interrupt(m_database);
    m_task.reset();
}

// On the worker thread: open, publish the session for cancel(), read, close.
void BackgroundPlan::run(Task &task)
{
    QString error;
    auto db = task.session.open(&error);
    if (!db) {
        task.plan.error = error;
        task.plan.changes = {};
        return;
    }
    if (!task.dropped)
        readBulkPlanRows(*db, task.schema, *task.changes, task.queries, task.plan);
    task.session.close();
}

} // namespace Tabula
