#pragma once

#include "connectionspec.h"
#include "sqlfragment.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QThread;

namespace Tabula {

class Database;

// Runs one read-only statement (a COUNT on a big table) on a worker thread, on a connection of
// its own (a QSqlDatabase belongs to the thread that opened it), and reports its first value.
// The statement may carry user SQL: it runs in a ReadOnlyScope like every such read. cancel()
// stops it in the database (sqlite3_interrupt, pg_cancel_backend, KILL QUERY), so that closing
// a table never waits for a count nobody wants any more.
class BackgroundQuery : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundQuery(const Database &database, QObject *parent = nullptr);
    ~BackgroundQuery() override; // cancels and waits for the worker

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
    void report(std::shared_ptr<Task> task); // by value: it may be m_task, which it resets

    const Database &m_database;
    std::shared_ptr<Task> m_task;
    QPointer<QThread> m_thread;         // the current statement's
    QList<QPointer<QThread>> m_threads; // every one not finished, cancelled ones too
};

} // namespace Tabula
