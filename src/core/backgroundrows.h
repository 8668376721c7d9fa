#pragma once

#include "keptworker.h"
#include "sqlfragment.h"
#include "tableschema.h"

#include <QObject>
#include <QVariantList>
#include <QVector>
#include <atomic>
#include <memory>

namespace Tabula {

class Database;

// Reads windows of rows (readWindow) on a worker thread of its own, on a connection kept open
// there between reads, so that the window keeps painting while rows are read and a read costs
// no new connection. One read at a time: start() while one is under way drops it (the user
// scrolled on), and cancel() stops it in the database.
class BackgroundRows : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundRows(const Database &database, QObject *parent = nullptr);
    ~BackgroundRows() override; // stops the read, closes the connection on its thread

    void start(const TableSchema &schema, const SqlFragment &select);
    void cancel();
    bool isRunning() const { return m_waiting; }

signals:
    // The rows, or the database's message; never for a read dropped by cancel() or start().
    void finished(const QVector<QVariantList> &rows, const QString &error);

private:
    class Reader;
    void report(quint64 generation, const QVector<QVariantList> &rows, const QString &error);

    const Database &m_database;
    // The read the owner waits for; the reader skips and drops every other. Shared with it.
    std::shared_ptr<std::atomic<quint64>> m_wanted;
    bool m_waiting = false;
    Reader *m_reader; // lives on m_worker's thread, which deletes it
    KeptWorker m_worker;
};

} // namespace Tabula
