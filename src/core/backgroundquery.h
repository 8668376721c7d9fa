#pragma once

#include "connectionspec.h"
#include "keptworker.h"
#include "sqlfragment.h"

#include <QObject>
#include <memory>

namespace Tabula {

class Database;

// Runs one read-only statement at a time (a COUNT on a big table) on a worker thread of its
// own, on a connection kept open there between statements (a QSqlDatabase belongs to the
// thread that opened it; a new connection costs a server a process and an authentication),
// and reports its first value. The statement may carry user SQL: it runs in a ReadOnlyScope
// like every such read. cancel() stops it in the database (sqlite3_interrupt,
// pg_cancel_backend, KILL QUERY), so that closing a table never waits for a count nobody
// wants any more.
class BackgroundQuery : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundQuery(const Database &database, QObject *parent = nullptr);
    ~BackgroundQuery() override; // cancels, closes the connection on its thread

    // Starts `statement`, cancelling the one before (whose result is then never reported).
    void start(const SqlFragment &statement);
    void cancel();
    bool isRunning() const;
    // Blocks until the statement ends (tests and command-line tools; the window never waits).
    bool wait(int msecs);

signals:
    void finished(const QVariant &value);
    void failed(const QString &message);

private:
    struct Task;
    class Runner;
    void report(std::shared_ptr<Task> task); // by value: it may be m_task, which it resets

    const Database &m_database;
    std::shared_ptr<Task> m_task;
    Runner *m_runner; // lives on m_worker's thread, which deletes it
    KeptWorker m_worker;
};

} // namespace Tabula
