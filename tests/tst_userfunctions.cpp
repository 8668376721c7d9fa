// User SQL (a raw WHERE, a bulk edit's expression) cannot call a function that acts, however
// its name is spelled. Each spelling is refused by the guard; a control runs the same text
// without the guard, on the same database, and shows the function really acts there.

#include "bulkedit.h"
#include "database.h"
#include "filterexpression.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <sqlite3.h>

using namespace Tabula;

namespace {

// SQLite's built-ins cannot act on anything, so the test gives it one that can: it counts
// its calls, as a function that wrote or loaded code would leave a trace.
int g_effectCalls = 0;

void countCall(sqlite3_context *context, int, sqlite3_value **)
{
    ++g_effectCalls;
    sqlite3_result_int(context, 1);
}

bool addEffectFunction(const Database &db)
{
    const QVariant handle = db.connection().driver()->handle();
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    return sqlite3_create_function_v2(connection, "tabula_test_effect", 0, SQLITE_UTF8, nullptr,
                                      &countCall, nullptr, nullptr, nullptr) == SQLITE_OK;
}

// Whether the call acted: on a server, read from a second connection (a lock is visible to
// other sessions); on SQLite, the count of calls.
int effectSeen(const Database &db, const QString &effectQuery)
{
    if (effectQuery.isEmpty())
        return g_effectCalls;
    auto other = Test::openAgain(db);
    QSqlQuery q(other->connection());
    if (!q.exec(effectQuery) || !q.next())
        qWarning("effect query: %s", qPrintable(q.lastError().text()));
    return q.value(0).toInt();
}

bool hasDatabase(const char *name)
{
    return !Test::urlFor(QLatin1String(name)).isEmpty() || !qEnvironmentVariableIsEmpty("CI");
}

void addRow(const char *db, const char *sql, const char *effect)
{
    QTest::addRow("%s: %s", db, sql) << QString(db) << QString(sql) << QString(effect);
}

} // namespace

class UserFunctionsTest : public QObject
{
    Q_OBJECT
private slots:
    void hostileCallIsRefused_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("effect");
        for (const char *sql : {"\"tabula_test_effect\"() = 1", "[tabula_test_effect]() = 1",
                                "`tabula_test_effect`() = 1", "TABULA_TEST_EFFECT () = 1"})
            addRow("sqlite", sql, "");
        if (hasDatabase("postgresql")) {
            const char *locks = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
                                "AND objid = 7071";
            for (const char *sql :
                 {"\"pg_advisory_lock\"(7071) IS NULL", "pg_catalog.pg_advisory_lock(7071) IS NULL",
                  "\"pg_catalog\" . \"pg_advisory_lock\" (7071) IS NULL",
                  "U&\"pg_advisory_lock\"(7071) IS NULL", "PG_ADVISORY_LOCK (7071) IS NULL"})
                addRow("postgresql", sql, locks);
        }
        if (hasDatabase("mariadb")) {
            const char *locks = "SELECT IS_USED_LOCK('tabula_x') IS NOT NULL";
            for (const char *sql :
                 {"`get_lock`('tabula_x', 0) = 1", "`GET_LOCK` ('tabula_x', 0) = 1",
                  "get_lock ('tabula_x', 0) = 1"})
                addRow("mariadb", sql, locks);
        }
    }
    void hostileCallIsRefused()
    {
        QFETCH(QString, dbName);
        QFETCH(QString, sql);
        QFETCH(QString, effect);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT%)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name) VALUES ('a')"), QString());
        g_effectCalls = 0;
        if (db->dialect().kind() == DatabaseKind::SQLite)
            QVERIFY(addEffectFunction(*db));

        // Through the grid's filter: refused with the function named, nothing called.
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY2(doc.refresh(), qPrintable(doc.lastError()));
        FilterExpression filter;
        filter.setRawWhere(sql);
        QString error;
        QVERIFY(!doc.setFilter(filter, &error));
        QVERIFY2(error.contains("is not allowed here: only functions that read are"),
                 qPrintable(error));
        QCOMPARE(effectSeen(*db, effect), 0);

        // As a bulk edit's expression: refused the same way, nothing planned, nothing called.
        BulkEdit edit;
        edit.column = 1;
        edit.kind = BulkEdit::Kind::Expression;
        edit.scope = BulkEdit::Scope::MatchingRows;
        edit.expression = sql;
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.error.contains("is not allowed here: only functions that read are"),
                 qPrintable(plan.error));
        QVERIFY(plan.changes.isEmpty());
        QCOMPARE(effectSeen(*db, effect), 0);

        // Control: the same text, run as a filter would run it but without the guard, acts
        // even inside the read-only transaction, and what it took outlives the transaction.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(db->dialect().beginReadOnly()));
        QVERIFY2(q.exec("SELECT id FROM t WHERE (" + sql + ")"), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(db->dialect().endReadOnly()));
        QCOMPARE(effectSeen(*db, effect), 1);
    }

    // What users rely on still runs, on every database.
    void pureCallsStillRun_data() { Test::addDatabaseRows(); }
    void pureCallsStillRun()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT%, "
                                                     "email %TEXT%, age INTEGER, price REAL)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name, email, age, price) VALUES "
                                 "(' Ada ', 'ADA@example.com', 36, 10), "
                                 "('Bob', 'bob@example.org', 25, 5)"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY2(doc.refresh(), qPrintable(doc.lastError()));
        for (const char *sql :
             {"price * 1.1 > 10", "trim(name) = 'Ada'", "age + 1 = 37",
              "lower(email) LIKE '%example.com'", "age > 30 AND email LIKE '%@example.com'",
              "COALESCE(NULLIF(trim(name), ''), 'x') = 'Ada'", "CAST(age AS CHAR(10)) = '36'",
              "replace(email, 'ADA', 'a') = 'a@example.com'"}) {
            FilterExpression filter;
            filter.setRawWhere(sql);
            QString error;
            QVERIFY2(doc.setFilter(filter, &error), qPrintable(QString(sql) + ": " + error));
            QCOMPARE(doc.model()->rowCount(), 1);
        }
    }
};

QTEST_GUILESS_MAIN(UserFunctionsTest)
#include "tst_userfunctions.moc"
