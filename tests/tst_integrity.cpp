// File > Check Database Integrity, as a user runs it: a sound SQLite file is reported sound
// and stays editable; a file damaged after it was opened is reported damaged, turns
// read-only with the reason shown above the grid, and keeps the edits already pending. On a
// server the action is disabled, saying why.

#include "database.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Tabula;

class IntegrityTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    QAction *checkAction() const
    {
        return m_window->findChild<QAction *>(QStringLiteral("actionCheckIntegrity"));
    }
    // Runs the check as the menu does and returns the text of the box that reports it.
    QString runCheck()
    {
        checkAction()->trigger();
        QMessageBox *box = nullptr;
        const bool reported = QTest::qWaitFor([&] {
            box = m_window->findChild<QMessageBox *>(QStringLiteral("integrityResultBox"));
            return box && box->isVisible();
        });
        if (!reported)
            return QStringLiteral("no result box");
        const QString text = box->text();
        box->close();
        return text;
    }
    QString banner() const
    {
        auto *label = m_window->findChild<QLabel *>(QStringLiteral("readOnlyBanner"));
        return label && label->isVisible() ? label->text() : QString();
    }
    TableModel *model() const { return m_window->document()->model(); }
    void openFile(const QString &path)
    {
        QString error;
        QCOMPARE(Test::createSqliteFile(
                     path, QStringList{"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                       "FROM n WHERE i < 400) INSERT INTO t SELECT i, "
                                       "printf('%.200c', 'x') FROM n"}),
                 QString());
        m_window = Test::showMainWindow(path, "t", &error);
        QVERIFY2(m_window, qPrintable(error));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup()
    {
        if (m_window && m_window->document())
            m_window->document()->changes()->clear();
        m_window.reset();
    }

    void aSoundFileIsReportedSoundAndStaysEditable()
    {
        openFile(m_dir.filePath("sound.db"));
        QVERIFY(checkAction()->isEnabled());
        const QString said = runCheck();
        QVERIFY2(said.contains("No damage"), qPrintable(said));
        QCOMPARE(banner(), QString());
        QVERIFY(model()->setData(model()->index(0, 1), QStringLiteral("edited")));
    }

    void aFileDamagedWhileOpenTurnsReadOnlyAndKeepsPendingEdits()
    {
        const QString path = m_dir.filePath("later.db");
        openFile(path);
        QVERIFY(model()->setData(model()->index(0, 1), QStringLiteral("pending")));
        QCOMPARE(Test::damagePages(path), QString());

        const QString said = runCheck();
        QVERIFY2(said.contains("is damaged"), qPrintable(said));
        QVERIFY2(banner().contains("is damaged"), qPrintable(banner()));
        QCOMPARE(m_window->database()->readOnlyReason(), said);
        // No edit from now on; the one made before stays.
        QVERIFY(!model()->setData(model()->index(1, 1), QStringLiteral("refused")));
        QVERIFY(!(model()->flags(model()->index(1, 1)) & Qt::ItemIsEditable));
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QCOMPARE(model()->index(0, 1).data().toString(), QStringLiteral("pending"));
    }

    void serversHaveNoSuchCheck_data() { Test::addServerRows(); }
    void serversHaveNoSuchCheck()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"), QString());
        QString error;
        m_window = Test::showMainWindow(Test::urlFor(dbName),
                                        Test::tableNamed(*db, "t").id.displayName(), &error);
        QVERIFY2(m_window, qPrintable(error));
        QVERIFY(!checkAction()->isEnabled());
        QVERIFY2(checkAction()->toolTip().contains("only SQLite"),
                 qPrintable(checkAction()->toolTip()));
    }
};

QTEST_MAIN(IntegrityTest)
#include "tst_integrity.moc"
