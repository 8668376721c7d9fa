// A page reached only by skipping many rows (a scroll-bar jump into a huge table), or with
// the grid's setting every page not in memory, is read on the model's worker connection:
// data() answers at once, empty, and the rows come with dataChanged, each where the
// database's own ORDER BY puts it.
#include "database.h"
#include "filterexpression.h"
#include "tabledocument.h"
#include "tablemodel.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

namespace {

constexpr int kRows = 6000; // 24 pages of 256
constexpr int kFar = 600;   // rows skipped from the nearest row read that make a read far

QString expectedName(int row)
{
    return QStringLiteral("n%1").arg(row + 1, 5, 10, QLatin1Char('0'));
}

} // namespace

class FarReadsTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_doc;

    TableModel *model() const { return m_doc->model(); }
    QVariant name(int row) const { return model()->index(row, 1).data(); }

private slots:
    void initTestCase_data() { Test::addDatabaseRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, "CREATE TABLE t (id INTEGER PRIMARY "
                                                         "KEY, name %TEXT%)")),
                 QString());
        for (int chunk = 0; chunk < kRows; chunk += 1000) {
            QStringList values;
            for (int i = chunk; i < chunk + 1000; ++i)
                values << QStringLiteral("(%1, '%2')").arg(i + 1).arg(expectedName(i));
            QCOMPARE(Test::exec(*m_db, "INSERT INTO t VALUES " + values.join(',')), QString());
        }
        m_doc = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, "t"));
        QVERIFY(m_doc->refresh());
        QVERIFY(model()->waitForCount());
        QCOMPARE(model()->rowCount(), kRows);
    }
    void cleanup()
    {
        m_doc.reset();
        m_db.reset();
    }

    void aFarPageComesFromTheWorker()
    {
        QAbstractItemModelTester tester(model());
        model()->setFarReadRows(kFar);
        QSignalSpy changed(model(), &TableModel::dataChanged);
        // Page 5 is 1,024 rows past the first page and 4,464 before the end.
        QVERIFY(!name(1500).isValid());
        QVERIFY(model()->isReadingFar());
        QVERIFY(!name(1400).isValid()); // same page: waits for it, no second read
        // A view asks flags() of every cell it paints: that must not read the page at once.
        const int reads = model()->rowReadCount();
        QVERIFY(!(model()->flags(model()->index(1450, 1)) & Qt::ItemIsEditable));
        QCOMPARE(model()->rowReadCount(), reads);
        QVERIFY(!name(1450).isValid());
        QTRY_VERIFY(!model()->isReadingFar());
        QVERIFY(!changed.isEmpty());
        for (int row = 1280; row < 1536; row += 17)
            QCOMPARE(name(row).toString(), expectedName(row));
        // Its neighbours are one keyset read away now, read at once.
        QCOMPARE(name(1540).toString(), expectedName(1540));
        QVERIFY(!model()->isReadingFar());
    }

    // Page 20 is 624 rows before the end and 4,864 past the first page: read backwards from
    // the end, and still in order.
    void aFarPageNearerTheEndIsReadBackwards()
    {
        model()->setFarReadRows(kFar);
        QVERIFY(!name(5200).isValid());
        QTRY_VERIFY(!model()->isReadingFar());
        for (int row = 5120; row < 5376; row += 5)
            QCOMPARE(name(row).toString(), expectedName(row));
    }

    // Control: by default (tools, the bench) the same page is read when asked for.
    void withoutFarReadsThePageIsThereAtOnce()
    {
        QCOMPARE(name(1500).toString(), expectedName(1500));
        QVERIFY(!model()->isReadingFar());
    }

    // The user scrolls on before the first far page arrived: that read is dropped, the new
    // one is kept, and the first page is read again when it is shown again.
    void aNewJumpDropsTheReadUnderWay()
    {
        model()->setFarReadRows(kFar);
        QVERIFY(!name(1500).isValid()); // page 5
        QVERIFY(!name(3000).isValid()); // page 11: 2,560 rows from page 0, 2,928 from the end
        QTRY_VERIFY(!model()->isReadingFar());
        QCOMPARE(name(3000).toString(), expectedName(3000));
        QVERIFY(!name(1500).isValid()); // not read: started again
        QTRY_VERIFY(!model()->isReadingFar());
        QCOMPARE(name(1500).toString(), expectedName(1500));
    }

    // The grid's setting (0): every page not in memory comes from the worker, each where ORDER
    // BY puts it, one after the other as the user scrolls; pages in memory answer at once.
    void everyPageComesFromTheWorker()
    {
        QAbstractItemModelTester tester(model());
        model()->setFarReadRows(0);
        int fromWorker = 0;
        for (int row = 256; row < kRows; row += 256) {
            if (!name(row).isValid()) {
                ++fromWorker;
                QVERIFY(model()->isReadingFar());
                QTRY_VERIFY(!model()->isReadingFar());
            }
            for (int r = row; r < qMin(row + 256, kRows); r += 15)
                QCOMPARE(name(r).toString(), expectedName(r));
        }
        QVERIFY2(fromWorker >= 20, qPrintable(QString::number(fromWorker)));
        for (int row = kRows - 1; row >= 0; row -= 97)
            QCOMPARE(name(row).toString(), expectedName(row));
        QVERIFY(!model()->isReadingFar());
    }

    // The worker's kept connection dies (the server ended it): that page's read fails and is
    // said, and the next page's read opens a new connection and comes.
    void aDeadWorkerConnectionIsOpenedAgain()
    {
        QFETCH_GLOBAL(QString, dbName);
        if (dbName != QLatin1String("postgresql"))
            QSKIP("ended from another session on PostgreSQL itself");
        model()->setFarReadRows(0);
        QVERIFY(!name(1500).isValid());
        QTRY_VERIFY(!model()->isReadingFar()); // the worker's connection is open now
        QCOMPARE(name(1500).toString(), expectedName(1500));
        QCOMPARE(Test::exec(*m_db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = current_database() AND usename = current_user "
                                   "AND pid <> pg_backend_pid()"),
                 QString());
        QSignalSpy failed(model(), &TableModel::readFailed);
        QVERIFY(!name(3000).isValid());
        QTRY_VERIFY(!model()->isReadingFar());
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!name(4500).isValid()); // a page the worker has not read: on a new connection
        QTRY_VERIFY(!model()->isReadingFar());
        QCOMPARE(name(4500).toString(), expectedName(4500));
    }

    // A slow page (a filter costly past row 10,500, beyond what the first window and the
    // bounded count read) keeps nothing waiting: data() answers at once, the rows come later.
    // Control: read when asked for (-1), the same data() waits for the whole read (~1 s).
    void aSlowPageKeepsNothingWaiting()
    {
        QFETCH_GLOBAL(QString, dbName);
        if (dbName != QLatin1String("sqlite"))
            QSKIP("the costly filter is SQLite's");
        QCOMPARE(Test::exec(*m_db, "CREATE TABLE slow (id INTEGER PRIMARY KEY, name TEXT)"),
                 QString());
        QCOMPARE(Test::exec(*m_db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                   "FROM c WHERE x < 11000) INSERT INTO slow SELECT x, 'n' || x "
                                   "FROM c"),
                 QString());
        TableDocument doc(*m_db, Test::tableNamed(*m_db, "slow"));
        FilterExpression costly;
        costly.setRawWhere("id <= 10500 OR length(hex(zeroblob(id * 0 + 2000000))) > 0");
        for (const int farRows : {0, -1}) {
            QString error;
            QVERIFY2(doc.setFilter(costly, &error), qPrintable(error));
            TableModel *model = doc.model();
            QVERIFY(model->waitForCount()); // on its worker: ~2 s of costly rows
            QCOMPARE(model->rowCount(), 11000);
            model->setFarReadRows(farRows);
            QElapsedTimer timer;
            timer.start();
            const QVariant shown = model->index(10700, 1).data();
            const qint64 waited = timer.elapsed();
            if (farRows == 0) {
                QVERIFY2(waited < 300, qPrintable(QString::number(waited)));
                QVERIFY(!shown.isValid());
                QTRY_VERIFY_WITH_TIMEOUT(!model->isReadingFar(), 30000);
                QCOMPARE(model->index(10700, 1).data().toString(), QStringLiteral("n10701"));
            } else {
                QVERIFY2(waited >= 500, qPrintable(QString::number(waited)));
                QCOMPARE(shown.toString(), QStringLiteral("n10701"));
            }
        }
    }

    // A re-read (after Save, a filter) drops a far read under way: its rows would be stale.
    void aReloadDropsTheReadUnderWay()
    {
        model()->setFarReadRows(kFar);
        QVERIFY(!name(1500).isValid());
        QVERIFY(m_doc->refresh());
        QVERIFY(!model()->isReadingFar());
        QTest::qWait(200);
        QVERIFY(!model()->isReadingFar());
        QVERIFY(!name(1500).isValid()); // asked again: read again
        QTRY_VERIFY(!model()->isReadingFar());
        QCOMPARE(name(1500).toString(), expectedName(1500));
    }
};

QTEST_GUILESS_MAIN(FarReadsTest)
#include "tst_farreads.moc"
