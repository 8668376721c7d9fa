#include "backgroundrows.h"

#include "database.h"
#include "savemessages.h"
#include "windowread.h"

namespace Tabula {

// On the worker thread: reads on the kept connection.
class BackgroundRows::Reader : public WorkerConnection
{
public:
    Reader(const Database &owner, std::shared_ptr<std::atomic<quint64>> wanted)
        : WorkerConnection(owner), m_wanted(std::move(wanted))
    {
    }

    // The rows of `select`, or the reason; false when the read was dropped meanwhile.
    bool read(quint64 generation, const TableSchema &schema, const SqlFragment &select,
              QVector<QVariantList> *rows, QString *error)
    {
        if (generation != *m_wanted)
            return false;
        Database *db = database(error);
        if (!db)
            return generation == *m_wanted;
        // A cancel meant for the read before may stop this one (an interrupt lands on whatever
        // runs on the connection): one more try while it is still wanted.
        QSqlError failure;
        int attempts = 0;
        for (; attempts < 2 && generation == *m_wanted; ++attempts) {
            rows->clear();
            if (readWindow(*db, schema, select, rows, &failure))
                return generation == *m_wanted;
        }
        *error = databaseMessage(failure);
        if (attempts == 2)
            close(); // the connection may be what failed: the next read opens a new one
        return generation == *m_wanted;
    }

private:
    std::shared_ptr<std::atomic<quint64>> m_wanted;
};

BackgroundRows::BackgroundRows(const Database &database, QObject *parent)
    : QObject(parent), m_database(database), m_wanted(std::make_shared<std::atomic<quint64>>(0)),
      m_reader(new Reader(database, m_wanted)), m_worker(m_reader)
{
}

BackgroundRows::~BackgroundRows()
{
    cancel(); // m_worker then closes the connection on its thread
}

void BackgroundRows::start(const TableSchema &schema, const SqlFragment &select)
{
    cancel();
    const quint64 generation = ++*m_wanted;
    m_waiting = true;
    Reader *reader = m_reader;
    m_worker.post([this, reader, generation, schema, select] {
        QVector<QVariantList> rows;
        QString error;
        if (!reader->read(generation, schema, select, &rows, &error))
            return;
        QMetaObject::invokeMethod(
            this, [this, generation, rows, error] { report(generation, rows, error); },
            Qt::QueuedConnection);
    });
}

void BackgroundRows::report(quint64 generation, const QVector<QVariantList> &rows,
                            const QString &error)
{
    if (!m_waiting || generation != *m_wanted)
        return;
    m_waiting = false;
    emit finished(rows, error);
}

void BackgroundRows::cancel()
{
    if (!m_waiting)
        return;
    m_waiting = false;
    ++*m_wanted;
    m_reader->session.interrupt(m_database);
}

} // namespace Tabula
