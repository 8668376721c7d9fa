// Sorting by a column no index covers makes the database sort every matching row for each
// window it reads. On a big table the window says so when the user sorts that way; sorting by
// an indexed column or by the key, or a small table, says nothing. On every database.

#include "sortcost.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QHeaderView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace Tabula;

class SortHintTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;

    TableGrid *grid() const { return m_window->grid(); }
    // Clicks the title of `column`, as a user sorts, and returns what the status bar says.
    QString sortByClicking(int column)
    {
        m_window->statusBar()->clearMessage();
        QHeaderView *header = grid()->view()->horizontalHeader();
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, 6));
        return m_window->statusBar()->currentMessage();
    }
    int sortedColumn() const { return grid()->view()->horizontalHeader()->sortIndicatorSection(); }

private slots:
    void initTestCase_data() { Test::addDatabaseRows(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        const QStringList sql{
            Test::portable(*m_db, "CREATE TABLE items (id %PK%, code %TEXT%, note %TEXT%)"),
            "CREATE INDEX items_code ON items (code)",
        };
        for (const QString &statement : sql)
            QCOMPARE(Test::exec(*m_db, statement), QString());
        for (int i = 1; i <= 40; ++i)
            QCOMPARE(Test::exec(*m_db, QStringLiteral("INSERT INTO items (code, note) "
                                                      "VALUES ('c%1', 'n%2')")
                                           .arg(i)
                                           .arg(40 - i)),
                     QString());
        const QString location = m_db->dialect().kind() == DatabaseKind::SQLite
                                     ? m_db->spec().database
                                     : Test::urlFor(dbName);
        m_window = Test::showMainWindow(location, Test::tableNamed(*m_db, "items").id.displayName(),
                                        &error);
        QVERIFY2(m_window, qPrintable(error));
    }
    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void theCatalogNamesTheIndexedColumns()
    {
        QString error;
        const QSet<QString> indexed = indexedColumns(*m_db, m_window->document()->schema(), &error);
        QCOMPARE(error, QString());
        QVERIFY2(indexed.contains("id"), "the key is indexed");
        QVERIFY2(indexed.contains("code"), "items_code leads with code");
        QVERIFY2(!indexed.contains("note"), "no index covers note");
    }

    void sortingByAnUnindexedColumnOfABigTableSaysItMayBeSlow()
    {
        grid()->setSlowSortRows(40); // the table's 40 rows count as big
        const QString hint = sortByClicking(2);
        QCOMPARE(sortedColumn(), 2);
        QVERIFY2(hint.contains("note") && hint.contains("no index"), qPrintable(hint));
        QVERIFY2(hint.contains("40"), qPrintable(hint)); // how many rows it sorts
        // The rows are sorted all the same.
        QCOMPARE(m_window->document()->model()->index(0, 2).data().toString(), QString("n0"));
    }

    void sortingByAnIndexedColumnOrTheKeySaysNothing()
    {
        grid()->setSlowSortRows(40);
        QCOMPARE(sortByClicking(1), QString());
        QCOMPARE(sortedColumn(), 1);
        QCOMPARE(sortByClicking(0), QString());
        QCOMPARE(sortedColumn(), 0);
    }

    void aSmallTableSaysNothing()
    {
        grid()->setSlowSortRows(41); // one row more than the table has
        QCOMPARE(sortByClicking(2), QString());
        QCOMPARE(sortedColumn(), 2);
    }
};

QTEST_MAIN(SortHintTest)
#include "tst_sorthint.moc"
