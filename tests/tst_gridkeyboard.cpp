// The grid driven by the keyboard only: from a filter to the rows and back, editing, bulk
// edit and Save without the mouse; Go to Row; the list of shortcuts under Help.

#include "bulkeditdialog.h"
#include "filterexpression.h"
#include "filterheader.h"
#include "testdatabases.h"
#include "usersfixture.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QInputDialog>
#include <QItemSelection>
#include <QLineEdit>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <memory>

using namespace Tabula;
using Tabula::Test::readBack;
using Tabula::Test::readOne;

namespace {

// Runs `drive` on the next modal dialog of type T once it is up; closes it if `drive` did not.
template <typename T>
void driveNext(const std::function<void(T *)> &drive, std::shared_ptr<bool> seen,
               int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible()) {
            if (attempts > 0)
                driveNext<T>(drive, seen, attempts - 1);
            return;
        }
        *seen = true;
        drive(dialog);
        if (dialog->isVisible())
            dialog->reject();
    });
}

} // namespace

class GridKeyboardTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT
private:
    QWidget *focused() const { return QApplication::focusWidget(); }
    QLineEdit *filterInput(int column) const
    {
        return grid()->findChild<QLineEdit *>(QStringLiteral("filter%1").arg(column));
    }
    void key(int k, Qt::KeyboardModifiers modifiers = {})
    {
        QVERIFY(focused());
        QTest::keyClick(focused(), Qt::Key(k), modifiers);
    }
    // A window on 200,000 rows, filtered ("id > 0", every row) so that no estimate stands for
    // the count: the grid has the rows read so far until the count comes.
    void openCounting(const QString &file)
    {
        m_path = m_dir.filePath(file);
        QCOMPARE(Test::createSqliteFile(
                     m_path, {"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < 200000) INSERT INTO users SELECT x, 'n' || x FROM c"}),
                 QString());
        QString error;
        m_window = Test::showMainWindow(m_path, QStringLiteral("users"), &error);
        QVERIFY2(m_window, qPrintable(error));
        auto *where = grid()->findChild<QLineEdit *>(QStringLiteral("whereEdit"));
        QVERIFY(where);
        QTest::keyClicks(where, QStringLiteral("id > 0"));
        QTest::keyClick(where, Qt::Key_Return);
        QVERIFY(model()->isCounting());
        QVERIFY(!model()->rowCountIsEstimated());
        QVERIFY(model()->rowCount() < 200000);
    }
    QModelIndexList selected() const
    {
        QModelIndexList list = view()->selectionModel()->selectedIndexes();
        std::sort(list.begin(), list.end());
        return list;
    }
    QModelIndexList cells(int top, int left, int bottom, int right) const
    {
        QModelIndexList list =
            QItemSelection(model()->index(top, left), model()->index(bottom, right)).indexes();
        std::sort(list.begin(), list.end());
        return list;
    }
    void type(const QString &text)
    {
        QVERIFY(focused());
        QTest::keyClicks(focused(), text);
    }

private slots:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    // Filter, row, edit, bulk edit, Save: no mouse.
    void filterRowEditBulkEditSaveByKeyboard()
    {
        key(Qt::Key_F, Qt::ControlModifier); // the current (first) column's filter
        QCOMPARE(focused(), filterInput(Id));
        for (int column = Id; column < Status; ++column)
            key(Qt::Key_Tab);
        QCOMPARE(focused(), filterInput(Status));
        type(QStringLiteral("=inactive"));
        key(Qt::Key_Return); // to the first matching row, in the status column
        QCOMPARE(focused(), view());
        QCOMPARE(view()->currentIndex(), model()->index(0, Status));
        QCOMPARE(model()->rowCount(), 2);

        key(Qt::Key_Left, Qt::NoModifier);
        key(Qt::Key_Left, Qt::NoModifier);
        key(Qt::Key_Left, Qt::NoModifier); // name
        key(Qt::Key_Return);               // Enter edits, as F2 does
        QWidget *editor = view()->indexWidget(model()->index(0, Name));
        QVERIFY2(editor, "Enter did not open an editor");
        key(Qt::Key_A, Qt::ControlModifier);
        type(QStringLiteral("Bea"));
        key(Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(model()->index(0, Name)));
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("Bea"));

        key(Qt::Key_Right);
        key(Qt::Key_Right);
        key(Qt::Key_Right); // status again
        key(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(focused(), filterInput(Status));
        auto seen = std::make_shared<bool>(false);
        auto column = std::make_shared<QString>();
        driveNext<BulkEditDialog>(
            [column](BulkEditDialog *dialog) {
                *column =
                    dialog->findChild<QComboBox *>(QStringLiteral("columnCombo"))->currentText();
                // The dialog opens in its value field: type there and press Enter.
                QVERIFY(QTest::qWaitForWindowActive(dialog));
                auto *value = dialog->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
                QTRY_COMPARE(QApplication::focusWidget(), value);
                QTest::keyClicks(value, QStringLiteral("gone"));
                QTest::keyClick(value, Qt::Key_Return);
                QTRY_VERIFY(!dialog->isVisible()); // once the rows are read, on a worker
            },
            seen);
        key(Qt::Key_B, Qt::ControlModifier);
        QVERIFY(*seen);
        QCOMPARE(*column, QStringLiteral("status"));
        QCOMPARE(document()->pendingCount(), 3);
        m_window->activateWindow(); // a window manager gives the focus back; offscreen has none
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

        QTest::keyClick(view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(document()->pendingCount(), 0);
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 2").toString(), "Bea");
        QCOMPARE(readBack(m_path, "SELECT status FROM users ORDER BY id"),
                 (QVariantList{"active", "gone", "gone", "active"}));
    }

    void ctrlFGoesBackFromTheFilterToTheSameCell()
    {
        clickCell(2, Email);
        key(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(focused(), filterInput(Email));
        key(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(focused(), view());
        QCOMPARE(view()->currentIndex(), model()->index(2, Email));
    }

    void escapeCancelsAnEditAndTabMovesOn()
    {
        clickCell(1, Name);
        key(Qt::Key_F2);
        QVERIFY(view()->indexWidget(model()->index(1, Name)));
        type(QStringLiteral("zzz"));
        key(Qt::Key_Escape);
        QTRY_VERIFY(!view()->indexWidget(model()->index(1, Name)));
        QCOMPARE(model()->index(1, Name).data().toString(), QStringLiteral("Brian"));
        QCOMPARE(document()->pendingCount(), 0);
        key(Qt::Key_Tab);
        QCOMPARE(view()->currentIndex(), model()->index(1, Email));
    }

    // Ctrl+Home and Ctrl+End land on a cell and select it, as a spreadsheet does: Copy then
    // copies that cell, not the one clicked before (Brian's email, NULL).
    void ctrlHomeAndCtrlEndSelectTheCellTheyLandOn()
    {
        clickCell(1, Email);
        key(Qt::Key_End, Qt::ControlModifier);
        const QModelIndex last = model()->index(model()->rowCount() - 1, Status);
        QCOMPARE(view()->currentIndex(), last);
        QCOMPARE(selected(), QModelIndexList{last});
        key(Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text().trimmed(), QStringLiteral("active"));
        key(Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(view()->currentIndex(), model()->index(0, Id));
        QCOMPARE(selected(), QModelIndexList{model()->index(0, Id)});
        key(Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text().trimmed(), QStringLiteral("1"));
    }

    // With Shift they grow the selection from where it started to the cell they land on.
    void ctrlShiftHomeAndEndExtendTheSelection()
    {
        clickCell(1, Email);
        key(Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(view()->currentIndex(), model()->index(3, Status));
        QCOMPARE(selected(), cells(1, Email, 3, Status));
        key(Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(view()->currentIndex(), model()->index(0, Id));
        QCOMPARE(selected(), cells(0, Id, 1, Email));
    }

    void goToRowByPositionAndByKey_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("id");
        QTest::newRow("position") << "1500" << 1500;
        QTest::newRow("key") << "=1234" << 1234;
    }
    void goToRowByPositionAndByKey()
    {
        QFETCH(QString, typed);
        QFETCH(int, id);
        // 2,000 rows, most of them not read when the window opens.
        m_path = m_dir.filePath(QStringLiteral("many-%1.db").arg(id));
        QCOMPARE(Test::createSqliteFile(
                     m_path, {"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < 2000) INSERT INTO users SELECT x, 'n' || x FROM c"}),
                 QString());
        QString error;
        m_window = Test::showMainWindow(m_path, QStringLiteral("users"), &error);
        QVERIFY2(m_window, qPrintable(error));
        QVERIFY(model()->cachedRowCount() < 1500);
        clickCell(0, Name);
        auto seen = std::make_shared<bool>(false);
        driveNext<QInputDialog>(
            [typed](QInputDialog *dialog) {
                auto *input = dialog->findChild<QLineEdit *>();
                QVERIFY(input);
                QTest::keyClicks(input, typed);
                QTest::keyClick(input, Qt::Key_Return);
                QVERIFY(!dialog->isVisible());
            },
            seen);
        key(Qt::Key_G, Qt::ControlModifier);
        QVERIFY(*seen);
        const QModelIndex current = view()->currentIndex();
        QCOMPARE(current.column(), int(Name));
        // The grid reads the row's page on its worker: it is there a moment later.
        QTRY_COMPARE(model()->index(current.row(), Id).data().toInt(), id);
        QVERIFY(view()->viewport()->rect().contains(view()->visualRect(current).center()));
    }

    // Ctrl+End before the rows are counted goes to the last row read, then to the real last row
    // when the count comes: one window read from the end, not every row in between.
    void ctrlEndWhileCountingReachesTheLastRow()
    {
        TABULA_HELPER(openCounting(QStringLiteral("counted.db")));
        clickCell(0, Name);
        key(Qt::Key_End, Qt::ControlModifier);
        QVERIFY(view()->currentIndex().row() < 199999); // the last row read so far
        QCOMPARE(selected(), QModelIndexList{view()->currentIndex()});
        QTRY_COMPARE(view()->currentIndex().row(), 199999);
        QCOMPARE(view()->currentIndex().column(), int(Name));
        QCOMPARE(selected(), QModelIndexList{view()->currentIndex()});
        QTRY_COMPARE(model()->index(199999, Id).data().toInt(), 200000);
        QVERIFY(model()->cachedRowCount() < 2000);
    }

    // Ctrl+Shift+End before the rows are counted selects to the last row read, then grows the
    // selection to the real last row when the count comes.
    void ctrlShiftEndWhileCountingSelectsToTheLastRow()
    {
        TABULA_HELPER(openCounting(QStringLiteral("counted-select.db")));
        clickCell(2, Id);
        key(Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(view()->currentIndex().row() > 2);
        QVERIFY(view()->currentIndex().row() < 199999);
        QCOMPARE(view()->selectionModel()->selection().size(), 1);
        QTRY_COMPARE(view()->currentIndex().row(), 199999);
        QCOMPARE(view()->currentIndex().column(), int(Name));
        const QItemSelection selection = view()->selectionModel()->selection();
        QCOMPARE(selection.size(), 1);
        QCOMPARE(selection.first().topLeft(), model()->index(2, Id));
        QCOMPARE(selection.first().bottomRight(), model()->index(199999, Name));
    }

    // Where the catalog's estimate stands for the count, Ctrl+End reads the last window from
    // the estimated end at once: the table's last row, at the row the estimate puts it (10
    // rows were deleted, so the rowid span says 200,000 rows). When the count comes (199,990),
    // the current cell follows the same row to its real place, and the rows read from the
    // estimated end are read again where they belong (the last window overlaps both ends;
    // tst_estimatedrows proves that step for every order of count and read).
    void ctrlEndOnAnEstimateFollowsTheLastRow()
    {
        m_path = m_dir.filePath(QStringLiteral("estimated.db"));
        QCOMPARE(Test::createSqliteFile(
                     m_path, {"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < 200000) INSERT INTO users SELECT x, 'n' || x FROM c",
                              "DELETE FROM users WHERE id BETWEEN 100001 AND 100010"}),
                 QString());
        QString error;
        m_window = Test::showMainWindow(m_path, QStringLiteral("users"), &error);
        QVERIFY2(m_window, qPrintable(error));
        QVERIFY(model()->isCounting());
        QVERIFY(model()->rowCountIsEstimated());
        QCOMPARE(model()->rowCount(), 200000);
        view()->setFocus();
        view()->setCurrentIndex(model()->index(0, Name));
        key(Qt::Key_End, Qt::ControlModifier);
        QVERIFY(model()->isCounting()); // no event was handled: the count cannot have come
        QCOMPARE(view()->currentIndex().row(), 199999);
        // The grid paints it when its worker has read it; the clipboard's reads (currentValue)
        // read it at once.
        QCOMPARE(model()->currentValue(199999, Id).toInt(), 200000);
        QCOMPARE(model()->currentValue(199999, Name).toString(), QStringLiteral("n200000"));
        QVERIFY(model()->isCounting());

        QTRY_COMPARE(view()->currentIndex().row(), 199989);
        QVERIFY(!model()->rowCountIsEstimated());
        QCOMPARE(model()->rowCount(), 199990);
        QCOMPARE(view()->currentIndex().column(), int(Name));
        QTRY_COMPARE(model()->index(199989, Id).data().toInt(), 200000);
        QTRY_COMPARE(model()->index(199940, Id).data().toInt(), 199951);
        // Rows far from any read come from a worker in the window.
        QTRY_COMPARE(model()->index(99999, Id).data().toInt(), 100000);
        QTRY_COMPARE(model()->index(100000, Id).data().toInt(), 100011);
        QVERIFY(model()->cachedRowCount() < 2000);
    }

    // A slow page (a filter costly past row 10,500, beyond the first window and the bounded
    // count) is read on the grid's worker: the event loop runs on while it is read (a timer
    // keeps firing; read when painted, as with setFarReadRows(-1), it would stop for the ~1 s
    // of the read), then its rows are painted.
    void aSlowPageKeepsTheWindowRunning()
    {
        m_path = m_dir.filePath(QStringLiteral("slow.db"));
        QCOMPARE(Test::createSqliteFile(
                     m_path, {"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < 11000) INSERT INTO users SELECT x, 'n' || x FROM c"}),
                 QString());
        QString error;
        m_window = Test::showMainWindow(m_path, QStringLiteral("users"), &error);
        QVERIFY2(m_window, qPrintable(error));
        FilterExpression costly;
        costly.setRawWhere("id <= 10500 OR length(hex(zeroblob(id * 0 + 2000000))) > 0");
        m_window->grid()->showFilter(costly);
        QVERIFY(model()->waitForCount());
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
        timer.start(10);
        view()->scrollTo(model()->index(10700, Name), QAbstractItemView::PositionAtCenter);
        QTRY_COMPARE_WITH_TIMEOUT(model()->index(10700, Name).data().toString(),
                                  QStringLiteral("n10701"), 30000);
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
    }

    // In the window, with the clipboard actions in the Edit menu too: a 3x3 block copied and
    // pasted one row down, as one undo step.
    void copyAndPasteABlockInTheWindow()
    {
        clickCell(0, Name);
        clickCell(2, Age, Qt::ShiftModifier);
        key(Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("Ada\tada@example.com\t36\nBrian\t\t41\n"
                                "Chen\tchen@example.com\t\n"));
        clickCell(1, Name);
        key(Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(document()->undoStack()->count(), 1);
        QCOMPARE(model()->index(1, Name).data().toString(), QStringLiteral("Ada"));
        QCOMPARE(model()->index(2, Name).data().toString(), QStringLiteral("Brian"));
        QCOMPARE(model()->index(2, Age).data(Qt::EditRole).toLongLong(), 41);
        // NULLs copied in Tabula paste as NULL: Brian's email, Chen's age.
        QVERIFY(model()->index(2, Email).data(TableModel::IsNullRole).toBool());
        QCOMPARE(model()->index(3, Name).data().toString(), QStringLiteral("Chen"));
        QVERIFY(model()->index(3, Age).data(TableModel::IsNullRole).toBool());
        key(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document()->pendingCount(), 0);
    }

    void helpListsTheShortcuts()
    {
        auto seen = std::make_shared<bool>(false);
        auto listed = std::make_shared<QList<QPair<QStringList, QString>>>();
        driveNext<QDialog>(
            [listed](QDialog *dialog) {
                auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
                for (int row = 0; table && row < table->rowCount(); ++row)
                    listed->append({table->item(row, 0)->text().split(QStringLiteral(" / ")),
                                    table->item(row, 1)->text()});
            },
            seen);
        key(Qt::Key_F1);
        QVERIFY(*seen);
        const QList<QPair<QString, QString>> expected{
            {"Ctrl+B", "Bulk Edit"}, {"Ctrl+C", "Copy"},      {"Ctrl+V", "Paste"},
            {"Ctrl+G", "Go to Row"}, {"Ctrl+D", "Fill Down"}, {"Ctrl+S", "Save"}};
        for (const auto &[keys, what] : expected) {
            bool found = false;
            for (const auto &[shownKeys, shownWhat] : std::as_const(*listed))
                found = found || (shownKeys.contains(keys) && shownWhat == what);
            QVERIFY2(found, qPrintable(keys + " = " + what));
        }
    }
};

QTEST_MAIN(GridKeyboardTest)
#include "tst_gridkeyboard.moc"
