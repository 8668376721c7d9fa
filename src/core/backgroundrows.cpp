#include "backgroundrows.h"

#include "database.h"
#include "windowread.h"
#include "workersession.h"

namespace Tabula {

// On the worker thread: the kept connection, opened by the first read.
class BackgroundRows::Reader : public QObject
{
public:
    Reader(const Database &owner, std::shared_ptr<std::atomic<quint64>> wanted)
        : session(owner), m_wanted(std::move(wanted))
    {
    }

    // The rows of `select`, or the reason; false when the read was dropped meanwhile.
    bool read(quint64 generation, const TableSchema &schema, const SqlFragment &select,
              QVector<QVariantList> *rows, QString *error)
    {
        if (generation != *m_wanted)
            return false;
        if (!m_db && !(m_db = session.open(error)))
            return generation == *m_wanted;
        // A cancel meant for the read before may stop this one (an interrupt lands on whatever
        // runs on the connection): one more try while it is still wanted.
        QSqlError failure;
        int attempts = 0;
        for (; attempts < 2 && generation == *m_wanted; ++attempts) {
            rows->clear();
            if (readWindow(*m_db, schema, select, rows, &failure))
                return generation == *m_wanted;
        }
        *error = failure.databaseText().isEmpty() ? failure.text() : failure.databaseText();
        if (attempts == 2)
            close(); // the connection may be what failed: the next read opens a new one
        return generation == *m_wanted;
    }

    void close()
    {
        session.close();
        m_db.reset();
    }

    WorkerSession session;

private:
    std::shared_ptr<std::atomic<quint64>> m_wanted;
    std::unique_ptr<Database> m_db;
};

BackgroundRows::BackgroundRows(const Database &database, QObject *parent)
    : QObject(parent), m_database(database), m_wanted(std::make_shared<std::atomic<quint64>>(0))
{
    m_reader = new Reader(database, m_wanted);
    m_reader->moveToThread(&m_thread); // started by the first read
}

BackgroundRows::~BackgroundRows()
{
    cancel();
    if (m_thread.isRunning()) {
        Reader *reader = m_reader;
        QMetaObject::invokeMethod(
            reader, [reader] { reader->close(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_reader;
}

void BackgroundRows::start(const TableSchema &schema, const SqlFragment &select)
{
    cancel();
    const quint64 generation = ++*m_wanted;
    m_waiting = true;
    if (!m_thread.isRunning())
        m_thread.start();
    Reader *reader = m_reader;
    QMetaObject::invokeMethod(reader, [this, reader, generation, schema, select] {
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
