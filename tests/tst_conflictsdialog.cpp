// The conflicts dialog as a user meets it: Save in the main window finds rows someone else
// changed, the dialog lists every conflict, its real buttons choose keep mine or take theirs,
// and Apply and Save saves again. Also: Cancel keeps everything, a busy database offers
// Retry, and ten thousand conflicts stay usable.

#include "conflictsdialog.h"
#include "conflictsmodel.h"
#include "testdatabases.h"
#include "usersfixture.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace Tabula;
using Tabula::Test::readOne;

namespace {

// What the dialog showed, read while it was up.
struct DialogSeen
{
    bool seen = false;
    QStringList lines; // "row | column | loaded | theirs | yours | choice"
    QStringList choicesAfter;
};

QStringList lines(const ConflictsModel *model)
{
    QStringList all;
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(r, c).data().toString();
        all << cells.join(QStringLiteral(" | "));
    }
    return all;
}

QStringList choices(const ConflictsModel *model)
{
    QStringList all;
    for (int r = 0; r < model->rowCount(); ++r)
        all << model->index(r, ConflictsModel::ChoiceColumn).data().toString();
    return all;
}

// Runs `act` on the conflicts dialog as soon as it is up. Called before the Save that opens
// it, since exec() does not return until the dialog is answered.
void whenDialogShows(std::function<void(ConflictsDialog *)> act, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *dialog = qobject_cast<ConflictsDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible()) {
            if (attempts > 0)
                whenDialogShows(act, attempts - 1);
            return;
        }
        act(dialog);
    });
}

void click(QWidget *dialog, const char *name)
{
    auto *button = dialog->findChild<QPushButton *>(QLatin1String(name));
    if (button)
        QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class ConflictsDialogTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT

    std::unique_ptr<Database> m_other;

    void theyRun(const QString &sql) { QCOMPARE(Test::exec(*m_other, sql), QString()); }

    // Ann over Ada and Bo over Brian, which they changed; an email of Chen's row, whose
    // status they changed (a column not written: no conflict); Dana's row deleted, whose age
    // they changed.
    void makeConflicts()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        typeIntoCell(1, Name, QStringLiteral("Bo"));
        typeIntoCell(2, Email, QStringLiteral("c@example.com"));
        document()->deleteRows({3});
        theyRun("UPDATE users SET name = 'Adele' WHERE id = 1");
        theyRun("UPDATE users SET name = 'Bryan' WHERE id = 2");
        theyRun("UPDATE users SET status = 'gone' WHERE id = 3");
        theyRun("UPDATE users SET age = 30 WHERE id = 4");
    }

private slots:
    void initTestCase() { setUpTestCase(); }
    void init()
    {
        setUpWindow();
        m_other = Test::openAgain(*m_window->database());
        QVERIFY(m_other);
    }
    void cleanup()
    {
        m_other.reset();
        tearDownWindow();
    }

    void keepMineForOneTakeTheirsForTheOther()
    {
        makeConflicts();
        DialogSeen seen;
        whenDialogShows([&](ConflictsDialog *dialog) {
            seen.seen = true;
            seen.lines = lines(dialog->model());
            // For a look on a real display: TABULA_CONFLICTS_SHOT=file.png under xvfb-run.
            if (qEnvironmentVariableIsSet("TABULA_CONFLICTS_SHOT"))
                dialog->grab().save(qEnvironmentVariable("TABULA_CONFLICTS_SHOT"));
            click(dialog, "takeAllTheirsButton");
            // Then Ada's line back to keep mine, with its list, from the keyboard.
            QTableView *table = dialog->view();
            table->setFocus();
            table->setCurrentIndex(dialog->model()->index(0, ConflictsModel::ChoiceColumn));
            QTest::keyClick(table, Qt::Key_F2);
            auto *combo = qobject_cast<QComboBox *>(table->indexWidget(table->currentIndex()));
            if (combo)
                QTest::keyClick(combo, Qt::Key_Up);
            seen.choicesAfter = choices(dialog->model());
            QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        });
        clickSave();
        QVERIFY(seen.seen);
        QCOMPARE(seen.lines, QStringList({"id = 1 | name | Ada | Adele | Ann | Keep mine",
                                          "id = 2 | name | Brian | Bryan | Bo | Keep mine",
                                          "id = 4 | age | 29 | 30 | deleted | Keep mine"}));
        QCOMPARE(seen.choicesAfter, QStringList({"Keep mine", "Take theirs", "Take theirs"}));

        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ann");
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 2").toString(), "Bryan");
        QCOMPARE(readOne(m_path, "SELECT email FROM users WHERE id = 3").toString(),
                 "c@example.com");
        QCOMPARE(readOne(m_path, "SELECT status FROM users WHERE id = 3").toString(), "gone");
        QCOMPARE(readOne(m_path, "SELECT age FROM users WHERE id = 4").toInt(), 30); // kept
        QCOMPARE(document()->pendingCount(), 0);
        QVERIFY(!m_window->lastSaveError());
        QCOMPARE(model()->index(1, Name).data().toString(), QStringLiteral("Bryan"));
    }

    void keepAllMineOverwritesTheirs()
    {
        makeConflicts();
        bool seen = false;
        whenDialogShows([&](ConflictsDialog *dialog) {
            seen = true;
            click(dialog, "takeAllTheirsButton");
            click(dialog, "keepAllMineButton");
            QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        });
        clickSave();
        QVERIFY(seen);
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ann");
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 2").toString(), "Bo");
        QCOMPARE(readOne(m_path, "SELECT COUNT(*) FROM users WHERE id = 4").toInt(), 0);
        QCOMPARE(document()->pendingCount(), 0);
    }

    // Take theirs: the grid shows their value, and Save writes the edits not in conflict.
    void takeAllTheirsShowsTheirs()
    {
        makeConflicts();
        whenDialogShows([&](ConflictsDialog *dialog) {
            click(dialog, "takeAllTheirsButton");
            QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        });
        clickSave();
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Adele");
        QCOMPARE(readOne(m_path, "SELECT email FROM users WHERE id = 3").toString(),
                 "c@example.com");
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("Adele"));
        QCOMPARE(document()->pendingCount(), 0);
    }

    void cancelWritesNothingAndKeepsEverything()
    {
        makeConflicts();
        bool seen = false;
        whenDialogShows([&](ConflictsDialog *dialog) {
            seen = true;
            QDialogButtonBox *box = dialog->findChild<QDialogButtonBox *>();
            QTest::mouseClick(box->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        });
        clickSave();
        QVERIFY(seen);
        QCOMPARE(document()->pendingCount(), 4);
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Adele");
        QCOMPARE(readOne(m_path, "SELECT email FROM users WHERE id = 3").toString(),
                 "chen@example.com");
        QVERIFY(!m_window->lastSaveError());
        QVERIFY(m_window->statusBar()->currentMessage().contains("every edit is kept"));
        QCOMPARE(model()->index(0, Name).data().toString(), QStringLiteral("Ann"));
    }

    // A database busy past the wait: the message offers Retry, which saves once it is free.
    void busySaveOffersRetry()
    {
        typeIntoCell(0, Name, QStringLiteral("Ann"));
        theyRun("BEGIN IMMEDIATE");
        clickSave();
        QMessageBox *box = m_window->lastSaveError();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains("busy"), qPrintable(box->text()));
        QAbstractButton *retry = box->button(QMessageBox::Retry);
        QVERIFY(retry);
        theyRun("ROLLBACK");
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE(document()->pendingCount(), 0);
        QCOMPARE(readOne(m_path, "SELECT name FROM users WHERE id = 1").toString(), "Ann");
    }

    // The control: a failure that is not busy offers no Retry.
    void otherFailureOffersNoRetry()
    {
        typeIntoCell(1, Age, QStringLiteral("-5"));
        clickSave();
        QMessageBox *box = m_window->lastSaveError();
        QVERIFY(box);
        QVERIFY(!box->button(QMessageBox::Retry));
    }

    void tenThousandConflictsStayUsable()
    {
        QVector<Conflict> conflicts;
        for (int id = 1; id <= 10000; ++id)
            conflicts.append({RowKey::stored({id}), Name, QStringLiteral("loaded %1").arg(id),
                              QStringLiteral("theirs"), QStringLiteral("mine"), id % 100 == 0});
        QElapsedTimer timer;
        timer.start();
        ConflictsDialog dialog(document()->schema(), conflicts);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        click(&dialog, "takeAllTheirsButton");
        click(&dialog, "keepAllMineButton");
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(dialog.choices().count(Resolution::KeepMine), 9900); // not the rows gone
        QVERIFY(dialog.findChild<QLabel *>("goneLabel")->isVisible());
        if (qEnvironmentVariableIsSet("TABULA_CONFLICTS_SHOT"))
            dialog.grab().save(qEnvironmentVariable("TABULA_CONFLICTS_SHOT") + "-many.png");
        dialog.reject();
    }
};

QTEST_MAIN(ConflictsDialogTest)
#include "tst_conflictsdialog.moc"
