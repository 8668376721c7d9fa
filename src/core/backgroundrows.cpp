#include "backgroundrows.h"

#include "database.h"
#include "windowread.h"
#include "workersession.h"

#include <atomic>

namespace Tabula {

struct BackgroundRows::Task
{
    explicit Task(const Database &database) : session(database) {}
    WorkerSession session;
    TableSchema schema;
    SqlFragment select;
    QVector<QVariantList> rows; // read once the thread finished
    QString error;
    std::atomic<bool> dropped{false};

    // On the worker thread: open, publish the session for cancel(), read, close.
    void run()
    {
        auto db = session.open(&error);
        if (!db)
            return;
        QSqlError failure;
        if (!dropped && !readWindow(*db, schema, select, &rows, &failure))
            error = failure.databaseText().isEmpty() ? failure.text() : failure.databaseText();
        session.close();
    }
};

BackgroundRows::BackgroundRows(const Database &database, QObject *parent)
    : QObject(parent), m_database(database)
{
}

BackgroundRows::~BackgroundRows()
{
    cancel();
    m_threads.waitAll();
}

void BackgroundRows::start(const TableSchema &schema, const SqlFragment &select)
{
    cancel();
    auto task = std::make_shared<Task>(m_database);
    task->schema = schema;
    task->select = select;
    m_task = task;
    m_threads.start(
        this, [task] { task->run(); }, [this, task] { report(task); });
}

void BackgroundRows::report(const std::shared_ptr<Task> &task)
{
    if (task != m_task || task->dropped)
        return;
    m_task.reset();
    emit finished(task->rows, task->error);
}

void BackgroundRows::cancel()
{
    if (!m_task)
        return;
    m_task->dropped = true;
    m_task->session.interrupt(m_database);
    m_task.reset();
}

} // namespace Tabula
