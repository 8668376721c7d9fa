#pragma once

#include "savejob.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QThread;

namespace Tabula {

// Runs a SaveJob on a worker thread, on a connection of its own (a QSqlDatabase belongs to
// the thread that opened it), so that the window keeps repainting while it writes. The job
// reads the schema and the change set it was started with until finished() arrives: the
// caller must not change either before then (TableModel refuses edits while saving).
// cancel() stops the running statement in the database and rolls the transaction back:
// nothing is written, and the result says SaveError::cancelled.
class BackgroundSave : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundSave(const Database &database, QObject *parent = nullptr);
    ~BackgroundSave() override; // cancels and waits for the worker

    void start(const TableSchema &schema, const ChangeSet &changes);
    void cancel();
    bool isRunning() const { return bool(m_task); }
    // Rows written so far by the attempt under way.
    qint64 rowsWritten() const;
    // Blocks until the Save ends, delivering finished() (tests; the window never waits).
    bool wait(int msecs);

signals:
    void finished(const SaveResult &result);

private:
    struct Task;
    static void run(Task &task);
    void report(std::shared_ptr<Task> task);

    const Database &m_database;
    std::shared_ptr<Task> m_task;
    QPointer<QThread> m_thread;
};

} // namespace Tabula
