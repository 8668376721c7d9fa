#pragma once

#include "sqlfragment.h"
#include "tableschema.h"

#include "workerthreads.h"

#include <QObject>
#include <QVariantList>
#include <QVector>
#include <memory>

namespace Tabula {

class Database;

// Reads one window of rows (readWindow) on a worker thread, on a connection of its own, so
// that the window keeps painting while a far page of a huge table is found. start() while a
// read is under way drops that one (the user scrolled on); cancel() stops it in the database.
class BackgroundRows : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundRows(const Database &database, QObject *parent = nullptr);
    ~BackgroundRows() override; // cancels and waits for every worker

    void start(const TableSchema &schema, const SqlFragment &select);
    void cancel();
    bool isRunning() const { return bool(m_task); }

signals:
    // The rows, or the database's message; never for a read dropped by cancel() or start().
    void finished(const QVector<QVariantList> &rows, const QString &error);

private:
    struct Task;
    void report(const std::shared_ptr<Task> &task);

    const Database &m_database;
    std::shared_ptr<Task> m_task;
    WorkerThreads m_threads; // last: waits for the workers before the rest goes
};

} // namespace Tabula
