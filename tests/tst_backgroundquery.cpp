#include "backgroundquery.h"
#include "database.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

// BackgroundQuery (the counts of big tables) keeps one worker connection between statements,
// as the page reads do: a count after every filter change costs no new server connection
// (a process and an authentication on the server). A cancelled statement stops and is never
// reported, and does not stop the next; a connection that died is opened again.
class BackgroundQueryTest : public QObject
{
    Q_OBJECT

    // The server's id of the connection a statement runs on.
    static QString sessionId(const QString &dbName)
    {
        return Test::isPostgres(dbName) ? QStringLiteral("SELECT pg_backend_pid()")
                                        : QStringLiteral("SELECT CONNECTION_ID()");
    }
    static QString slowStatement(const QString &dbName)
    {
        return Test::isPostgres(dbName) ? QStringLiteral("SELECT 1 FROM pg_sleep(20)")
                                        : QStringLiteral("SELECT SLEEP(20)");
    }
    // Runs `sql` and returns what it reported (the value, or "failed: " and the reason).
    static QString run(BackgroundQuery &query, const QString &sql)
    {
        QSignalSpy finished(&query, &BackgroundQuery::finished);
        QSignalSpy failed(&query, &BackgroundQuery::failed);
        query.start({sql, {}});
        QElapsedTimer timer;
        timer.start();
        while (finished.isEmpty() && failed.isEmpty() && timer.elapsed() < 10000)
            QTest::qWait(5);
        if (finished.isEmpty() && failed.isEmpty())
            return QStringLiteral("no report");
        return failed.isEmpty() ? finished.first().first().toString()
                                : QStringLiteral("failed: ") + failed.first().first().toString();
    }

private slots:
    void statementsShareOneConnection_data() { Test::addServerRows(); }
    void statementsShareOneConnection()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        if (dbName == QLatin1String("pgbouncer"))
            QSKIP("the pool hands each transaction whichever server connection is free");
        BackgroundQuery query(*db);
        const QString first = run(query, sessionId(dbName));
        QVERIFY2(first.toLongLong() > 0, qPrintable(first));
        QCOMPARE(run(query, sessionId(dbName)), first);
        QCOMPARE(run(query, sessionId(dbName)), first);
    }

    // Cancelled while it runs: stopped at once in the database, never reported; the next
    // statement, on the same connection, reports.
    void aCancelledStatementStopsAndTheNextRuns_data() { Test::addServerRows(); }
    void aCancelledStatementStopsAndTheNextRuns()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        BackgroundQuery query(*db);
        QCOMPARE(run(query, QStringLiteral("SELECT 1")), QStringLiteral("1"));
        QSignalSpy finished(&query, &BackgroundQuery::finished);
        QSignalSpy failed(&query, &BackgroundQuery::failed);
        query.start({slowStatement(dbName), {}});
        QTest::qWait(300); // running on the server by now
        QElapsedTimer timer;
        timer.start();
        query.cancel();
        QCOMPARE(run(query, QStringLiteral("SELECT 42")), QStringLiteral("42"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(finished.count(), 1); // 42's
        QCOMPARE(failed.count(), 0);
    }

    // The worker's connection ended from outside (a server restart, an idle timeout): that
    // statement fails and says so, and the next one opens a new connection.
    void aDeadConnectionIsOpenedAgain()
    {
        TABULA_OPEN_FRESH(db, Test::databaseNames().contains(QStringLiteral("postgresql"))
                                  ? QStringLiteral("postgresql")
                                  : QString());
        BackgroundQuery query(*db);
        const QString pid = run(query, QStringLiteral("SELECT pg_backend_pid()"));
        QCOMPARE(Test::exec(*db, QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)),
                 QString());
        QVERIFY(run(query, QStringLiteral("SELECT 7")).startsWith(QLatin1String("failed: ")));
        QCOMPARE(run(query, QStringLiteral("SELECT 8")), QStringLiteral("8"));
    }
};

QTEST_GUILESS_MAIN(BackgroundQueryTest)
#include "tst_backgroundquery.moc"
