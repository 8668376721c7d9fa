#pragma once

#include "connectionspec.h"

#include <QMutex>
#include <QVariant>
#include <memory>

namespace Tabula {

class Database;

// A worker thread's own connection to a database (a QSqlDatabase belongs to the thread that
// opened it), and what the owner's thread needs to stop the statement running on it
// (Dialect::sessionHandle / interrupt). Made on the owner's thread, shared with the worker.
class WorkerSession
{
public:
    explicit WorkerSession(const Database &owner);

    // On the worker thread: opens the connection and makes it reachable by interrupt();
    // null, with the reason, when it cannot be opened. Call close() before it is destroyed.
    std::unique_ptr<Database> open(QString *error);
    void close();
    // On the owner's thread: stops the statement running on the worker's connection, if any.
    void interrupt(const Database &owner);

private:
    ConnectionSpec m_spec;
    QString m_readOnlyReason;
    QMutex m_mutex; // guards m_handle: set while the worker's connection is open
    QVariant m_handle;
};

} // namespace Tabula
