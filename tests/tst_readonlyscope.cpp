#include "database.h"
#include "readonlyscope.h"
#include "testdatabases.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Tabula;

// The second barrier behind checkReadOnlyExpression: whatever user SQL reaches the database
// inside a ReadOnlyScope cannot write, even SQL the guard would have let through. Each test
// has a control: the same SQL, without the scope, does write (or keep its lock).
class ReadOnlyScopeTest : public QObject
{
    Q_OBJECT

    static int rowCount(const Database &db)
    {
        auto other = Test::openAgain(db);
        QSqlQuery q(other->connection());
        return q.exec("SELECT COUNT(*) FROM t") && q.next() ? q.value(0).toInt() : -1;
    }

    static void makeTable(const Database &db)
    {
        QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE t (id %PK%, name %TEXT%)")),
                 QString());
        QCOMPARE(Test::exec(db, "INSERT INTO t (name) VALUES ('a'), ('b'), ('c')"), QString());
    }

    static bool hasDatabase(const char *name)
    {
        return !Test::urlFor(QLatin1String(name)).isEmpty() || !qEnvironmentVariableIsEmpty("CI");
    }

    static void run(const Database &db, const QString &sql, bool prepared)
    {
        QSqlQuery q(db.connection());
        if (!prepared)
            q.exec(sql);
        else if (q.prepare(sql))
            q.exec();
    }

    // Whether `held` (a query returning 1 or 0) sees the lock from another session.
    static int heldElsewhere(const Database &db, const QString &held)
    {
        auto other = Test::openAgain(db);
        QSqlQuery q(other->connection());
        return q.exec(held) && q.next() ? q.value(0).toInt() : -1;
    }

private slots:
    void writesAreRefusedInside_data() { Test::addDatabaseRows(); }
    void writesAreRefusedInside()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeTable(*db);
        {
            const ReadOnlyScope scope(*db);
            QVERIFY2(scope.isActive(), qPrintable(scope.error()));
            QSqlQuery q(db->connection());
            QVERIFY(q.exec("SELECT name FROM t ORDER BY id") && q.next());
            QCOMPARE(q.value(0).toString(), QString("a"));
            q.finish();
            QVERIFY(!q.exec("DELETE FROM t"));
            QVERIFY(!q.exec("UPDATE t SET name = 'x'"));
        }
        QCOMPARE(rowCount(*db), 3);
        // Outside the scope the connection writes again: Save is not affected.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec("DELETE FROM t WHERE name = 'a'"));
        QCOMPARE(rowCount(*db), 2);
    }

    // A string hiding a write behind a read, sent the way each driver lets one through:
    // MariaDB's runs several statements in an unprepared exec(); SQLite's prepares one
    // statement and refuses the rest, and Tabula's PostgreSQL driver sends one statement per
    // string (tst_pgdriver), so there the write has to be the statement itself.
    void hiddenWriteCannotWrite_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<bool>("prepared");
        QTest::addColumn<QString>("sql");
        QTest::newRow("sqlite") << "sqlite" << true
                                << "WITH doomed AS (SELECT id FROM t) DELETE FROM t "
                                   "WHERE id IN (SELECT id FROM doomed)";
        for (const char *postgres : {"postgresql", "pgbouncer"}) {
            if (hasDatabase(postgres))
                QTest::newRow(postgres)
                    << QString(postgres) << true
                    << "WITH doomed AS (DELETE FROM t RETURNING id) SELECT id FROM doomed";
        }
        if (hasDatabase("mariadb"))
            QTest::newRow("mariadb")
                << "mariadb" << false << "SELECT id FROM t WHERE 1 = 1; DELETE FROM t";
    }
    void hiddenWriteCannotWrite()
    {
        QFETCH(QString, dbName);
        QFETCH(bool, prepared);
        QFETCH(QString, sql);
        TABULA_OPEN_FRESH(db, dbName);
        makeTable(*db);
        {
            const ReadOnlyScope scope(*db);
            QVERIFY(scope.isActive());
            run(*db, sql, prepared);
        }
        QCOMPARE(rowCount(*db), 3);
        // Control: the same string, sent the same way without the barrier, writes.
        run(*db, sql, prepared);
        QCOMPARE(rowCount(*db), 0);
    }

    // Session-level locks outlive a rollback; the scope lets go of them when it ends.
    void locksAreReleasedAfterwards_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<QString>("take");
        QTest::addColumn<QString>("held");
        if (hasDatabase("postgresql"))
            QTest::newRow("postgresql")
                << "postgresql"
                << "SELECT pg_advisory_lock(7072)"
                << "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 7072";
        if (hasDatabase("mariadb"))
            QTest::newRow("mariadb") << "mariadb"
                                     << "SELECT GET_LOCK('tabula_y', 0)"
                                     << "SELECT IS_USED_LOCK('tabula_y') IS NOT NULL";
        if (!hasDatabase("postgresql") && !hasDatabase("mariadb"))
            QTest::newRow("no server") << QString() << QString() << QString();
    }
    void locksAreReleasedAfterwards()
    {
        QFETCH(QString, dbName);
        QFETCH(QString, take);
        QFETCH(QString, held);
        TABULA_OPEN_FRESH(db, dbName);
        // Control: inside a bare read-only transaction the lock is taken and stays taken.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(db->dialect().beginReadOnly()));
        QVERIFY2(q.exec(take), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(db->dialect().endReadOnly()));
        QCOMPARE(heldElsewhere(*db, held), 1);
        QVERIFY(q.exec(db->dialect().resetSessionState()));
        QCOMPARE(heldElsewhere(*db, held), 0);
        // The guard bypassed, as if the lock had got past it: released when the scope ends.
        {
            const ReadOnlyScope scope(*db);
            QVERIFY(scope.isActive());
            QSqlQuery inside(db->connection());
            QVERIFY2(inside.exec(take), qPrintable(inside.lastError().text()));
            QCOMPARE(heldElsewhere(*db, held), 1);
        }
        QCOMPARE(heldElsewhere(*db, held), 0);
        // And when the user's SQL failed after taking it (PostgreSQL then refuses every
        // statement until the transaction rolls back: the scope goes back to its savepoint
        // first, so the reset still runs inside the same transaction).
        {
            const ReadOnlyScope scope(*db);
            QSqlQuery inside(db->connection());
            QVERIFY(inside.exec(take));
            QVERIFY(!inside.exec("SELECT * FROM no_such_table"));
        }
        QCOMPARE(heldElsewhere(*db, held), 0);
    }
};

QTEST_GUILESS_MAIN(ReadOnlyScopeTest)
#include "tst_readonlyscope.moc"
