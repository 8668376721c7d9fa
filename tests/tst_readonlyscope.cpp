#include "database.h"
#include "readonlyscope.h"
#include "testdatabases.h"

#include <QSqlQuery>
#include <QTest>

using namespace Tabula;

// The second barrier behind checkReadOnlyExpression: whatever user SQL reaches the database
// inside a ReadOnlyScope cannot write, even SQL the lexical check would have let through.
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

    // PostgreSQL's driver prepares with PREPARE ... AS, which runs every statement of the
    // string: a second statement hidden in a WHERE must still not write.
    void secondStatementCannotWrite_data() { Test::addDatabaseRows(); }
    void secondStatementCannotWrite()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeTable(*db);
        {
            const ReadOnlyScope scope(*db);
            QVERIFY(scope.isActive());
            QSqlQuery q(db->connection());
            if (q.prepare("SELECT id FROM t WHERE 1 = 1; DELETE FROM t; SELECT 1 WHERE 1 = 1"))
                q.exec();
        }
        QCOMPARE(rowCount(*db), 3);
    }
};

QTEST_GUILESS_MAIN(ReadOnlyScopeTest)
#include "tst_readonlyscope.moc"
