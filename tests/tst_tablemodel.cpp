#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

namespace {

// Ten rows: id 1..10, name "n1".."n10", qty 1..10, except row 3 whose name is NULL and row 4
// whose name is empty.
void createTen(const Database &db)
{
    QCOMPARE(
        Test::exec(db, Test::portable(db, "CREATE TABLE t (id %PK%, name %TEXT%, qty INTEGER)")),
        QString());
    for (int i = 1; i <= 10; ++i) {
        const QString name = i == 3 ? "NULL" : i == 4 ? "''" : QStringLiteral("'n%1'").arg(i);
        QCOMPARE(
            Test::exec(
                db, QStringLiteral("INSERT INTO t (name, qty) VALUES (%1, %2)").arg(name).arg(i)),
            QString());
    }
}

QVariant cell(const TableModel *model, int row, int column, int role = Qt::EditRole)
{
    return model->data(model->index(row, column), role);
}

int rowState(const TableModel *model, int row)
{
    return cell(model, row, 0, TableModel::RowStateRole).toInt();
}

} // namespace

class TableModelTest : public QObject
{
    Q_OBJECT
private slots:
    // A million rows: the first window shows before the count, which runs on a worker
    // thread; then any row is one window away, and memory holds a budget of windows.
    void aMillionRowsInBoundedMemory()
    {
        TABULA_OPEN_FRESH(db, QStringLiteral("sqlite"));
        QCOMPARE(
            Test::exec(*db, "CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER)"),
            QString());
        QCOMPARE(
            Test::exec(*db,
                       "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                       "WHERE x < 1000000) INSERT INTO big (name, qty) SELECT 'n' || x, x FROM c"),
            QString());
        TableDocument doc(*db, Test::tableNamed(*db, "big"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setCacheBudget(4096);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(doc.refresh());
        qInfo("first window of a million rows in %lld ms", timer.elapsed());
        // While counting, the rowid span stands for the count: every row is there to be read.
        QVERIFY(model->rowCountIsEstimated());
        QCOMPARE(model->rowCount(), 1000000);
        QCOMPARE(model->matchingRowCount(), qint64(-1)); // still counting
        QVERIFY(model->isCounting());
        QVERIFY(model->rowCountLowerBound() > 10000);
        QVERIFY(!model->canFetchMore(QModelIndex()));
        QVERIFY(model->waitForCount());
        QCOMPARE(model->matchingRowCount(), qint64(1000000));
        QCOMPARE(model->rowCount(), 1000000);
        QVERIFY(!model->canFetchMore(QModelIndex()));

        // The last row, the middle, and back near the start: one window each.
        QCOMPARE(cell(model, 999999, 0).toLongLong(), qlonglong(1000000));
        QCOMPARE(cell(model, 500000, 1).toString(), QStringLiteral("n500001"));
        QCOMPARE(cell(model, 700, 0).toLongLong(), qlonglong(701));
        QVERIFY(model->cachedRowCount() <= 8 * 256); // not the rows in between
        // Windows follow one another: no row missed or repeated, read forwards or backwards.
        for (int r = 999999; r > 990000; r -= 7)
            QCOMPARE(cell(model, r, 0).toLongLong(), qlonglong(r + 1));
        for (int r = 200000; r < 230000; r += 13)
            QCOMPARE(cell(model, r, 0).toLongLong(), qlonglong(r + 1));
        QVERIFY2(model->cachedRowCount() <= 4096,
                 qPrintable(QString::number(model->cachedRowCount())));

        const int far = 199999;
        QCOMPARE(cell(model, far, 1).toString(), QStringLiteral("n200000"));
        QVERIFY(model->setData(model->index(far, 1), QStringLiteral("far away")));
        // Its window is evicted and read again: the pending value is still shown.
        for (int r = 0; r < 1000000; r += 25000)
            cell(model, r, 0);
        QVERIFY(model->cachedRowCount() <= 4096);
        QCOMPARE(cell(model, far, 1).toString(), QStringLiteral("far away"));
        QCOMPARE(rowState(model, far), int(TableModel::Edited));
        QCOMPARE(doc.pendingCount(), 1);

        // An inserted row sits after the stored rows.
        const int inserted = doc.insertRow();
        QCOMPARE(inserted, 1000000);
        QCOMPARE(rowState(model, inserted), int(TableModel::Inserted));
        QVERIFY(model->setData(model->index(inserted, 1), QStringLiteral("new")));

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(
            Test::readRows(
                *db,
                "SELECT name FROM big WHERE id IN (199999, 200000, 200001, 1000001) ORDER BY id"),
            QList<QVariantList>({{"n199999"}, {"far away"}, {"n200001"}, {"new"}}));
        QVERIFY(model->waitForCount());
        QCOMPARE(model->matchingRowCount(), qint64(1000001));
        QCOMPARE(model->rowCount(), 1000001);
        QCOMPARE(cell(model, 1000000, 1).toString(), QStringLiteral("new"));
        QCOMPARE(cell(model, far, 1).toString(), QStringLiteral("far away"));
        QCOMPARE(rowState(model, far), int(TableModel::Clean));
    }

    // Rows come in windows; between them no cursor stays open, so other programs can write
    // while a table is shown (an open SQLite read cursor would hold the database's lock).
    void windowsHoldNoLockAndMissNoRow_data() { Test::addDatabaseRows(); }
    void windowsHoldNoLockAndMissNoRow()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE w (id %PK%, qty INTEGER)")),
                 QString());
        QCOMPARE(Test::exec(*db, "CREATE TABLE digits (d INTEGER)"), QString());
        QCOMPARE(
            Test::exec(
                *db, "INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)"),
            QString());
        QCOMPARE(Test::exec(*db,
                            "INSERT INTO w (qty) SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d "
                            "FROM digits a, digits b, digits c, digits e"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "w"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setCacheBudget(1024);
        QVERIFY(doc.refresh());
        QCOMPARE(model->rowCount(), 10000);
        QCOMPARE(model->cachedRowCount(), 256);

        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE w SET qty = -1 WHERE qty = 9999"), QString());
        cell(model, 5000, 0);
        QCOMPARE(Test::exec(*other, "UPDATE w SET qty = 9999 WHERE qty = -1"), QString());

        model->sort(1, Qt::DescendingOrder);
        // Backwards from the end, then forwards: every window evicted and read again.
        for (int pass = 0; pass < 2; ++pass) {
            for (int i = 0; i < 10000; ++i) {
                const int r = pass == 0 ? 9999 - i : i;
                if (model->data(model->index(r, 1), Qt::EditRole).toLongLong() != 9999 - r)
                    QFAIL(qPrintable(QStringLiteral("row %1 holds %2")
                                         .arg(r)
                                         .arg(model->data(model->index(r, 1)).toString())));
            }
            QVERIFY(model->cachedRowCount() <= 1024);
        }
        QCOMPARE(Test::exec(*other, "UPDATE w SET qty = 0 WHERE qty = 0"), QString());
    }

    void rolesAndRowStates_data() { Test::addDatabaseRows(); }
    void rolesAndRowStates()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createTen(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(doc.refresh());
        QCOMPARE(model->rowCount(), 10);
        QCOMPARE(model->columnCount(), 3);
        const int name = 1;
        const int qty = 2;

        // NULL and empty text are told apart.
        QVERIFY(cell(model, 2, name, TableModel::IsNullRole).toBool());
        QCOMPARE(cell(model, 2, name, Qt::DisplayRole).toString(), QStringLiteral("NULL"));
        QVERIFY(!cell(model, 3, name, TableModel::IsNullRole).toBool());
        QCOMPARE(cell(model, 3, name, Qt::DisplayRole).toString(), QString());
        QVERIFY(!cell(model, 0, name, TableModel::IsNullRole).toBool());
        QCOMPARE(rowState(model, 0), int(TableModel::Clean));
        QVERIFY(!cell(model, 0, name, TableModel::IsPendingRole).toBool());
        QVERIFY(model->flags(model->index(0, name)) & Qt::ItemIsEditable);

        // An edit: pending, highlighted, the stored value still known.
        QSignalSpy dataChanged(model, &QAbstractItemModel::dataChanged);
        QVERIFY(model->setData(model->index(0, name), QStringLiteral("edited")));
        QVERIFY(dataChanged.count() >= 1);
        QCOMPARE(cell(model, 0, name).toString(), QStringLiteral("edited"));
        QCOMPARE(cell(model, 0, name, Qt::DisplayRole).toString(), QStringLiteral("edited"));
        QCOMPARE(cell(model, 0, name, TableModel::StoredValueRole).toString(),
                 QStringLiteral("n1"));
        QVERIFY(cell(model, 0, name, TableModel::IsPendingRole).toBool());
        QVERIFY(!cell(model, 0, qty, TableModel::IsPendingRole).toBool());
        QCOMPARE(rowState(model, 0), int(TableModel::Edited));
        QCOMPARE(rowState(model, 1), int(TableModel::Clean));
        // Setting the same value again is no edit.
        QVERIFY(!model->setData(model->index(0, name), QStringLiteral("edited")));
        QCOMPARE(doc.undoStack()->count(), 1);

        // NULL on a cell, and back: IsNullRole follows the pending value.
        QVERIFY(doc.setNull({model->index(1, name)}));
        QVERIFY(cell(model, 1, name, TableModel::IsNullRole).toBool());
        QCOMPARE(doc.pendingCount(), 2);
        // Editing a cell back to its original value makes it clean.
        QVERIFY(model->setData(model->index(1, name), QStringLiteral("n2")));
        QCOMPARE(doc.pendingCount(), 1);
        QVERIFY(!cell(model, 1, name, TableModel::IsPendingRole).toBool());
        QCOMPARE(rowState(model, 1), int(TableModel::Clean));
        QVERIFY(model->setData(model->index(0, name), QStringLiteral("n1")));
        QCOMPARE(doc.pendingCount(), 0);
        QCOMPARE(rowState(model, 0), int(TableModel::Clean));
        doc.undoStack()->undo();
        QCOMPARE(cell(model, 0, name).toString(), QStringLiteral("edited"));
        QCOMPARE(doc.pendingCount(), 1);

        // A deleted row: marked, not editable, differently highlighted.
        doc.deleteRows({4});
        QCOMPARE(rowState(model, 4), int(TableModel::Deleted));
        QVERIFY(!(model->flags(model->index(4, name)) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(model->index(4, name), QStringLiteral("x")));
        QCOMPARE(doc.pendingCount(), 2);

        // Inserted rows appear at the end, every cell at its default until typed into.
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
        const int row = doc.insertRow();
        QCOMPARE(row, 10);
        QCOMPARE(model->rowCount(), 11);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 10);
        QCOMPARE(rowState(model, row), int(TableModel::Inserted));
        QCOMPARE(cell(model, row, 0, Qt::DisplayRole).toString(), QStringLiteral("(auto)"));
        QCOMPARE(cell(model, row, name, Qt::DisplayRole).toString(), QStringLiteral("(default)"));
        QVERIFY(!cell(model, row, name, TableModel::IsNullRole).toBool());
        QVERIFY(!cell(model, row, name, TableModel::IsPendingRole).toBool());
        QVERIFY(cell(model, row, name, TableModel::IsDefaultRole).toBool());
        QCOMPARE(model->headerData(row, Qt::Vertical).toString(), QStringLiteral("+"));
        QVERIFY(model->setData(model->index(row, name), QStringLiteral("typed")));
        QCOMPARE(cell(model, row, name).toString(), QStringLiteral("typed"));
        QVERIFY(cell(model, row, name, TableModel::IsPendingRole).toBool());
        // NULL typed into a new row is NULL, not the default.
        QVERIFY(doc.setNull({model->index(row, qty)}));
        QVERIFY(cell(model, row, qty, TableModel::IsNullRole).toBool());
        QCOMPARE(doc.pendingCount(), 3);

        // Deleting an inserted row removes it; undo brings it back with what was typed.
        doc.deleteRows({row});
        QCOMPARE(model->rowCount(), 10);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 10);
        QCOMPARE(doc.pendingCount(), 2);
        doc.undoStack()->undo();
        QCOMPARE(model->rowCount(), 11);
        QCOMPARE(cell(model, row, name).toString(), QStringLiteral("typed"));

        // Revert drops everything, undoably.
        doc.revert();
        QCOMPARE(doc.pendingCount(), 0);
        QCOMPARE(model->rowCount(), 10);
        QCOMPARE(rowState(model, 4), int(TableModel::Clean));
        QCOMPARE(cell(model, 0, name).toString(), QStringLiteral("n1"));
        doc.undoStack()->undo();
        QCOMPARE(doc.pendingCount(), 3);
        QCOMPARE(model->rowCount(), 11);
        QCOMPARE(cell(model, 0, name).toString(), QStringLiteral("edited"));
    }

    void editsSurviveSortRefreshAndFilter_data() { Test::addDatabaseRows(); }
    void editsSurviveSortRefreshAndFilter()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createTen(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(doc.refresh());
        const int name = 1;
        const int qty = 2;

        // Edit rows id 2 and id 8; delete id 5; insert one row.
        const RowKey two = model->keyForRow(1);
        const RowKey five = model->keyForRow(4);
        const RowKey eight = model->keyForRow(7);
        QVERIFY(model->setData(model->index(1, name), QStringLiteral("two")));
        QVERIFY(model->setData(model->index(7, name), QStringLiteral("eight")));
        doc.deleteRows({4});
        QVERIFY(model->setData(model->index(doc.insertRow(), name), QStringLiteral("new")));
        QCOMPARE(doc.pendingCount(), 4);

        auto check = [&](const char *when) {
            const int rowTwo = model->rowForKey(two);
            const int rowEight = model->rowForKey(eight);
            const int rowFive = model->rowForKey(five);
            QVERIFY2(rowEight >= 0, when);
            QCOMPARE(cell(model, rowEight, name).toString(), QStringLiteral("eight"));
            QCOMPARE(cell(model, rowEight, qty).toLongLong(), 8LL);
            QVERIFY(cell(model, rowEight, name, TableModel::IsPendingRole).toBool());
            if (rowTwo >= 0) {
                QCOMPARE(cell(model, rowTwo, name).toString(), QStringLiteral("two"));
                QCOMPARE(cell(model, rowTwo, qty).toLongLong(), 2LL);
            }
            if (rowFive >= 0)
                QCOMPARE(rowState(model, rowFive), int(TableModel::Deleted));
            // No other row shows an edit.
            int editedRows = 0;
            for (int r = 0; r < model->storedRowCount(); ++r)
                editedRows += rowState(model, r) == int(TableModel::Edited);
            QCOMPARE(editedRows, rowTwo >= 0 ? 2 : 1);
            // The new row stays last.
            QCOMPARE(rowState(model, model->rowCount() - 1), int(TableModel::Inserted));
            QCOMPARE(cell(model, model->rowCount() - 1, name).toString(), QStringLiteral("new"));
            QCOMPARE(doc.pendingCount(), 4);
        };

        model->sort(qty, Qt::DescendingOrder);
        QCOMPARE(cell(model, 0, qty).toLongLong(), 10LL);
        QCOMPARE(model->rowForKey(eight), 2);
        check("sorted descending");
        if (QTest::currentTestFailed())
            return;

        QVERIFY(doc.refresh());
        QCOMPARE(model->rowForKey(eight), 2);
        check("re-selected");
        if (QTest::currentTestFailed())
            return;

        model->setWhere({db->dialect().quoteIdentifier("qty") + " > ?", {5}});
        QVERIFY(model->select());
        QCOMPARE(model->storedRowCount(), 5);
        QCOMPARE(model->matchingRowCount(), qint64(5));
        QCOMPARE(model->rowForKey(two), -1);
        check("filtered");
        if (QTest::currentTestFailed())
            return;

        model->sort(name, Qt::AscendingOrder);
        check("filtered and sorted by name");
        if (QTest::currentTestFailed())
            return;

        // Every edit is saved, hidden or not.
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(result.updated, 2);
        QCOMPARE(result.deleted, 1);
        QCOMPARE(result.inserted, 1);
        const QList<QVariantList> rows = Test::readRows(*db, "SELECT qty, name FROM t ORDER BY id");
        QCOMPARE(rows.size(), 10);
        QCOMPARE(rows.at(1), QVariantList({2LL, "two"}));
        QCOMPARE(rows.at(4), QVariantList({6LL, "n6"}));
        QCOMPARE(rows.at(6), QVariantList({8LL, "eight"}));
        QCOMPARE(rows.at(9), QVariantList({QVariant(), "new"}));
    }

    void rowIdTableKeepsIdenticalRowsApart()
    {
        TABULA_OPEN_FRESH(db, QStringLiteral("sqlite"));
        QCOMPARE(Test::exec(*db, "CREATE TABLE np (a TEXT, b INTEGER)"), QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO np VALUES ('same', 1), ('same', 1)"), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "np"));
        TableModel *model = doc.model();
        QVERIFY(doc.refresh());
        QVERIFY(model->setData(model->index(0, 1), 5));
        QCOMPARE(rowState(model, 0), int(TableModel::Edited));
        QCOMPARE(rowState(model, 1), int(TableModel::Clean));
        model->sort(1, Qt::DescendingOrder);
        QCOMPARE(cell(model, 0, 1).toLongLong(), 5LL); // pending values are shown, not sorted
        QCOMPARE(cell(model, 1, 1).toLongLong(), 1LL);
        QCOMPARE(doc.pendingCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TableModelTest)
#include "tst_tablemodel.moc"
