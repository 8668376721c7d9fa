// Copy and paste in the grid as in a spreadsheet, on every database: a block copied with
// Ctrl+C and pasted with Ctrl+V elsewhere (one undo step, then saved), values that do not fit
// a column refused with the cell named, rows added past the end, empty cells, fill down, and
// the "Copy as" formats.

#include "gridclipboard.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "testdatabases.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Name,
    Qty,
    Note
};
constexpr int kRows = 6;

// What the next modal message box said, once answered with `button`.
void answerNextBox(QMessageBox::StandardButton button, std::shared_ptr<QString> text,
                   int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            if (attempts > 0)
                answerNextBox(button, text, attempts - 1);
            return;
        }
        *text = box->objectName() + QLatin1Char(':') + box->text();
        box->button(button)->click();
    });
}

QString asText(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

class GridClipboardTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_document;
    std::unique_ptr<TableGrid> m_grid;

    QTableView *view() const { return m_grid->view(); }
    TableModel *model() const { return m_document->model(); }
    QAction *action(const char *name) const
    {
        return m_grid->findChild<QAction *>(QLatin1String(name));
    }
    void open(const QString &dbName)
    {
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, "CREATE TABLE t (id %PK%, name %TEXT%, "
                                                         "qty INTEGER, note %TEXT%)")),
                 QString());
        for (int i = 1; i <= kRows; ++i) {
            const QString note =
                i == kRows ? QStringLiteral("NULL") : QStringLiteral("'a, \"b\" %1'").arg(i);
            QCOMPARE(Test::exec(*m_db, QStringLiteral("INSERT INTO t (name, qty, note) VALUES "
                                                      "('n%1', %1, %2)")
                                           .arg(i)
                                           .arg(note)),
                     QString());
        }
        m_document = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, "t"));
        QVERIFY(m_document->refresh());
        m_grid = std::make_unique<TableGrid>();
        m_grid->setDocument(m_document.get());
        m_grid->resize(900, 500);
        m_grid->show();
        m_grid->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_grid.get()));
        QCOMPARE(model()->rowCount(), kRows);
    }
    void clickCell(int row, int column, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, modifiers,
                          view()->visualRect(model()->index(row, column)).center());
    }
    void selectBlock(int top, int left, int bottom, int right)
    {
        clickCell(top, left);
        clickCell(bottom, right, Qt::ShiftModifier);
    }
    QList<QVariantList> saved() const
    {
        return Test::readRows(*m_db,
                              QStringLiteral("SELECT id, name, qty, note FROM t ORDER BY id"));
    }
    QStringList shownRow(int row) const
    {
        QStringList cells;
        for (int column = Name; column <= Note; ++column)
            cells << asText(model()->currentValue(row, column));
        return cells;
    }
    void setClipboard(const QString &text) { QGuiApplication::clipboard()->setText(text); }
    // A window manager gives the focus back when a message box closes; offscreen has none.
    void refocus()
    {
        m_grid->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_grid.get()));
        view()->setFocus();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup()
    {
        if (m_document)
            m_document->changes()->clear();
        m_grid.reset();
        m_document.reset();
        m_db.reset();
    }

    void copyABlockAndPasteItElsewhere_data() { Test::addDatabaseRows(); }
    void copyABlockAndPasteItElsewhere()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        const QList<QVariantList> before = saved();
        selectBlock(0, Name, 2, Note);
        QTest::keyClick(view(), Qt::Key_C, Qt::ControlModifier);
        // What a spreadsheet reads: the saved values, tab-separated, quoted where needed.
        const QList<QStringList> copied =
            GridClipboard::parse(QGuiApplication::clipboard()->text(), '\t');
        QCOMPARE(copied.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(copied.at(i),
                     (QStringList{asText(before.at(i).at(Name)), asText(before.at(i).at(Qty)),
                                  asText(before.at(i).at(Note))}));

        const int steps = m_document->undoStack()->count();
        clickCell(3, Name);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(shownRow(3 + i), shownRow(i));
        // The pasted number is a number, not text.
        QCOMPARE(model()->currentValue(3, Qty).typeId(), int(QMetaType::LongLong));

        m_document->undoStack()->undo(); // one step takes all of it back
        QCOMPARE(m_document->pendingCount(), 0);
        QCOMPARE(shownRow(3).at(0), asText(before.at(3).at(Name)));
        m_document->undoStack()->redo();
        QVERIFY(m_grid->save().ok);
        const QList<QVariantList> after = saved();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(after.at(3 + i).mid(Name), before.at(i).mid(Name));
            QCOMPARE(after.at(3 + i).at(Id), before.at(3 + i).at(Id));
        }
    }

    // A NULL copied in Tabula pastes as NULL; the same text from elsewhere, where an empty
    // cell is just empty, leaves the cell as it is.
    void nullsCopiedInTabulaPasteAsNull_data() { Test::addDatabaseRows(); }
    void nullsCopiedInTabulaPasteAsNull()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        selectBlock(kRows - 1, Qty, kRows - 1, Note); // row 6: its note is NULL
        QTest::keyClick(view(), Qt::Key_C, Qt::ControlModifier);
        const QString text = QGuiApplication::clipboard()->text();
        clickCell(0, Qty);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(model()->currentValue(0, Note).isNull());
        QCOMPARE(model()->currentValue(0, Qty).toLongLong(), kRows);

        setClipboard(text); // the same text, as a spreadsheet would give it
        clickCell(1, Qty);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(!model()->currentValue(1, Note).isNull());
        QCOMPARE(model()->currentValue(1, Qty).toLongLong(), kRows);
        QVERIFY(m_grid->save().ok);
        QVERIFY(saved().at(0).at(Note).isNull());
        QVERIFY(!saved().at(1).at(Note).isNull());
    }

    void pasteRefusesAValueThatDoesNotFitAndNamesTheCell_data() { Test::addDatabaseRows(); }
    void pasteRefusesAValueThatDoesNotFitAndNamesTheCell()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        setClipboard(QStringLiteral("x\t7\ny\tseven\n"));
        clickCell(1, Name);
        auto said = std::make_shared<QString>();
        answerNextBox(QMessageBox::Ok, said);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QTRY_VERIFY(!said->isEmpty());
        QVERIFY2(said->startsWith(QLatin1String("pasteErrorBox:")), qPrintable(*said));
        // Row 3 as the row header shows it, the column, and the value.
        QVERIFY2(said->contains(QLatin1String("row 3, qty")), qPrintable(*said));
        QVERIFY2(said->contains(QLatin1String("'seven'")), qPrintable(*said));
        QCOMPARE(m_document->pendingCount(), 0); // not even the cells that fit
        QCOMPARE(m_document->undoStack()->count(), 0);

        // Control: the same paste without the bad value is applied.
        refocus();
        setClipboard(QStringLiteral("x\t7\ny\t8\n"));
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(m_document->pendingCount(), 4);
        QCOMPARE(model()->currentValue(2, Qty).toLongLong(), 8);
    }

    void pastingPastTheLastRowOffersNewRows_data() { Test::addDatabaseRows(); }
    void pastingPastTheLastRowOffersNewRows()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        setClipboard(QStringLiteral("p\t1\nq\t2\nr\t3\n"));
        clickCell(kRows - 1, Name);
        auto said = std::make_shared<QString>();
        answerNextBox(QMessageBox::No, said);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QTRY_VERIFY(said->startsWith(QLatin1String("pasteRowsBox:")));
        QCOMPARE(model()->rowCount(), kRows);
        QCOMPARE(m_document->pendingCount(), 0);

        refocus();
        said->clear();
        answerNextBox(QMessageBox::Yes, said);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(said->startsWith(QLatin1String("pasteRowsBox:")));
        QCOMPARE(model()->rowCount(), kRows + 2);
        QCOMPARE(shownRow(kRows + 1).mid(0, 2), (QStringList{"r", "3"}));
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(model()->rowCount(), kRows);
        QCOMPARE(m_document->pendingCount(), 0);
        m_document->undoStack()->redo();
        QVERIFY(m_grid->save().ok);
        const QList<QVariantList> after = saved();
        QCOMPARE(after.size(), kRows + 2);
        QCOMPARE(after.last().at(Name).toString(), QStringLiteral("r"));
        QCOMPARE(after.last().at(Qty).toLongLong(), 3);
    }

    void emptyCellsPasteAsNullOnlyWhenChosen()
    {
        TABULA_HELPER(open(QStringLiteral("sqlite")));
        setClipboard(QStringLiteral("\t5\n"));
        clickCell(0, Name);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(model()->currentValue(0, Name).toString(), QStringLiteral("n1"));
        QCOMPARE(model()->currentValue(0, Qty).toLongLong(), 5);

        QAction *nulls = action("actionEmptyPastesNull");
        QVERIFY(nulls);
        nulls->setChecked(true);
        clickCell(1, Name);
        QTest::keyClick(view(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(model()->currentValue(1, Name).isNull());
        QCOMPARE(model()->currentValue(1, Qty).toLongLong(), 5);
    }

    void fillDownCopiesTheTopCell()
    {
        TABULA_HELPER(open(QStringLiteral("sqlite")));
        selectBlock(1, Name, 4, Qty);
        QTest::keyClick(view(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(m_document->undoStack()->count(), 1);
        for (int row = 2; row <= 4; ++row) {
            QCOMPARE(model()->currentValue(row, Name).toString(), QStringLiteral("n2"));
            QCOMPARE(model()->currentValue(row, Qty).toLongLong(), 2);
        }
        QCOMPARE(model()->currentValue(5, Name).toString(), QStringLiteral("n6"));
    }

    void copyAsFormats()
    {
        TABULA_HELPER(open(QStringLiteral("sqlite")));
        GridClipboard *clipboard = m_grid->findChild<GridClipboard *>();
        QVERIFY(clipboard);
        selectBlock(4, Name, 5, Note); // row 6's note is NULL
        using F = GridClipboard::Format;
        QCOMPARE(clipboard->selectionText(F::Tsv, true),
                 QStringLiteral("name\tqty\tnote\nn5\t5\t\"a, \"\"b\"\" 5\"\nn6\t6\t\n"));
        QCOMPARE(clipboard->selectionText(F::Csv, false),
                 QStringLiteral("n5,5,\"a, \"\"b\"\" 5\"\nn6,6,\n"));
        QCOMPARE(clipboard->selectionText(F::Markdown, false),
                 QStringLiteral("| name | qty | note |\n| --- | --- | --- |\n"
                                "| n5 | 5 | a, \"b\" 5 |\n| n6 | 6 | NULL |\n"));
        // Parsing what was copied gives the cells back.
        QCOMPARE(GridClipboard::parse(clipboard->selectionText(F::Csv, false), ','),
                 (QList<QStringList>{{"n5", "5", "a, \"b\" 5"}, {"n6", "6", ""}}));
    }

    // The INSERT statements copied run on the database they came from and give the rows back.
    void copiedInsertsRunOnTheDatabase_data() { Test::addDatabaseRows(); }
    void copiedInsertsRunOnTheDatabase()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        const QList<QVariantList> before = saved();
        view()->selectAll();
        const QString sql = m_grid->findChild<GridClipboard *>()->selectionText(
            GridClipboard::Format::SqlInsert, false);
        QCOMPARE(Test::exec(*m_db, QStringLiteral("DELETE FROM t")), QString());
        const QStringList statements = sql.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(statements.size(), kRows);
        for (const QString &statement : statements)
            QCOMPARE(Test::exec(*m_db, statement), QString());
        QCOMPARE(saved(), before);
    }
};

QTEST_MAIN(GridClipboardTest)
#include "tst_gridclipboard.moc"
