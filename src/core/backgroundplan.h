#pragma once

#include "bulkedit.h"

#include "workerthreads.h"

#include <QObject>
#include <memory>

namespace Tabula {

// Reads a bulk edit's rows (readBulkPlanRows) on a worker thread, on a connection of its own,
// so that the window keeps repainting while a million rows are read. The worker reads the
// schema it was given and the change set until finished() arrives: the caller must not
// change the change set before then (the bulk-edit dialog is modal). start() while a plan is
// under way drops that one; cancel() stops the running statement in the database.
class BackgroundPlan : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundPlan(const Database &database, QObject *parent = nullptr);
    ~BackgroundPlan() override; // cancels and waits for every worker

    void start(const TableSchema &schema, const ChangeSet &changes, const PlanQueries &queries,
               const BulkEditPlan &begun);
    void cancel();
    bool isRunning() const { return bool(m_task); }

signals:
    // The plan, or plan.error; not delivered for a plan dropped by cancel() or start().
    void finished(const Tabula::BulkEditPlan &plan);

private:
    struct Task;
    static void run(Task &task);
    void report(const std::shared_ptr<Task> &task);

    const Database &m_database;
    std::shared_ptr<Task> m_task;
    WorkerThreads m_threads; // last: waits for the workers before the rest goes
};

} // namespace Tabula
