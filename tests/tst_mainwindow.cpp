// The main window driven as a user drives it: clicks on the real toolbar, keys typed into the
// grid. Editing, NULL, inserting and deleting rows, undo and Save; the prompts about unsaved
// changes and failed saves are in tst_unsavedchanges.cpp. Every result is read back from the
// database file through a connection of its own.

#include "database.h"
#include "mainwindow.h"
#include "tablemodel.h"
#include "usersfixture.h"

#include <QApplication>
#include <QFile>
#include <QTest>
#include <QUndoView>

using namespace Tabula;
using Tabula::Test::readBack;
using Tabula::Test::readOne;

class MainWindowTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void typedValueIsPendingUntilSaveButtonWritesIt()
    {
        QCOMPARE(pendingLabelText(), QStringLiteral("No pending changes"));
        QVERIFY(!m_window->isWindowModified());
        QVERIFY(!toolButton("actionSave")->isEnabled());

        typeIntoCell(1, Name, QStringLiteral("Bea"));

        const QModelIndex cell = model()->index(1, Name);
        QCOMPARE(cell.data().toString(), QStringLiteral("Bea"));
        QVERIFY(cell.data(TableModel::IsPendingRole).toBool());
        QCOMPARE(cell.data(TableModel::RowStateRole).toInt(), int(TableModel::Edited));
        QVERIFY(!model()->index(1, Email).data(TableModel::IsPendingRole).toBool());
        QVERIFY(m_window->isWindowModified());
        QVERIFY2(shownTitle().contains('*'), qPrintable(shownTitle()));
        QCOMPARE(pendingLabelText(), QStringLiteral("1 pending change"));
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

    // The Pending Changes list names the row and the value of each edit.
    void pendingChangesListSaysWhichRowAndValue()
    {
        action("actionShowHistory")->trigger();
        auto *list = m_window->findChild<QUndoView *>();
        QVERIFY(list);
        QTRY_VERIFY(list->isVisible());
        typeIntoCell(1, Email, QStringLiteral("bea@example.com"));
        QCOMPARE(list->model()->rowCount(), 2); // the saved state, then the edit
        const QString step = list->model()->index(1, 0).data().toString();
        QVERIFY2(step.contains(QLatin1String("email")), qPrintable(step));
        QVERIFY2(step.contains(QLatin1String("id = 2")), qPrintable(step));
        QVERIFY2(step.contains(QLatin1String("bea@example.com")), qPrintable(step));
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
