// A page reached only by skipping many rows (a scroll-bar jump into a huge table) is read on
// a worker when the model is told to (the grid does): data() answers at once, empty, and the
// rows come with dataChanged, each where the database's own ORDER BY puts it.
#include "database.h"
#include "tabledocument.h"
#include "tablemodel.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
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
