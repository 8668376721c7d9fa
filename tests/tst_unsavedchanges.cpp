// The main window's prompts, driven as a user meets them: the unsaved-changes box on close
// and on switching tables, answered with its real buttons, and the non-modal box a failed
// Save shows, with the row fixed and saved again. Every result is read back from the
// database file through a connection of its own.

#include "mainwindow.h"
#include "tablemodel.h"
#include "usersfixture.h"

#include <QApplication>
#include <QImage>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace Tabula;
using Tabula::Test::readOne;

namespace {

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

class UnsavedChangesTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT
private:
    // The colour painted at a cell's left edge, where no text is.
    QColor shownBackground(int row, int column) const
    {
        const QRect cell = view()->visualRect(model()->index(row, column));
        const QImage shot = view()->viewport()->grab().toImage();
        return shot.pixelColor(cell.left() + 2, cell.center().y());
    }

private slots:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

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
        QCOMPARE(pendingLabelText(), QStringLiteral("2 pending changes"));
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

    // Undoing the edit a Save failed on leaves nothing to mark.
    void undoAfterAFailedSaveClearsTheFailedRow()
    {
        typeIntoCell(2, Age, QStringLiteral("-5"));
        clickSave();
        QTRY_VERIFY(m_window->lastSaveError() && m_window->lastSaveError()->isVisible());
        QVERIFY(model()->failedRow().isValid());
        // Rows 0 and 2 share the alternating base colour; only the failed one is red.
        QVERIFY(shownBackground(2, Name) != shownBackground(0, Name));

        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document()->pendingCount(), 0);
        QVERIFY(!model()->failedRow().isValid());
        QCOMPARE(shownBackground(2, Name), shownBackground(0, Name));
    }
};

QTEST_MAIN(UnsavedChangesTest)
#include "tst_unsavedchanges.moc"
