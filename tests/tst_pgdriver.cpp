#include "database.h"
#include "pgvalues.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Tabula;

// Tabula's own PostgreSQL driver (pgdriver.h), against what Qt's QPSQL does with the same
// input: each guard below has a control run through QPSQL (when its plugin is installed) or
// straight to the server, showing the harm the driver avoids.
class PgDriverTest : public QObject
{
    Q_OBJECT

    // A connection through Qt's own QPSQL driver to the same server, for the controls.
    static QSqlDatabase qtDriverConnection(const QString &dbName)
    {
        const QString name = QStringLiteral("qpsql-") + dbName;
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name);
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(Test::urlFor(dbName), &error);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(spec.host);
        db.setPort(spec.port);
        db.setUserName(spec.user);
        db.setPassword(spec.password);
        db.setDatabaseName(spec.database);
        if (!db.open())
            qWarning("QPSQL: %s", qPrintable(db.lastError().text()));
        return db;
    }

    static int rowCount(const Database &db)
    {
        const auto rows = Test::readRows(db, "SELECT COUNT(*) FROM t");
        return rows.isEmpty() ? -1 : rows.first().first().toInt();
    }

private slots:
    void placeholdersAreNumberedOutsideQuotes_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("count");
        QTest::newRow("plain") << "a = ? AND b = ?"
                               << "a = $1 AND b = $2" << 2;
        QTest::newRow("text") << "a = '?' OR b = ?"
                              << "a = '?' OR b = $1" << 1;
        QTest::newRow("doubled quote") << "a = 'it''s ?' OR b = ?"
                                       << "a = 'it''s ?' OR b = $1" << 1;
        QTest::newRow("escape string") << "a = E'\\'?' OR b = ?"
                                       << "a = E'\\'?' OR b = $1" << 1;
        QTest::newRow("quoted name") << "\"what?\" = ?"
                                     << "\"what?\" = $1" << 1;
        QTest::newRow("line comment") << "-- why?\nx = ?"
                                      << "-- why?\nx = $1" << 1;
        QTest::newRow("block comment") << "/* ? */ x = ?"
                                       << "/* ? */ x = $1" << 1;
        QTest::newRow("dollar quoted") << "$$ ? $$ || $t$ ? $t$ || ?"
                                       << "$$ ? $$ || $t$ ? $t$ || $1" << 1;
        QTest::newRow("cast") << "CAST(? AS int) + ?::int"
                              << "CAST($1 AS int) + $2::int" << 2;
        QTest::newRow("name with dollar") << "a$b = ?"
                                          << "a$b = $1" << 1;
    }
    void placeholdersAreNumberedOutsideQuotes()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        QFETCH(int, count);
        int found = -1;
        QCOMPARE(QString::fromUtf8(Pg::numberedPlaceholders(sql, &found)), expected);
        QCOMPARE(found, count);
    }

    // QPSQL sends `PREPARE s AS <string>` as a simple query: every statement after the first
    // runs at once. The driver sends one statement per string, prepared or not.
    void aStringIsOneStatement_data() { Test::addServerRows({QStringLiteral("postgresql")}); }
    void aStringIsOneStatement()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id int)"), QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t VALUES (1), (2)"), QString());
        const QString hidden = QStringLiteral("SELECT id FROM t WHERE id > ?; DELETE FROM t");
        QSqlQuery prepared(db->connection());
        prepared.prepare(hidden);
        prepared.addBindValue(0);
        QVERIFY(!prepared.exec());
        QSqlQuery plain(db->connection());
        QVERIFY(!plain.exec("SELECT 1; DELETE FROM t"));
        QVERIFY2(plain.lastError().databaseText().contains("multiple commands"),
                 qPrintable(plain.lastError().databaseText()));
        QCOMPARE(rowCount(*db), 2);
        if (dbName != QLatin1String("postgresql") || !QSqlDatabase::isDriverAvailable("QPSQL"))
            return;
        // Control: Qt's driver runs the DELETE hidden behind the prepared SELECT.
        QSqlDatabase qt = qtDriverConnection(dbName);
        {
            QSqlQuery q(qt);
            q.prepare(hidden);
            q.addBindValue(0);
            q.exec();
        }
        QCOMPARE(rowCount(*db), 0);
    }

    // Through a transaction-pooling proxy a statement prepared by name in one transaction is
    // gone in the next. The driver names nothing: prepared queries work, repeatedly.
    void preparedQueriesWorkThroughThePool_data()
    {
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void preparedQueriesWorkThroughThePool()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QSqlQuery q(db->connection());
        q.prepare("SELECT CAST(? AS int) + 1, CAST(? AS text)");
        for (int i = 0; i < 20; ++i) {
            q.addBindValue(i);
            q.addBindValue(QStringLiteral("ü%1").arg(i));
            QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
            QCOMPARE(q.value(0).toInt(), i + 1);
            QCOMPARE(q.value(1).toString(), QStringLiteral("ü%1").arg(i));
        }
        QVERIFY(!db->connection().driver()->hasFeature(QSqlDriver::NamedPlaceholders));
        if (dbName != QLatin1String("pgbouncer") || !QSqlDatabase::isDriverAvailable("QPSQL"))
            return;
        // Control: Qt's driver prepares by name, and the proxy has moved on.
        QSqlQuery qt(qtDriverConnection(dbName));
        const bool prepared = qt.prepare("SELECT CAST(? AS int) + 1");
        qt.addBindValue(1);
        QVERIFY(!prepared || !qt.exec());
        QVERIFY2(qt.lastError().databaseText().contains("does not exist"),
                 qPrintable(qt.lastError().databaseText()));
    }

    // What makes the "pgbouncer" rows of every test mean something: the proxy really hands
    // each transaction a connection wiped of session state. Directly, the state stays.
    void thePoolWipesSessionState_data() { Test::addServerRows({QStringLiteral("postgresql")}); }
    void thePoolWipesSessionState()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec("SET statement_timeout = '4321ms'"));
        QVERIFY(q.exec("SHOW statement_timeout") && q.next());
        if (dbName == QLatin1String("pgbouncer"))
            QVERIFY(q.value(0).toString() != QLatin1String("4321ms"));
        else
            QCOMPARE(q.value(0).toString(), QString("4321ms"));
        QVERIFY(q.exec("RESET statement_timeout"));
    }

    // Cancel is the protocol's cancel request, which the proxy forwards to whichever server
    // connection runs this client's statement (a backend pid would name a pooled one).
    void cancelStopsTheRunningStatement_data()
    {
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void cancelStopsTheRunningStatement()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const QVariant handle = db->dialect().sessionHandle(db->connection());
        QVERIFY(handle.isValid());
        std::atomic<bool> stop{false};
        std::thread canceller([&] {
            for (int i = 0; i < 100 && !stop; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                db->dialect().interrupt(handle, QSqlDatabase());
            }
        });
        QElapsedTimer timer;
        timer.start();
        QSqlQuery q(db->connection());
        const bool ran = q.exec("SELECT pg_sleep(30)");
        stop = true;
        canceller.join();
        QVERIFY(!ran);
        QCOMPARE(q.lastError().nativeErrorCode(), QString("57014"));
        QVERIFY2(timer.elapsed() < 20000, "the statement was not cancelled");
        // The connection goes on working.
        QVERIFY(q.exec("SELECT 1") && q.next());
    }

    // Values are parameters, never SQL: bytes (NUL, 0xff, a quote, a backslash), text with
    // emoji and quotes, exact numerics and NULLs come back as they went.
    void parametersKeepEveryValue_data() { Test::addServerRows({QStringLiteral("postgresql")}); }
    void parametersKeepEveryValue()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const QByteArray bytes("\0\xff'\\x\"", 6);
        const QString text = QStringLiteral("'); DROP TABLE t; -- 😀 \\ ?");
        const QString numeric = QStringLiteral("123456789012345678901234567890.123456789");
        QSqlQuery q(db->connection());
        q.prepare("SELECT CAST(? AS bytea), CAST(? AS text), CAST(? AS numeric), "
                  "CAST(? AS text) IS NULL, CAST(? AS boolean), CAST(? AS double precision)");
        q.addBindValue(bytes);
        q.addBindValue(text);
        q.addBindValue(numeric);
        q.addBindValue(QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(true);
        q.addBindValue(0.1);
        QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
        QCOMPARE(q.value(0).toByteArray(), bytes);
        QCOMPARE(q.value(1).toString(), text);
        QCOMPARE(q.value(2).toString(), numeric);
        QCOMPARE(q.value(3).toBool(), true);
        QCOMPARE(q.value(4).toBool(), true);
        QCOMPARE(q.value(5).toDouble(), 0.1);
    }

    // A column repeating a value (a status read for 100,000 rows) hands out that value again,
    // shared, instead of a new string a row; every row still reads its own value, and the next
    // statement on the same query reads its own types (the same text, '5', is an integer in
    // the first and text in the second).
    void repeatedValuesAreShared_data() { Test::addServerRows({QStringLiteral("postgresql")}); }
    void repeatedValuesAreShared()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec("SELECT v, 5 FROM (VALUES (1, 'inactive'), (2, 'inactive'), (3, 'x'), "
                       "(4, NULL), (5, 'inactive')) AS t(n, v) ORDER BY n"));
        QList<QVariant> values;
        while (q.next()) {
            values << q.value(0);
            QCOMPARE(q.value(1).typeId(), QMetaType::Int);
        }
        QCOMPARE(values.size(), 5);
        QCOMPARE(values.at(0).toString(), QStringLiteral("inactive"));
        QCOMPARE(values.at(2).toString(), QStringLiteral("x"));
        QVERIFY(values.at(3).isNull());
        QCOMPARE(values.at(4).toString(), QStringLiteral("inactive"));
        QVERIFY(values.at(0).toString().isSharedWith(values.at(1).toString()));
        QVERIFY(!values.at(0).toString().isSharedWith(values.at(4).toString()));

        QVERIFY(q.exec("SELECT CAST(5 AS text), '5'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("5"));
        QCOMPARE(q.value(1).typeId(), QMetaType::QString);
        QCOMPARE(q.value(1).toString(), QStringLiteral("5"));
    }
};

QTEST_GUILESS_MAIN(PgDriverTest)
#include "tst_pgdriver.moc"
