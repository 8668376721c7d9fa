// Foreign keys in the window, on every database: the editor of a referencing column lists the
// referenced rows, searches them and pages through them, and what is picked is saved as the
// key; Ctrl+click and Ctrl+J open the referenced row, Rows Referencing This Row the rows of
// other tables, and Back returns to the table, filter and row the user came from, asking
// about pending changes first.

#include "filterheader.h"
#include "foreignkeyactions.h"
#include "foreignkeyeditor.h"
#include "referencedrowsmodel.h"
#include "shopschema.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "windowfixture.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFont>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Tabula;

namespace {

enum OrderColumn
{
    OrderId,
    CustomerId,
    Note
};

// Clicks `button` of the next modal message box once it is up; `seen` says whether one was.
void answerNextBox(QMessageBox::StandardButton button, bool *seen, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible()) {
            if (attempts > 0)
                answerNextBox(button, seen, attempts - 1);
            return;
        }
        *seen = box->objectName() == QLatin1String("unsavedChangesBox");
        box->button(button)->click(); // not the mouse: the box may not be laid out yet
    });
}

} // namespace

class ForeignKeyGridTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<MainWindow> m_window;

    TableGrid *grid() const { return m_window->grid(); }
    QTableView *view() const { return grid()->view(); }
    TableModel *model() const { return m_window->document()->model(); }
    ForeignKeyActions *actions() const { return m_window->findChild<ForeignKeyActions *>(); }
    QString tableShown() const { return m_window->document()->schema().id.name; }
    QVariant committed(const QString &sql) const
    {
        return Test::readRows(*m_db, sql).value(0).value(0);
    }

    void clickCell(int row, int column, Qt::KeyboardModifiers modifiers = {})
    {
        const QModelIndex index = model()->index(row, column);
        view()->scrollTo(index);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, modifiers,
                          view()->visualRect(index).center());
    }
    // F2 on a cell: its editor, which must be the foreign-key one.
    ForeignKeyEditor *openEditor(int row, int column)
    {
        clickCell(row, column);
        QTest::keyClick(view(), Qt::Key_F2);
        return qobject_cast<ForeignKeyEditor *>(view()->indexWidget(model()->index(row, column)));
    }
    int rowOf(qint64 id) const
    {
        for (int row = 0; row < model()->rowCount(); ++row) {
            if (model()->index(row, 0).data(Qt::EditRole).toLongLong() == id)
                return row;
        }
        return -1;
    }
    // With TABULA_SCREENSHOT_DIR set: the screen (the list is a window of its own), or the
    // main window where there is no screen to grab (offscreen).
    void saveScreenshot(const QString &name)
    {
        const QString folder = qEnvironmentVariable("TABULA_SCREENSHOT_DIR");
        if (folder.isEmpty() || !QDir().mkpath(folder))
            return;
        QTest::qWait(100); // let the window system draw
        QPixmap shot = m_window->screen()->grabWindow(0);
        if (shot.isNull())
            shot = m_window->grab();
        shot.save(QDir(folder).filePath(name + QStringLiteral(".png")));
    }

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
        const QString failure = Test::createShop(*m_db);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString location = m_db->dialect().kind() == DatabaseKind::SQLite
                                     ? m_db->spec().database
                                     : Test::urlFor(dbName);
        m_window = Test::showMainWindow(location,
                                        Test::tableNamed(*m_db, "orders").id.displayName(), &error);
        QVERIFY2(m_window, qPrintable(error));
        QCOMPARE(model()->rowCount(), 4);
    }
    void cleanup()
    {
        if (m_window && m_window->document())
            m_window->document()->changes()->clear();
        m_window.reset();
        m_db.reset();
        QSettings().clear(); // a filter remembered for a table is another test's business
    }

    // The header marks the columns that reference another table's rows: in italics (keys are
    // underlined), with the referenced table in the tooltip. The header text is still the
    // column's name (Copy with names and QSqlTableModel's callers read it).
    void headerMarksColumnsThatReferenceRows()
    {
        const TableSchema &schema = m_window->document()->schema();
        const int customer = schema.columnIndex(QStringLiteral("customer_id"));
        const int note = schema.columnIndex(QStringLiteral("note"));
        const int id = schema.columnIndex(QStringLiteral("id"));
        const auto header = [&](int column, int role) {
            return model()->headerData(column, Qt::Horizontal, role);
        };
        QCOMPARE(header(customer, Qt::DisplayRole).toString(), QStringLiteral("customer_id"));
        const QFont referencing = header(customer, Qt::FontRole).value<QFont>();
        QVERIFY(referencing.italic() && !referencing.underline());
        const QFont key = header(id, Qt::FontRole).value<QFont>();
        QVERIFY(key.underline() && !key.italic());
        QVERIFY(!header(note, Qt::FontRole).isValid());
        const QString tip = header(customer, Qt::ToolTipRole).toString();
        const QString customers = Test::tableNamed(*m_db, "customers").id.displayName();
        QVERIFY2(tip.contains(QStringLiteral("References %1 (id)").arg(customers)),
                 qPrintable(tip));
        QVERIFY(!header(note, Qt::ToolTipRole).toString().contains(QLatin1String("References")));
    }

    // The list, a window of its own, stays under its cell when the main window moves and when
    // the grid shifts inside it (the table list made wider).
    void theListFollowsItsCell()
    {
        ForeignKeyEditor *editor = openEditor(rowOf(1), CustomerId);
        QVERIFY(editor);
        QTRY_VERIFY(editor->popup()->isVisible());
        const auto underTheCell = [editor] {
            return editor->popup()->geometry().topLeft() ==
                   editor->mapToGlobal(QPoint(0, editor->height()));
        };
        QVERIFY(underTheCell());
        const QPoint before = editor->popup()->pos();
        m_window->move(m_window->pos() + QPoint(40, 30));
        QTRY_COMPARE(editor->popup()->pos(), before + QPoint(40, 30));
        QVERIFY(underTheCell());
        // The grid moves inside the window: the table list made wider.
        auto *splitter = m_window->findChild<QSplitter *>(QStringLiteral("splitter"));
        QVERIFY(splitter);
        const QPoint cell = editor->mapToGlobal(QPoint(0, 0));
        QList<int> sizes = splitter->sizes();
        sizes[0] += 60;
        sizes[1] -= 60;
        splitter->setSizes(sizes);
        QTRY_COMPARE(editor->mapToGlobal(QPoint(0, 0)), cell + QPoint(60, 0));
        QTRY_VERIFY(underTheCell());
    }

    void editorPicksAParentRowAndSaveWritesItsKey()
    {
        QFETCH_GLOBAL(QString, dbName);
        const int order4 = rowOf(4); // customer_id NULL
        ForeignKeyEditor *editor = openEditor(order4, CustomerId);
        QVERIFY2(editor, "F2 on customer_id did not open the foreign-key editor");
        QCOMPARE(editor->rows()->rowCount(), 26);
        // The list is a window of its own: an editor taller than its cell inside the view
        // would keep the view from drawing the cells it overlaps.
        QVERIFY(editor->popup()->isWindow());
        QTRY_VERIFY(editor->popup()->isVisible());
        QCOMPARE(editor->geometry(), view()->visualRect(model()->index(order4, CustomerId)));
        QVERIFY(editor->popup()->geometry().top() >=
                editor->mapToGlobal(QPoint(0, editor->height())).y() - 1);
        QCOMPARE(editor->rows()->index(2).data().toString(), QString("3 — Customer 3"));
        QTest::keyClicks(editor->lineEdit(), QStringLiteral("o'brien"));
        QCOMPARE(editor->rows()->rowCount(), 1);
        saveScreenshot(QStringLiteral("fk-editor-search-") + dbName);
        QTest::keyClick(editor->lineEdit(), Qt::Key_Down);
        QCOMPARE(editor->text(), QString("26"));
        QTest::keyClick(editor->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(model()->index(order4, CustomerId)));
        QCOMPARE(model()->index(order4, CustomerId).data(Qt::EditRole).toLongLong(), 26);
        QVERIFY(model()->index(order4, CustomerId).data(TableModel::IsPendingRole).toBool());
        QVERIFY(committed("SELECT customer_id FROM orders WHERE id = 4").isNull());

        // A click on a row of the list picks it too.
        const int order1 = rowOf(1);
        editor = openEditor(order1, CustomerId);
        QVERIFY(editor);
        QCOMPARE(editor->list()->currentIndex().row(), 0); // the cell's own customer, 1
        saveScreenshot(QStringLiteral("fk-editor-") + dbName);

        const QModelIndex fifth = editor->rows()->index(4);
        QTest::mouseClick(editor->list()->viewport(), Qt::LeftButton, {},
                          editor->list()->visualRect(fifth).center());
        QCOMPARE(editor->text(), QString("5"));
        QTest::keyClick(editor->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(model()->index(order1, CustomerId)));

        QVERIFY(m_window->save());
        QCOMPARE(committed("SELECT customer_id FROM orders WHERE id = 4").toLongLong(), 26);
        QCOMPARE(committed("SELECT customer_id FROM orders WHERE id = 1").toLongLong(), 5);
        // One undo step per pick, as any edit.
        QCOMPARE(m_window->document()->pendingCount(), 0);
    }

    void typedKeyIsWrittenAsTyped()
    {
        const int order2 = rowOf(2);
        clickCell(order2, CustomerId);
        QTest::keyClicks(view(), QStringLiteral("1")); // typing opens the editor
        auto *editor =
            qobject_cast<ForeignKeyEditor *>(view()->indexWidget(model()->index(order2, 1)));
        QVERIFY(editor);
        QTest::keyClicks(editor->lineEdit(), QStringLiteral("2"));
        QCOMPARE(editor->text(), QString("12"));
        // The list follows the typing: keys and labels with "12" in them.
        QCOMPARE(editor->rows()->rowCount(), 1);
        QTest::keyClick(editor->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(model()->index(order2, CustomerId)));
        QVERIFY(m_window->save());
        QCOMPARE(committed("SELECT customer_id FROM orders WHERE id = 2").toLongLong(), 12);
    }

    // A long parent list is read a page at a time, as the list scrolls.
    void listLoadsPagesAsItScrolls()
    {
        for (int id = 27; id <= 250; ++id)
            QCOMPARE(Test::exec(*m_db, QStringLiteral("INSERT INTO customers VALUES "
                                                      "(%1, 'X', 'Extra %1')")
                                           .arg(id)),
                     QString());
        ForeignKeyEditor *editor = openEditor(rowOf(1), CustomerId);
        QVERIFY(editor);
        QCOMPARE(editor->rows()->rowCount(), 100);
        editor->list()->scrollToBottom();
        QTRY_COMPARE(editor->rows()->rowCount(), 200);
        editor->list()->scrollToBottom();
        QTRY_COMPARE(editor->rows()->rowCount(), 250);
        QCOMPARE(editor->rows()->index(249).data().toString(), QString("250 — Extra 250"));
        QVERIFY(!editor->rows()->canFetchMore());
        QTest::keyClick(editor->lineEdit(), Qt::Key_Escape);
        QTRY_VERIFY(!view()->indexWidget(model()->index(rowOf(1), CustomerId)));
        QCOMPARE(m_window->document()->pendingCount(), 0);
    }

    void ctrlClickOpensTheReferencedRowAndBackReturns()
    {
        grid()->filterHeader()->setFilterText(Note, QStringLiteral("third"));
        grid()->applyFilters();
        QCOMPARE(model()->rowCount(), 1);
        QAction *back = actions()->backAction();
        QVERIFY(!back->isEnabled());

        clickCell(0, CustomerId, Qt::ControlModifier); // order 3 → customer 3
        QCOMPARE(tableShown(), QString("customers"));
        QCOMPARE(grid()->filterHeader()->filterText(0), QString("=3"));
        QCOMPARE(model()->rowCount(), 1);
        QCOMPARE(view()->currentIndex().row(), 0);
        QCOMPARE(model()->index(0, 2).data().toString(), QString("Customer 3"));
        QVERIFY(back->isEnabled());
        QFETCH_GLOBAL(QString, dbName);
        saveScreenshot(QStringLiteral("fk-referenced-row-") + dbName);

        QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier); // Back
        QCOMPARE(tableShown(), QString("orders"));
        QCOMPARE(grid()->filterHeader()->filterText(Note), QString("third"));
        QCOMPARE(model()->rowCount(), 1);
        QCOMPARE(view()->currentIndex(), model()->index(0, CustomerId));
        QVERIFY(!back->isEnabled());

        // Ctrl+J from the keyboard does the same; a NULL key goes nowhere and says so.
        grid()->clearFilters();
        clickCell(rowOf(4), CustomerId);
        QTest::keyClick(view(), Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(tableShown(), QString("orders"));
        QVERIFY(m_window->statusBar()->currentMessage().contains("NULL"));
        clickCell(rowOf(1), CustomerId);
        QTest::keyClick(view(), Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(tableShown(), QString("customers"));
        QCOMPARE(model()->index(0, 2).data().toString(), QString("Customer 1"));
    }

    // From a parent row to the rows that reference it, and back.
    void rowsReferencingThisRow()
    {
        QVERIFY(m_window->openTable(Test::tableNamed(*m_db, "customers").id.displayName()));
        grid()->clearFilters(); // the last jump's filter on customers is remembered
        clickCell(rowOf(3), 1);
        const QList<ForeignKey> keys = actions()->referencingKeys();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().table.name, QString("orders"));
        QString error;
        QVERIFY2(actions()->showReferencingRows(keys.first(), &error), qPrintable(error));
        QCOMPARE(tableShown(), QString("orders"));
        QCOMPARE(grid()->filterHeader()->filterText(CustomerId), QString("=3"));
        QCOMPARE(model()->rowCount(), 2); // orders 2 and 3
        QVERIFY(actions()->back());
        QCOMPARE(tableShown(), QString("customers"));
        QCOMPARE(view()->currentIndex(), model()->index(rowOf(3), 1));

        // A row nothing references: the child opens with no rows, and says so.
        clickCell(rowOf(7), 1);
        QVERIFY(!actions()->showReferencingRows(keys.first(), &error));
        QCOMPARE(tableShown(), QString("orders"));
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY(error.contains("No row"));
    }

    // Going to another table asks about pending changes; Cancel stays, with the edit.
    void pendingChangesAreAskedAbout()
    {
        QVERIFY(model()->setData(model()->index(rowOf(1), Note), QStringLiteral("changed")));
        clickCell(rowOf(1), CustomerId);
        bool asked = false;
        answerNextBox(QMessageBox::Cancel, &asked);
        QString error;
        QVERIFY(!actions()->goToReferencedRow(view()->currentIndex(), &error));
        QVERIFY(asked);
        QCOMPARE(tableShown(), QString("orders"));
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QCOMPARE(actions()->historySize(), 0);
        // The table list goes back to the table shown once the events are handled.
        auto *list = m_window->findChild<QListWidget *>(QStringLiteral("tableList"));
        QTRY_COMPARE(list->currentItem()->text(), m_window->document()->schema().id.displayName());

        // Save goes on, with the edit written.
        answerNextBox(QMessageBox::Save, &asked);
        QVERIFY2(actions()->goToReferencedRow(view()->currentIndex(), &error), qPrintable(error));
        QCOMPARE(tableShown(), QString("customers"));
        QCOMPARE(committed("SELECT note FROM orders WHERE id = 1").toString(), QString("changed"));
    }

    // What is typed in an open editor is a pending edit before the question is asked.
    void openEditorIsKeptBeforeLeaving()
    {
        const int order1 = rowOf(1);
        ForeignKeyEditor *editor = openEditor(order1, CustomerId);
        QVERIFY(editor);
        editor->lineEdit()->selectAll();
        QTest::keyClicks(editor->lineEdit(), QStringLiteral("7"));
        bool asked = false;
        answerNextBox(QMessageBox::Cancel, &asked);
        QString error;
        QVERIFY(!actions()->goToReferencedRow(model()->index(order1, CustomerId), &error));
        QVERIFY(asked);
        QCOMPARE(tableShown(), QString("orders"));
        QCOMPARE(model()->index(order1, CustomerId).data(Qt::EditRole).toLongLong(), 7);
        QCOMPARE(m_window->document()->pendingCount(), 1);
    }

    // A composite key is followed on all its columns.
    void compositeKeyIsNavigable()
    {
        QVERIFY(m_window->openTable(Test::tableNamed(*m_db, "uses").id.displayName()));
        // Its columns are edited as plain values.
        clickCell(0, 2);
        QTest::keyClick(view(), Qt::Key_F2);
        QWidget *editor = view()->indexWidget(model()->index(0, 2));
        QVERIFY(editor);
        QVERIFY(!qobject_cast<ForeignKeyEditor *>(editor));
        QTest::keyClick(editor, Qt::Key_Escape);
        QString error;
        QVERIFY2(actions()->goToReferencedRow(model()->index(0, 2), &error), qPrintable(error));
        QCOMPARE(tableShown(), QString("parts"));
        QCOMPARE(grid()->filterHeader()->filterText(0), QString("=1"));
        QCOMPARE(grid()->filterHeader()->filterText(1), QString("=2"));
        QCOMPARE(model()->rowCount(), 1);
        QCOMPARE(model()->index(0, 2).data().toString(), QString("nut"));
    }
};

QTEST_MAIN(ForeignKeyGridTest)
#include "tst_foreignkeygrid.moc"
