#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace Tabula;

// Another session holding a lock on the rows makes Save wait a bounded time (the busy
// timeout), then say the database is busy, write nothing and keep every edit; once the lock
// is gone the same Save goes through. Without the bound, MariaDB waits 50 s and PostgreSQL
// as long as the holder does.
class BusySaveTest : public QObject
{
    Q_OBJECT

private slots:
    // A failed Save frees its statements after the rollback: inside the failed transaction
    // PostgreSQL refuses even that, and Qt warns.
    void init() { QTest::failOnWarning(QRegularExpression("Unable to free statement")); }
    void lockedRowsMakeSaveBusy_data() { Test::addDatabaseRows(); }
    void lockedRowsMakeSaveBusy()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                                     "name %TEXT%)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t VALUES (1, 'a'), (2, 'b')"), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("A")));

        auto other = Test::openAgain(*db);
        if (dbName == QLatin1String("sqlite")) {
            QCOMPARE(Test::exec(*other, "BEGIN IMMEDIATE"), QString());
        } else {
            QCOMPARE(Test::exec(*other, "BEGIN"), QString());
            QCOMPARE(Test::exec(*other, "SELECT * FROM t WHERE id = 1 FOR UPDATE"), QString());
        }
        QElapsedTimer timer;
        timer.start();
        const SaveResult busy = doc.save();
        const qint64 waited = timer.elapsed();
        QVERIFY(!busy.ok);
        QVERIFY2(busy.error.busy, qPrintable(busy.error.message));
        QVERIFY2(busy.error.message.contains("busy"), qPrintable(busy.error.message));
        QVERIFY2(waited < 3 * 2000 + 1000, qPrintable(QString::number(waited)));
        QCOMPARE(doc.pendingCount(), 1);

        QCOMPARE(Test::exec(*other, "ROLLBACK"), QString());
        const SaveResult saved = doc.save();
        QVERIFY2(saved.ok, qPrintable(saved.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT name FROM t ORDER BY id"),
                 QList<QVariantList>({{"A"}, {"b"}}));
    }
};

QTEST_GUILESS_MAIN(BusySaveTest)
#include "tst_busysave.moc"
