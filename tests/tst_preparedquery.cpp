#include "preparedquery.h"
#include "testdatabases.h"

#include <QSqlError>
#include <QTest>

using namespace Tabula;

// A statement the database refuses to prepare is never run. The control shows why: after a
// failed prepare(), QSqlQuery::exec() on MariaDB pastes the bound value into the text and
// sends the string as it is, and the server runs every statement in it.
class PreparedQueryTest : public QObject
{
    Q_OBJECT

    // One UPDATE with a parameter, then a DELETE the user never asked for.
    static SqlFragment twoStatements()
    {
        return {QStringLiteral("UPDATE t SET v = ? WHERE id = 1; DELETE FROM t"),
                {QStringLiteral("typed")}};
    }

    static void fill(const Database &db)
    {
        QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                                   "v %TEXT%)")),
                 QString());
        QCOMPARE(Test::exec(db, "INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b')"), QString());
    }

    static QList<QVariantList> rows(const Database &db)
    {
        return Test::readRows(db, QStringLiteral("SELECT id, v FROM t ORDER BY id"));
    }
    static QList<QVariantList> untouched() { return {{1, "a"}, {2, "b"}}; }

private slots:
    void initTestCase() { Test::isolateSettings(); }

    // Without the check: on MariaDB the refused string runs, and the DELETE with it.
    void controlExecAfterARefusedPrepareRunsIt_data() { Test::addServerRows({"mariadb"}); }
    void controlExecAfterARefusedPrepareRunsIt()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        TABULA_HELPER(fill(*db));
        QSqlQuery query(db->connection());
        QVERIFY(!query.prepare(twoStatements().sql));
        query.addBindValue(twoStatements().params.first());
        query.exec();
        QCOMPARE(rows(*db), QList<QVariantList>{});
    }

    void execBoundDoesNotRunARefusedStatement_data() { Test::addDatabaseRows(); }
    void execBoundDoesNotRunARefusedStatement()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        TABULA_HELPER(fill(*db));
        QSqlQuery query(db->connection());
        QVERIFY(!execBound(query, twoStatements()));
        QVERIFY(query.lastError().isValid());
        QCOMPARE(rows(*db), untouched());
        // One statement runs, its value bound.
        QVERIFY2(execBound(query, {QStringLiteral("UPDATE t SET v = ? WHERE id = ?"), {"c", 2}}),
                 qPrintable(query.lastError().text()));
        QCOMPARE(rows(*db), (QList<QVariantList>{{1, "a"}, {2, "c"}}));
    }

    void aCachedRefusedStatementIsNeverRun_data() { Test::addDatabaseRows(); }
    void aCachedRefusedStatementIsNeverRun()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        TABULA_HELPER(fill(*db));
        StatementCache cache(db->connection());
        QSqlQuery &refused = cache.statement(twoStatements().sql);
        QSqlQuery &update = cache.statement(QStringLiteral("UPDATE t SET v = ? WHERE id = ?"));
        for (int i = 0; i < 2; ++i) { // asked for again: still refused
            QSqlQuery &again = cache.statement(twoStatements().sql);
            QCOMPARE(&again, &refused);
            again.addBindValue(twoStatements().params.first());
            QVERIFY(!cache.exec(again));
            QVERIFY(again.lastError().isValid());
        }
        QCOMPARE(rows(*db), untouched());
        // References stay valid however many statements come after.
        for (int i = 0; i < 200; ++i)
            cache.statement(QStringLiteral("SELECT %1").arg(i));
        update.addBindValue(QStringLiteral("c"));
        update.addBindValue(2);
        QVERIFY2(cache.exec(update), qPrintable(update.lastError().text()));
        QCOMPARE(rows(*db), (QList<QVariantList>{{1, "a"}, {2, "c"}}));
        cache.finishAll();
        cache.clear();
        QSqlQuery &fresh = cache.statement(QStringLiteral("UPDATE t SET v = ? WHERE id = ?"));
        fresh.addBindValue(QStringLiteral("d"));
        fresh.addBindValue(1);
        QVERIFY2(cache.exec(fresh), qPrintable(fresh.lastError().text()));
        QCOMPARE(rows(*db), (QList<QVariantList>{{1, "d"}, {2, "c"}}));
    }
};

QTEST_GUILESS_MAIN(PreparedQueryTest)
#include "tst_preparedquery.moc"
