// The main window driven as a user drives it: clicks on the real toolbar, keys typed into the
// grid, answers to the real message boxes. Every result is read back from the database file
// through a connection of its own.

#include "database.h"
#include "mainwindow.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QWindow>

using namespace Tabula;
using Tabula::Test::readBack;

namespace {

enum Column
{
    Id,
    Name,
    Email,
    Age,
    Status
};

const char *const kSchema[] = {
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, "
    "age INTEGER CHECK (age >= 0), status TEXT)",
    "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 'active')",
    "INSERT INTO users VALUES (2, 'Brian', NULL, 41, 'inactive')",
    "INSERT INTO users VALUES (3, 'Chen', 'chen@example.com', NULL, 'inactive')",
    "INSERT INTO users VALUES (4, 'Dana', 'dana@example.com', 29, 'active')",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total REAL)",
    "INSERT INTO orders VALUES (1, 1, 9.5)",
};

QVariant readOne(const QString &path, const QString &sql)
{
    return readBack(path, sql).value(0);
}

// What the next modal message box showed, once answered.
struct BoxAnswer
{
    bool seen = false;
    QString objectName;
    QString text;
};

// Clicks `button` of the next modal message box as soon as it is up. Called before the
// action that opens the box, since exec() does not return until the box is answered.
void answerNextBox(QMessageBox::StandardButton button, BoxAnswer *answer, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible()) {
            if (attempts > 0)
                answerNextBox(button, answer, attempts - 1);
            return;
        }
        answer->seen = true;
        answer->objectName = box->objectName();
        answer->text = box->text();
        QTest::mouseClick(box->button(button), Qt::LeftButton);
    });
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;

    QTableView *view() const { return m_window->grid()->view(); }
    TableModel *model() const { return m_window->document()->model(); }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    QWidget *toolButton(const char *actionName) const
    {
        return m_window->findChild<QToolBar *>(QStringLiteral("toolBar"))
            ->widgetForAction(action(actionName));
    }
    QString pendingLabelText() const
    {
        const auto labels = m_window->statusBar()->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->text().contains(QLatin1String("pending")))
                return label->text();
        }
        return {};
    }
    QString shownTitle() const { return m_window->windowHandle()->title(); }

    void clickCell(int row, int column)
    {
        const QModelIndex index = model()->index(row, column);
        view()->scrollTo(index);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {},
                          view()->visualRect(index).center());
        QCOMPARE(view()->currentIndex(), index);
    }
    // Types into the current cell as a user does: the first key opens the editor, Enter
    // commits.
    void typeIntoCell(int row, int column, const QString &text)
    {
        clickCell(row, column);
        const QModelIndex index = model()->index(row, column);
        QTest::keyClicks(view(), text.left(1));
        QWidget *editor = view()->indexWidget(index);
        QVERIFY2(editor, "typing did not open an editor");
        QTest::keyClicks(editor, text.mid(1));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(index));
    }
    void clickSave()
    {
        QWidget *button = toolButton("actionSave");
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("tabula-%1.db").arg(++n));
        const QString failure = Test::createSqliteFile(m_path, kSchema);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QString error;
        m_window = Test::showMainWindow(m_path, QStringLiteral("users"), &error);
        QVERIFY2(m_window, qPrintable(error));
        QCOMPARE(model()->rowCount(), 4);
        view()->setFocus();
    }

    void cleanup()
    {
        // A test that failed with changes pending must not leave a prompt behind.
        if (m_window && m_window->document())
            m_window->document()->changes()->clear();
        m_window.reset();
    }

    void typedValueIsPendingUntilSaveButtonWritesIt()
    {
        QCOMPARE(pendingLabelText(), QStringLiteral("No pending changes"));
        QVERIFY(!m_window->isWindowModified());
        QVERIFY(!toolButton("actionSave")->isEnabled());

        typeIntoCell(1, Name, QStringLiteral("Bea"));

        const QModelIndex cell = model()->index(1, Name);
        QCOMPARE(cell.data().toString(), QStringLiteral("Bea"));
        QVERIFY(cell.data(TableModel::IsPendingRole).toBool());
        QVERIFY(cell.data(Qt::BackgroundRole).isValid());
        QCOMPARE(cell.data(TableModel::RowStateRole).toInt(), int(TableModel::Edited));
        QVERIFY(!model()->index(1, Email).data(TableModel::IsPendingRole).toBool());
        QVERIFY(m_window->isWindowModified());
        QVERIFY2(shownTitle().contains('*'), qPrintable(shownTitle()));
        QCOMPARE(pendingLabelText(), QStringLiteral("1 pending change(s)"));
        // Nothing is written before Save.
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 2").toString(), "Brian");

        clickSave();

        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 2").toString(), "Bea");
        QCOMPARE(readOne(m_path, "SELECT COUNT(*) FROM users WHERE name = 'Brian'").toInt(), 0);
        QCOMPARE(pendingLabelText(), QStringLiteral("No pending changes"));
        QVERIFY(!m_window->isWindowModified());
        QVERIFY(!shownTitle().contains('*'));
        QCOMPARE(m_window->document()->pendingCount(), 0);
        QVERIFY(!model()->index(1, Name).data(TableModel::IsPendingRole).toBool());
        QCOMPARE(model()->index(1, Name).data().toString(), QStringLiteral("Bea"));
        QVERIFY(!m_window->lastSaveError());
    }

    void ctrlSSavesToo()
    {
        typeIntoCell(0, Age, QStringLiteral("37"));
        QCOMPARE(model()->index(0, Age).data(Qt::EditRole).toLongLong(), 37);
        QTest::keyClick(view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(readOne(m_path, "SELECT age FROM users WHERE id = 1").toLongLong(), 37);
        QCOMPARE(readOne(m_path, "SELECT typeof(age) FROM users WHERE id = 1").toString(),
                 "integer");
        QVERIFY(!m_window->isWindowModified());
    }

    void setNullShortcutThenSave()
    {
        clickCell(0, Email);
        QTest::keyClick(view(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        const QModelIndex cell = model()->index(0, Email);
        QVERIFY(cell.data(TableModel::IsNullRole).toBool());
        QVERIFY(cell.data(TableModel::IsPendingRole).toBool());
        QCOMPARE(cell.data().toString(), QStringLiteral("NULL"));
        QCOMPARE(m_window->document()->pendingCount(), 1);

        clickSave();

        QCOMPARE(readOne(m_path, "SELECT email IS NULL FROM users WHERE id = 1").toInt(), 1);
        QCOMPARE(m_window->document()->pendingCount(), 0);
        QVERIFY(model()->index(0, Email).data(TableModel::IsNullRole).toBool());
    }

    void setNullOnSeveralSelectedCellsIsOneUndoStep()
    {
        clickCell(0, Email);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          view()->visualRect(model()->index(2, Email)).center());
        QCOMPARE(m_window->grid()->selectedCells().size(), 3);
        QTest::keyClick(view(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        // Row 2 was already NULL: two cells change.
        QCOMPARE(m_window->document()->pendingCount(), 2);
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_window->document()->pendingCount(), 0);
        QCOMPARE(model()->index(0, Email).data().toString(), QStringLiteral("ada@example.com"));
    }

    void leavingEditorOfNullCellKeepsNull_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("row");
        QTest::addColumn<bool>("leaveByEnter"); // else by clicking another cell
        QTest::newRow("text, Enter") << int(Email) << 1 << true;
        QTest::newRow("text, click away") << int(Email) << 1 << false;
        QTest::newRow("integer, Enter") << int(Age) << 2 << true;
        QTest::newRow("integer, click away") << int(Age) << 2 << false;
    }
    void leavingEditorOfNullCellKeepsNull()
    {
        QFETCH(int, column);
        QFETCH(int, row);
        QFETCH(bool, leaveByEnter);
        const QModelIndex cell = model()->index(row, column);
        QVERIFY(cell.data(TableModel::IsNullRole).toBool());
        clickCell(row, column);
        QTest::keyClick(view(), Qt::Key_F2);
        QWidget *editor = view()->indexWidget(cell);
        QVERIFY(editor);
        if (leaveByEnter)
            QTest::keyClick(editor, Qt::Key_Return);
        else
            clickCell(0, Name);
        QTRY_VERIFY(!view()->indexWidget(cell));
        QVERIFY(cell.data(TableModel::IsNullRole).toBool());
        QVERIFY(!cell.data(TableModel::IsPendingRole).toBool());
        QCOMPARE(m_window->document()->pendingCount(), 0);
        QVERIFY(!m_window->isWindowModified());
    }

    void erasingTextGivesEmptyTextNotNull()
    {
        clickCell(0, Email);
        QTest::keyClick(view(), Qt::Key_F2);
        QWidget *editor = view()->indexWidget(model()->index(0, Email));
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClick(editor, Qt::Key_Return); // commits after the key is handled
        QTRY_VERIFY(!view()->indexWidget(model()->index(0, Email)));
        const QModelIndex cell = model()->index(0, Email);
        QVERIFY(cell.data(TableModel::IsPendingRole).toBool());
        QVERIFY(!cell.data(TableModel::IsNullRole).toBool());
        QCOMPARE(cell.data(Qt::EditRole).toString(), QString());

        clickSave();

        QCOMPARE(readOne(m_path, "SELECT email IS NULL FROM users WHERE id = 1").toInt(), 0);
        QCOMPARE(readOne(m_path, "SELECT length(email) FROM users WHERE id = 1").toInt(), 0);
        QCOMPARE(readOne(m_path, "SELECT typeof(email) FROM users WHERE id = 1").toString(),
                 "text");
    }

    void closeWithChangesCancelKeepsWindowAndChanges()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        BoxAnswer answer;
        answerNextBox(QMessageBox::Cancel, &answer);
        QVERIFY(!m_window->close());
        QVERIFY(answer.seen);
        QCOMPARE(answer.objectName, QStringLiteral("unsavedChangesBox"));
        QVERIFY2(answer.text.contains(QLatin1String("users")), qPrintable(answer.text));
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("Ann"));
        QVERIFY(model()->index(0, Name).data(TableModel::IsPendingRole).toBool());
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ada");
    }

    void closeWithChangesDiscardCloses()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        BoxAnswer answer;
        answerNextBox(QMessageBox::Discard, &answer);
        QVERIFY(m_window->close());
        QVERIFY(answer.seen);
        QVERIFY(!m_window->isVisible());
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ada");
    }

    void closeWithChangesSaveSavesAndCloses()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        BoxAnswer answer;
        answerNextBox(QMessageBox::Save, &answer);
        QVERIFY(m_window->close());
        QVERIFY(answer.seen);
        QVERIFY(!m_window->isVisible());
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ann");
    }

    void closeWithoutChangesDoesNotAsk()
    {
        BoxAnswer answer;
        answerNextBox(QMessageBox::Cancel, &answer, 5);
        QVERIFY(m_window->close());
        QTest::qWait(100); // let the answerer run out: no box was there to answer
        QVERIFY(!answer.seen);
    }

    void switchingTableWithChangesAsks()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        auto *list = m_window->findChild<QListWidget *>(QStringLiteral("tableList"));
        QVERIFY(list);
        const auto found = list->findItems(QStringLiteral("orders"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QListWidgetItem *orders = found.first();
        QListWidgetItem *users = list->currentItem();
        QCOMPARE(users->text(), QStringLiteral("users"));

        BoxAnswer answer;
        answerNextBox(QMessageBox::Cancel, &answer);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(orders).center());
        QVERIFY(answer.seen);
        QCOMPARE(answer.objectName, QStringLiteral("unsavedChangesBox"));
        QCOMPARE(m_window->document()->schema().id.name, QStringLiteral("users"));
        // The list shows the table the grid shows, not the one that was clicked.
        QTRY_COMPARE(list->currentItem(), users);
        QTRY_VERIFY(list->selectedItems().contains(users));
        QVERIFY(!list->selectedItems().contains(orders));
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("Ann"));

        // Asked again, Discard goes to the other table and drops the edit.
        answer = {};
        answerNextBox(QMessageBox::Discard, &answer);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(orders).center());
        QVERIFY(answer.seen);
        QCOMPARE(m_window->document()->schema().id.name, QStringLiteral("orders"));
        QCOMPARE(list->currentItem(), orders);
        QVERIFY(!m_window->isWindowModified());
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ada");
    }

    void failedSaveKeepsEverythingAndNamesTheRow_data()
    {
        QTest::addColumn<bool>("setNull"); // else type -5 into age
        QTest::addColumn<int>("badColumn");
        QTest::addColumn<QString>("reason");
        QTest::newRow("CHECK") << false << int(Age) << "CHECK constraint failed";
        QTest::newRow("NOT NULL") << true << int(Name) << "NOT NULL constraint failed";
    }
    void failedSaveKeepsEverythingAndNamesTheRow()
    {
        QFETCH(bool, setNull);
        QFETCH(int, badColumn);
        QFETCH(QString, reason);
        typeIntoCell(1, Status, QStringLiteral("active"));
        if (setNull) {
            clickCell(2, Name);
            QTest::keyClick(view(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        } else {
            typeIntoCell(2, Age, QStringLiteral("-5"));
        }
        QCOMPARE(m_window->document()->pendingCount(), 2);

        clickSave();

        QMessageBox *box = m_window->lastSaveError();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->objectName(), QStringLiteral("saveErrorBox"));
        const QString badName = model()->headerData(badColumn, Qt::Horizontal).toString();
        QVERIFY2(box->text().contains(QLatin1String("id = 3")), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QLatin1String("column ") + badName), qPrintable(box->text()));
        QVERIFY2(box->text().contains(reason), qPrintable(box->text()));
        // The grid stays usable while the message is up, to fix the row it names.
        QCOMPARE(box->windowModality(), Qt::NonModal);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(view()->currentIndex(), model()->index(2, badColumn));

        // Nothing written, nothing lost.
        QCOMPARE(readOne(m_path, "SELECT status FROM users WHERE id = 2").toString(), "inactive");
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 3").toString(), "Chen");
        QVERIFY(readOne(m_path, "SELECT age FROM users WHERE id = 3").isNull());
        QCOMPARE(m_window->document()->pendingCount(), 2);
        QVERIFY(m_window->isWindowModified());
        QCOMPARE(pendingLabelText(), QStringLiteral("2 pending change(s)"));
        QCOMPARE(model()->index(1, Status).data().toString(), QStringLiteral("active"));
        QVERIFY(model()->index(1, Status).data(TableModel::IsPendingRole).toBool());
        QVERIFY(model()->index(2, badColumn).data(TableModel::IsPendingRole).toBool());

        // Fix the bad cell (with the message still up) and save again.
        typeIntoCell(2, badColumn, setNull ? QStringLiteral("Chan") : QStringLiteral("7"));
        clickSave();
        QCOMPARE(readOne(m_path, "SELECT status FROM users WHERE id = 2").toString(), "active");
        if (setNull)
            QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 3").toString(), "Chan");
        else
            QCOMPARE(readOne(m_path, "SELECT age FROM users WHERE id = 3").toInt(), 7);
        QCOMPARE(m_window->document()->pendingCount(), 0);
        QVERIFY(!m_window->isWindowModified());
    }

    void insertAndDeleteRowsThenSave()
    {
        QTest::keyClick(view(), Qt::Key_I, Qt::ControlModifier);
        QCOMPARE(model()->rowCount(), 5);
        const int newRow = 4;
        QCOMPARE(view()->currentIndex().row(), newRow);
        QCOMPARE(model()->index(newRow, Id).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Inserted));
        typeIntoCell(newRow, Name, QStringLiteral("Zed"));
        typeIntoCell(newRow, Age, QStringLiteral("30"));
        QCOMPARE(model()->index(newRow, Name).data().toString(), QStringLiteral("Zed"));

        // Delete rows 2 and 3 (ids 2 and 3), selected with the mouse.
        clickCell(1, Name);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          view()->visualRect(model()->index(2, Name)).center());
        QTest::keyClick(view(), Qt::Key_Delete, Qt::ControlModifier);
        QCOMPARE(model()->index(1, Id).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Deleted));
        QCOMPARE(model()->index(2, Id).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Deleted));
        QCOMPARE(model()->index(0, Id).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Clean));
        QCOMPARE(m_window->document()->pendingCount(), 3);
        // Still there until Save.
        QCOMPARE(readOne(m_path, "SELECT COUNT(*) FROM users").toInt(), 4);

        clickSave();

        QCOMPARE(readBack(m_path, "SELECT id FROM users ORDER BY id"), (QVariantList{1, 4, 5}));
        QCOMPARE(readOne(m_path, "SELECT name || ':' || age FROM users WHERE id = 5").toString(),
                 "Zed:30");
        QCOMPARE(readOne(m_path, "SELECT email IS NULL FROM users WHERE id = 5").toInt(), 1);
        QCOMPARE(model()->rowCount(), 3);
        QCOMPARE(m_window->document()->pendingCount(), 0);
    }

    void undoAndRedoKeys()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        typeIntoCell(1, Name, QStringLiteral("Bea"));
        QCOMPARE(m_window->document()->pendingCount(), 2);
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model()->index(1, Name).data().toString(), QStringLiteral("Brian"));
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QTest::keyClick(view(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(model()->index(1, Name).data().toString(), QStringLiteral("Bea"));
        QCOMPARE(m_window->document()->pendingCount(), 2);
    }

    void openingBadFilesKeepsTheCurrentDatabase_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("contents"); // empty: the file does not exist
        QTest::newRow("missing") << "missing.db" << QByteArray();
        QTest::newRow("not SQLite")
            << "notes.db" << QByteArray("These are notes, not a database.\n");
    }
    void openingBadFilesKeepsTheCurrentDatabase()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, contents);
        const QString path = m_dir.filePath(fileName);
        if (!contents.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents.repeated(200));
        }
        const QString titleBefore = m_window->windowTitle();
        QString error;
        QVERIFY(!m_window->openLocation(path, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(m_window->database()->spec().database, m_path);
        QCOMPARE(m_window->document()->schema().id.name, QStringLiteral("users"));
        QCOMPARE(m_window->windowTitle(), titleBefore);
        QCOMPARE(model()->rowCount(), 4);
        // A missing file is not created, a foreign file not touched.
        QCOMPARE(QFile::exists(path), !contents.isEmpty());
        if (!contents.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), contents.repeated(200));
        }
        // And the current database still works.
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        clickSave();
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ann");
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
