#include "database.h"
#include "pgdriver.h"
#include "testdatabases.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <libpq-fe.h>

using namespace Tabula;

// Dialect::readRows, which a bulk edit's plan reads its rows with, gives every value as
// QSqlQuery::value() does (SQLite reads its own API there, without Qt's row cache): same
// type, same NULLs, same content, for every kind of value and every kind of parameter.
class ReadRowsTest : public QObject
{
    Q_OBJECT

    using Rows = QList<QVariantList>;

    static Rows throughQuery(const Database &db, const SqlFragment &select, int columns)
    {
        QSqlQuery query(db.connection());
        query.setForwardOnly(true);
        query.prepare(select.sql);
        for (const QVariant &v : select.params)
            query.addBindValue(v);
        Rows rows;
        if (!query.exec())
            return {{QStringLiteral("error")}};
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < columns; ++i)
                row << query.value(i);
            rows << row;
        }
        return rows;
    }

    static Rows throughDialect(const Database &db, const SqlFragment &select, int columns)
    {
        Rows rows;
        QString error;
        const bool ok = db.dialect().readRows(
            db.connection(), select, columns,
            [&](const QVariant *values) { rows << QVariantList(values, values + columns); },
            &error);
        return ok ? rows : Rows{{QStringLiteral("error")}};
    }

    // Type, NULL and content: QVariant's == alone takes 1 for 1.0 and a null string for "".
    static QString describe(const QVariant &v)
    {
        return QStringLiteral("%1%2:%3").arg(
            QLatin1String(v.metaType().name()), v.isNull() ? "(null)" : "",
            v.typeId() == QMetaType::QByteArray ? v.toByteArray().toHex() : v.toString());
    }
    static QStringList describe(const Rows &rows)
    {
        QStringList lines;
        for (const QVariantList &row : rows) {
            QStringList cells;
            for (const QVariant &v : row)
                cells << describe(v);
            lines << cells.join(QStringLiteral(" | "));
        }
        return lines;
    }

    static void fill(const Database &db)
    {
        QCOMPARE(
            Test::exec(db, Test::portable(db, "CREATE TABLE v (id INTEGER PRIMARY KEY, "
                                              "t %TEXT%, b %BLOB%, n BIGINT, r DOUBLE PRECISION)")),
            QString());
        const QList<QVariantList> rows{
            {1, "inactive", QByteArray("\x00\xff", 2), 7, 1.5},
            {2, "inactive", QByteArray("\x00\xff", 2), 7, 1.5},
            {3, "ünïcødé 😀", QByteArray(""), -9000000000LL, -0.0},
            {4, "", QVariant(QMetaType(QMetaType::QByteArray)), 0, 0.1},
            {5, QVariant(QMetaType(QMetaType::QString)), QByteArray("x"), QVariant(), QVariant()},
            {6, QVariant(QMetaType(QMetaType::QString)), QByteArray("x"), QVariant(), QVariant()},
            {7, "inactive", QByteArray("\x00\xff", 2), 7, 1e300},
        };
        for (const QVariantList &row : rows) {
            QSqlQuery insert(db.connection());
            insert.prepare(QStringLiteral("INSERT INTO v VALUES (?, ?, ?, ?, ?)"));
            for (const QVariant &value : row)
                insert.addBindValue(value);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
    }

private slots:
    void everyValueAsQSqlQueryReadsIt_data() { Test::addDatabaseRows(); }
    void everyValueAsQSqlQueryReadsIt()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        fill(*db);
        const SqlFragment all{QStringLiteral("SELECT id, t, b, n, r FROM v ORDER BY id"), {}};
        const Rows expected = throughQuery(*db, all, 5);
        QCOMPARE(expected.size(), 7);
        QCOMPARE(describe(throughDialect(*db, all, 5)), describe(expected));
    }

    // Parameters bind as QSqlQuery binds them: text, bytes, integers, doubles, booleans, and
    // a null string as NULL. (SQLite and PostgreSQL read their own way; MariaDB through
    // QSqlQuery itself.)
    void parametersBindAsQSqlQueryBindsThem_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void parametersBindAsQSqlQueryBindsThem()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        fill(*db);
        const SqlFragment select{
            QStringLiteral("SELECT id, t FROM v WHERE t = ? OR b = ? OR n = ? OR n = ? OR r = ? "
                           "OR (id = ?) = ? OR (CAST(? AS TEXT) IS NULL AND id = 7) "
                           "OR t IS NULL AND CAST(? AS TEXT) IS NULL ORDER BY id"),
            {QStringLiteral("ünïcødé 😀"), QByteArray("x"), -9000000000LL, 0, 0.1, 2, true,
             QString(), QVariant(QMetaType(QMetaType::QString))}};
        const Rows expected = throughQuery(*db, select, 2);
        QVERIFY(expected.size() >= 5);
        QCOMPARE(describe(throughDialect(*db, select, 2)), describe(expected));
    }

    // A statement the database refuses fails with its message, and nothing is read.
    void aRefusedStatementSaysWhy_data() { Test::addDatabaseRows(); }
    void aRefusedStatementSaysWhy()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        int rows = 0;
        QString error;
        QVERIFY(!db->dialect().readRows(
            db->connection(), {QStringLiteral("SELECT nope FROM missing"), {}}, 1,
            [&](const QVariant *) { ++rows; }, &error));
        QCOMPARE(rows, 0);
        QVERIFY2(error.contains(QLatin1String("missing")) || error.contains(QLatin1String("nope")),
                 qPrintable(error));
    }

    // One statement a string, on every database: what follows a semicolon is refused, never
    // silently left out (the rows read would not be those asked) nor run.
    void aSecondStatementIsRefused_data() { Test::addDatabaseRows(); }
    void aSecondStatementIsRefused()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        fill(*db);
        const SqlFragment two{QStringLiteral("SELECT id FROM v WHERE id = 1; SELECT id FROM v"),
                              {}};
        QCOMPARE(throughDialect(*db, two, 1), (Rows{{QStringLiteral("error")}}));
    }

    // On PostgreSQL the rows stream in: each is handed over while the statement is still
    // running, so the whole result is never held (through QSqlQuery it is, then read).
    void rowsStreamInWhileTheStatementRuns_data()
    {
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void rowsStreamInWhileTheStatementRuns()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const auto *driver = dynamic_cast<const PgDriver *>(db->connection().driver());
        QVERIFY(driver);
        const SqlFragment many{QStringLiteral("SELECT x FROM generate_series(1, 1000) AS x"), {}};
        const auto running = [&] {
            return PQtransactionStatus(driver->connection()) == PQTRANS_ACTIVE;
        };
        int rows = 0, whileRunning = 0;
        QString error;
        QVERIFY(db->dialect().readRows(
            db->connection(), many, 1,
            [&](const QVariant *) {
                ++rows;
                whileRunning += running();
            },
            &error));
        QCOMPARE(rows, 1000);
        QCOMPARE(whileRunning, 1000);
        QVERIFY(!running());
        // Control: QSqlQuery holds the whole result before its first row is read.
        QSqlQuery query(db->connection());
        QVERIFY(query.exec(many.sql) && query.next());
        QVERIFY(!running());
    }

    // On PostgreSQL the rows stream in as the server sends them: a failure after the first
    // rows (division by zero at id 4) fails the read, never ends it as if the rows were all.
    void aFailureAfterTheFirstRowsFailsTheRead_data()
    {
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void aFailureAfterTheFirstRowsFailsTheRead()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        fill(*db);
        int rows = 0;
        QString error;
        QVERIFY(!db->dialect().readRows(
            db->connection(), {QStringLiteral("SELECT id, 10 / (4 - id) FROM v ORDER BY id"), {}},
            2, [&](const QVariant *) { ++rows; }, &error));
        QVERIFY2(error.contains(QLatin1String("division by zero")), qPrintable(error));
        QVERIFY(rows <= 3);
        // The connection is free again: the next statement runs.
        QCOMPARE(throughDialect(*db, {QStringLiteral("SELECT count(*) FROM v"), {}}, 1),
                 (Rows{{7LL}}));
    }

    // On SQLite the rows come from its own API: a text equal to the row before's is that
    // row's string again, not a new one (Qt's driver makes one a row).
    void repeatedTextIsShared()
    {
        TABULA_OPEN_FRESH(db, QStringLiteral("sqlite"));
        fill(*db);
        const SqlFragment all{QStringLiteral("SELECT t FROM v ORDER BY id"), {}};
        const Rows rows = throughDialect(*db, all, 1);
        QCOMPARE(rows.size(), 7);
        QVERIFY(rows.at(0).at(0).toString().isSharedWith(rows.at(1).at(0).toString()));
        QVERIFY(!rows.at(1).at(0).toString().isSharedWith(rows.at(6).at(0).toString()));
        const Rows control = throughQuery(*db, all, 1);
        QVERIFY(!control.at(0).at(0).toString().isSharedWith(control.at(1).at(0).toString()));
    }
};

QTEST_GUILESS_MAIN(ReadRowsTest)
#include "tst_readrows.moc"
