// The grid's filters as a user works them: typing into the filter input under a column
// header, into the raw WHERE field, clicking headers to sort, while edits are pending.

#include "database.h"
#include "filterheader.h"
#include "mainwindow.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "usersfixture.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <memory>

using namespace Tabula;
using Tabula::Test::readBack;

namespace {

const char *const kFilterSchema[] = {
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, "
    "age INTEGER, status TEXT)",
    "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 'active')",
    "INSERT INTO users VALUES (2, 'Brian', NULL, 41, 'inactive')",
    "INSERT INTO users VALUES (3, 'Chen', 'chen@example.com', NULL, 'inactive')",
    "INSERT INTO users VALUES (4, 'Dana', 'dana@example.com', 29, 'active')",
    "INSERT INTO users VALUES (5, 'O''Brien', 'ob@example.com', 17, 'active')",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total REAL)",
};

} // namespace

class GridFiltersTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT
private:
    QLineEdit *filterInput(int column) const
    {
        return grid()->findChild<QLineEdit *>(QStringLiteral("filter%1").arg(column));
    }
    QLineEdit *whereInput() const
    {
        return grid()->findChild<QLineEdit *>(QStringLiteral("whereEdit"));
    }
    QStringList shownNames() const
    {
        QStringList names;
        for (int row = 0; row < model()->rowCount(); ++row)
            names << model()->index(row, Name).data().toString();
        return names;
    }
    int rowOfName(const QString &name) const
    {
        const QStringList names = shownNames();
        return int(names.indexOf(name));
    }

    void typeFilter(int column, const QString &text)
    {
        QLineEdit *input = filterInput(column);
        QVERIFY(input);
        QVERIFY(input->isVisible());
        QTest::mouseClick(input, Qt::LeftButton);
        QTest::keyClick(input, Qt::Key_A, Qt::ControlModifier);
        if (text.isEmpty())
            QTest::keyClick(input, Qt::Key_Backspace);
        else
            QTest::keyClicks(input, text);
    }
    void clickHeader(int column)
    {
        QHeaderView *header = view()->horizontalHeader();
        // The titles fill the header's viewport; the filter inputs sit below it.
        const QPoint title(header->sectionViewportPosition(column) +
                               header->sectionSize(column) / 2,
                           header->viewport()->height() / 2);
        QVERIFY(!header->viewport()->childAt(title));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, title);
    }

private slots:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(schemaOf(kFilterSchema)); }
    void cleanup() { tearDownWindow(); }

    void everyColumnHasItsFilterInput()
    {
        for (int column = Id; column <= Status; ++column) {
            QLineEdit *input = filterInput(column);
            QVERIFY(input);
            QVERIFY(input->isVisible());
            // Under its own column.
            QHeaderView *header = view()->horizontalHeader();
            const int center = input->geometry().center().x();
            QCOMPARE(header->logicalIndexAt(center), column);
        }
    }

    void typedFilterAppliesAfterThePause_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("equals") << int(Status) << "=active"
                                << QStringList{"Ada", "Dana", "O'Brien"};
        QTest::newRow("contains") << int(Status) << "inact" << QStringList{"Brian", "Chen"};
        QTest::newRow("greater") << int(Age) << ">30" << QStringList{"Ada", "Brian"};
        QTest::newRow("range") << int(Age) << "17..29" << QStringList{"Dana", "O'Brien"};
        QTest::newRow("NULL") << int(Email) << "NULL" << QStringList{"Brian"};
        QTest::newRow("quote matched literally") << int(Name) << "O'B" << QStringList{"O'Brien"};
        QTest::newRow("percent matched literally") << int(Name) << "%" << QStringList{};
    }
    void typedFilterAppliesAfterThePause()
    {
        QFETCH(int, column);
        QFETCH(QString, text);
        QFETCH(QStringList, names);
        typeFilter(column, text);
        // Not on each key: after the typing pause.
        QCOMPARE(model()->rowCount(), 5);
        QTRY_COMPARE(model()->rowCount(), int(names.size()));
        QCOMPARE(model()->matchingRowCount(), qint64(names.size()));
        QCOMPARE(shownNames(), names);
        QVERIFY(grid()->filterError().isEmpty());
        QCOMPARE(m_window->document()->filter().columnFilter(column), text);

        // Emptying the input shows every row again.
        typeFilter(column, QString());
        QTRY_COMPARE(model()->rowCount(), 5);
        QCOMPARE(model()->matchingRowCount(), qint64(5));
    }

    void filtersOnTwoColumnsCombine()
    {
        typeFilter(Status, QStringLiteral("=active"));
        typeFilter(Age, QStringLiteral(">20"));
        QTRY_COMPARE(shownNames(), (QStringList{"Ada", "Dana"}));
    }

    void badFilterShowsErrorAndKeepsTheGrid()
    {
        typeFilter(Status, QStringLiteral("=active"));
        QTRY_COMPARE(model()->rowCount(), 3);
        const FilterExpression before = m_window->document()->filter();

        typeFilter(Age, QStringLiteral(">abc"));
        QTRY_VERIFY(!grid()->filterError().isEmpty());
        QVERIFY2(grid()->filterError().contains(QLatin1String("age")),
                 qPrintable(grid()->filterError()));
        QVERIFY(!filterInput(Age)->styleSheet().isEmpty()); // the input is marked
        QVERIFY(filterInput(Status)->styleSheet().isEmpty());
        QCOMPARE(shownNames(), (QStringList{"Ada", "Dana", "O'Brien"}));
        QCOMPARE(model()->matchingRowCount(), qint64(3));
        QVERIFY(m_window->document()->filter() == before);

        // Fixing it clears the error and applies.
        typeFilter(Age, QStringLiteral(">30"));
        QTRY_VERIFY(grid()->filterError().isEmpty());
        QTRY_COMPARE(shownNames(), (QStringList{"Ada"}));
        QVERIFY(filterInput(Age)->styleSheet().isEmpty());
    }

    void pendingEditSurvivesBeingFilteredOut()
    {
        typeIntoCell(1, Name, QStringLiteral("Bea"));
        QCOMPARE(m_window->document()->pendingCount(), 1);

        typeFilter(Status, QStringLiteral("=active")); // Brian's row is inactive
        QTRY_COMPARE(model()->rowCount(), 3);
        QCOMPARE(rowOfName(QStringLiteral("Bea")), -1);
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QVERIFY(m_window->isWindowModified());

        // The grid's own clear button.
        auto *clear = grid()->findChild<QToolButton *>(QStringLiteral("clearFiltersButton"));
        QVERIFY(clear);
        QTest::mouseClick(clear, Qt::LeftButton);
        QTRY_COMPARE(model()->rowCount(), 5);
        QVERIFY(filterInput(Status)->text().isEmpty());
        const int row = rowOfName(QStringLiteral("Bea"));
        QCOMPARE(row, 1);
        QVERIFY(model()->index(row, Name).data(TableModel::IsPendingRole).toBool());
        QCOMPARE(model()->index(row, Id).data().toInt(), 2);
        QCOMPARE(m_window->document()->pendingCount(), 1);

        // And it is still the edit Save writes.
        QTest::keyClick(view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(readBack(m_path, "SELECT name FROM users WHERE id = 2").value(0).toString(),
                 "Bea");
    }

    void filtersReadSavedValuesNotPendingOnes()
    {
        // Documented: a filter matches what is in the database; a pending edit does not
        // move a row in or out of it until saved.
        typeIntoCell(0, Status, QStringLiteral("inactive"));
        typeFilter(Status, QStringLiteral("=active"));
        QTRY_COMPARE(model()->rowCount(), 3);
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("Ada"));
        QCOMPARE(model()->index(0, Status).data().toString(), QStringLiteral("inactive"));
        QVERIFY(model()->index(0, Status).data(TableModel::IsPendingRole).toBool());
    }

    void rawWhereFiltersOnEnter()
    {
        QLineEdit *where = whereInput();
        QVERIFY(where);
        QTest::mouseClick(where, Qt::LeftButton);
        QTest::keyClicks(where, QStringLiteral("age > 30 AND email IS NOT NULL"));
        QTest::keyClick(where, Qt::Key_Return);
        QCOMPARE(shownNames(), (QStringList{"Ada"}));
        QVERIFY(grid()->filterError().isEmpty());
    }

    void rawWhereRefusesAStatement_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("drop") << "1; DROP TABLE users";
        QTest::newRow("comment") << "1 -- DROP TABLE users";
        QTest::newRow("delete in subquery") << "id IN (DELETE FROM users RETURNING id)";
    }
    void rawWhereRefusesAStatement()
    {
        QFETCH(QString, sql);
        typeFilter(Status, QStringLiteral("=active"));
        QTRY_COMPARE(model()->rowCount(), 3);

        QLineEdit *where = whereInput();
        QTest::mouseClick(where, Qt::LeftButton);
        QTest::keyClicks(where, sql);
        QTest::keyClick(where, Qt::Key_Return);
        QVERIFY(!grid()->filterError().isEmpty());
        // The grid is as it was, and so is the table.
        QCOMPARE(model()->rowCount(), 3);
        QCOMPARE(readBack(m_path, "SELECT COUNT(*) FROM users").value(0).toInt(), 5);
        QCOMPARE(readBack(m_path, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "ORDER BY name"),
                 (QVariantList{"orders", "users"}));
        // Nor does the pause apply it later.
        QTest::qWait(400);
        QCOMPARE(model()->rowCount(), 3);
        QCOMPARE(readBack(m_path, "SELECT COUNT(*) FROM users").value(0).toInt(), 5);
    }

    void rawWhereSyntaxErrorIsShown()
    {
        QLineEdit *where = whereInput();
        QTest::mouseClick(where, Qt::LeftButton);
        QTest::keyClicks(where, QStringLiteral("age >"));
        QTest::keyClick(where, Qt::Key_Return);
        QVERIFY(!grid()->filterError().isEmpty());
        QCOMPARE(model()->rowCount(), 5);
    }

    void sortingByHeaderKeepsPendingEdits()
    {
        typeIntoCell(1, Name, QStringLiteral("Zoe")); // id 2
        typeIntoCell(0, Age, QStringLiteral("99"));   // id 1
        QCOMPARE(m_window->document()->pendingCount(), 2);

        clickHeader(Name);
        QTRY_COMPARE(model()->sortColumn(), int(Name));
        // Sorted on the saved names: Ada, Brian (shown as Zoe), Chen, Dana, O'Brien.
        const Qt::SortOrder first = model()->sortOrder();
        clickHeader(Name);
        QTRY_VERIFY(model()->sortOrder() != first);
        QCOMPARE(model()->sortOrder(), Qt::DescendingOrder);
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("O'Brien"));

        const int zoe = rowOfName(QStringLiteral("Zoe"));
        QVERIFY(zoe >= 0);
        QCOMPARE(model()->index(zoe, Id).data().toInt(), 2);
        QVERIFY(model()->index(zoe, Name).data(TableModel::IsPendingRole).toBool());
        const int ada = rowOfName(QStringLiteral("Ada"));
        QCOMPARE(ada, 4);
        QCOMPARE(model()->index(ada, Age).data(Qt::EditRole).toInt(), 99);
        QVERIFY(model()->index(ada, Age).data(TableModel::IsPendingRole).toBool());
        QVERIFY(!model()->index(ada, Name).data(TableModel::IsPendingRole).toBool());
        QCOMPARE(m_window->document()->pendingCount(), 2);

        // Sort with a filter on: both hold.
        typeFilter(Status, QStringLiteral("=active"));
        QTRY_COMPARE(model()->rowCount(), 3);
        QCOMPARE(shownNames(), (QStringList{"O'Brien", "Dana", "Ada"}));
    }

    void ctrlFFocusesTheCurrentColumnsFilter()
    {
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {},
                          view()->visualRect(model()->index(0, Age)).center());
        QTest::keyClick(view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), filterInput(Age));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("<30"));
        QTRY_COMPARE(shownNames(), (QStringList{"Dana", "O'Brien"}));
    }

    void enterOrDownGoesFromAFilterToTheFirstMatchingRow_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("Enter") << int(Qt::Key_Return);
        QTest::newRow("Down") << int(Qt::Key_Down);
    }
    void enterOrDownGoesFromAFilterToTheFirstMatchingRow()
    {
        QFETCH(int, key);
        clickCell(3, Age);
        typeFilter(Status, QStringLiteral("=inactive"));
        QTest::keyClick(filterInput(Status), Qt::Key(key));
        QTRY_COMPARE(QApplication::focusWidget(), view());
        QCOMPARE(shownNames(), (QStringList{"Brian", "Chen"}));
        QCOMPARE(view()->currentIndex(), model()->index(0, Status));
        // What is typed next goes into that cell, not into the filter.
        QTest::keyClicks(view(), QStringLiteral("x"));
        QVERIFY(view()->indexWidget(model()->index(0, Status)));
        QCOMPARE(filterInput(Status)->text(), QStringLiteral("=inactive"));
    }

    void escapeClearsTheFilter()
    {
        typeFilter(Status, QStringLiteral("=inactive"));
        QTRY_COMPARE(model()->rowCount(), 2);
        QTest::keyClick(filterInput(Status), Qt::Key_Escape);
        QVERIFY(filterInput(Status)->text().isEmpty());
        QTRY_COMPARE(model()->rowCount(), 5);
    }

    void tabInAFilterLeavesTheGridsCurrentCell()
    {
        clickCell(2, Name);
        typeFilter(Age, QStringLiteral(">1"));
        QTRY_COMPARE(model()->rowCount(), 4);
        const QModelIndex current = view()->currentIndex();
        QTest::keyClick(filterInput(Age), Qt::Key_Tab);
        QCOMPARE(view()->currentIndex(), current);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(view()->currentIndex(), current);
        // Tab moves along the filter inputs.
        QCOMPARE(QApplication::focusWidget(), filterInput(Age));
    }

    // Typing a filter and pressing Ctrl+B opens the dialog on that filter's column, whatever
    // the filter did to the grid's current cell.
    void ctrlBInAFilterBulkEditsThatColumn()
    {
        typeFilter(Status, QStringLiteral("=inactive"));
        auto column = std::make_shared<QString>();
        QTimer::singleShot(200, qApp, [column] {
            if (QWidget *dialog = QApplication::activeModalWidget()) {
                if (auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("columnCombo")))
                    *column = combo->currentText();
                dialog->close();
            }
        });
        QTest::keyClick(filterInput(Status), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(*column, QStringLiteral("status"));
    }

    void matchCountSaysRowInTheSingular()
    {
        typeFilter(Name, QStringLiteral("Ada"));
        QTRY_COMPARE(model()->rowCount(), 1);
        const auto labels = m_window->statusBar()->findChildren<QLabel *>();
        QStringList texts;
        for (const QLabel *label : labels)
            texts << label->text();
        QVERIFY2(texts.contains(QStringLiteral("1 row matches the filter")),
                 qPrintable(texts.join(QLatin1Char('|'))));
    }
};

QTEST_MAIN(GridFiltersTest)
#include "tst_gridfilters.moc"
