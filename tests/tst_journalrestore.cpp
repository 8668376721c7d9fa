#include "database.h"
#include "journalrestore.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "testdatabases.h"
#include "usersfixture.h"
#include "windowfixture.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

using namespace Tabula;

// Opening a table that a crash left unsaved changes for offers them back: Restore brings
// exactly them back as one undo step, Discard drops them, a damaged journal is refused with
// a message and kept aside.
class JournalRestoreTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // A session that edits two cells and "crashes": the document goes without its journal
    // being discarded, as when the process is killed.
    void crashWithEdits()
    {
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("crash-%1.db").arg(++n));
        QCOMPARE(
            Test::createSqliteFile(m_path, {"CREATE TABLE users (id INTEGER PRIMARY KEY, name "
                                            "TEXT)",
                                            "INSERT INTO users VALUES (1, 'ann'), (2, 'bob')"}),
            QString());
        QString error;
        auto db = Database::open(ConnectionSpec::sqliteFile(m_path), &error);
        QVERIFY2(db, qPrintable(error));
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        doc.startJournal(journalFolder());
        QVERIFY(doc.model()->setData(doc.model()->index(0, 1), QStringLiteral("ANN")));
        QVERIFY(doc.model()->setData(doc.model()->index(1, 1), QStringLiteral("BOB")));
        QVERIFY(QFile::exists(doc.journalPath(journalFolder())));
    }

    // Clicks the button of the next modal message box whose text starts with `button`.
    static void answerNextBox(const QString &button, QString *seen)
    {
        QTimer::singleShot(0, [button, seen] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box) {
                answerNextBox(button, seen); // not shown yet
                return;
            }
            *seen = box->text();
            for (QAbstractButton *b : box->buttons()) {
                if (b->text().remove('&').startsWith(button))
                    b->click();
            }
        });
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void restoreBringsTheEditsBack()
    {
        crashWithEdits();
        QString seen, error;
        answerNextBox("Restore", &seen);
        auto window = Test::showMainWindow(m_path, "users", &error);
        QVERIFY2(window, qPrintable(error));
        QVERIFY2(seen.contains("2 changes to users"), qPrintable(seen));
        TableDocument *doc = window->document();
        QCOMPARE(doc->pendingCount(), 2);
        QCOMPARE(doc->model()->index(1, 1).data().toString(), QStringLiteral("BOB"));
        QCOMPARE(doc->undoStack()->count(), 1);
        QVERIFY(window->save());
        QCOMPARE(Test::readOne(m_path, "SELECT name FROM users WHERE id = 2").toString(), "BOB");
        QVERIFY(!QFile::exists(doc->journalPath(journalFolder()))); // saved: gone
    }

    void discardDropsThem()
    {
        crashWithEdits();
        QString seen, error;
        answerNextBox("Discard", &seen);
        auto window = Test::showMainWindow(m_path, "users", &error);
        QVERIFY2(window, qPrintable(error));
        QVERIFY(!seen.isEmpty());
        QCOMPARE(window->document()->pendingCount(), 0);
        QVERIFY(!QFile::exists(window->document()->journalPath(journalFolder())));
    }

    void damagedJournalIsRefusedAndKept()
    {
        crashWithEdits();
        QString journal;
        {
            QString error;
            auto db = Database::open(ConnectionSpec::sqliteFile(m_path), &error);
            journal =
                TableDocument(*db, Test::tableNamed(*db, "users")).journalPath(journalFolder());
        }
        QFile file(journal);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(file.size() - 2);
        file.write("XX");
        file.close();
        QString seen, error;
        answerNextBox("OK", &seen);
        auto window = Test::showMainWindow(m_path, "users", &error);
        QVERIFY2(window, qPrintable(error));
        QVERIFY2(seen.contains("damaged"), qPrintable(seen));
        QCOMPARE(window->document()->pendingCount(), 0);
        QVERIFY(QFile::exists(journal + ".refused"));
    }

    // A window closed normally leaves no journal: the user saved or discarded on purpose.
    void closingNormallyLeavesNone()
    {
        crashWithEdits();
        QString seen, error;
        answerNextBox("Discard", &seen);
        auto window = Test::showMainWindow(m_path, "users", &error);
        QVERIFY2(window, qPrintable(error));
        TableDocument *doc = window->document();
        QVERIFY(doc->model()->setData(doc->model()->index(0, 1), QStringLiteral("x")));
        const QString journal = doc->journalPath(journalFolder());
        QVERIFY(QFile::exists(journal)); // journaled as typed
        answerNextBox("Discard", &seen);
        window->close();
        QVERIFY2(seen.contains("unsaved"), qPrintable(seen));
        window.reset();
        QVERIFY(!QFile::exists(journal));
    }
};

QTEST_MAIN(JournalRestoreTest)
#include "tst_journalrestore.moc"
