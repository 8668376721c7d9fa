// Every way the main window opens a database: File ▸ Open Recent, a file dropped on the
// window, and a server URL. What is opened is read back from the window; what is saved, from
// the database through a connection of its own.

#include "database.h"
#include "mainwindow.h"
#include "recentlocations.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>

using namespace Tabula;

namespace {

QString createFile(const QString &path, const QString &table)
{
    return Test::createSqliteFile(
        path, QStringList{
                  QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, name TEXT)").arg(table),
                  QStringLiteral("INSERT INTO %1 VALUES (1, 'one')").arg(table)});
}

// The texts of a menu's actions, in order.
QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    const auto actions = menu->actions();
    for (const QAction *action : actions)
        texts << action->text();
    return texts;
}

QStringList tableListTexts(const MainWindow *window)
{
    const auto *list = window->findChild<QListWidget *>(QStringLiteral("tableList"));
    QStringList texts;
    for (int i = 0; list && i < list->count(); ++i)
        texts << list->item(i)->text();
    return texts;
}

// Clicks OK on the next modal message box once it is up, noting its text. Called before the
// action that opens the box, since exec() does not return until the box is answered.
void answerNextBox(QString *text, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible()) {
            if (attempts > 0)
                answerNextBox(text, attempts - 1);
            return;
        }
        *text = box->text();
        box->accept();
    });
}

} // namespace

class OpeningTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_alpha; // holds the table alpha
    QString m_beta;  // holds the table beta
    std::unique_ptr<MainWindow> m_window;

    QMenu *recentMenu() const { return m_window->findChild<QMenu *>(QStringLiteral("menuRecent")); }
    QString openFile() const
    {
        return m_window->database() ? m_window->database()->spec().database : QString();
    }
    QString openTableName() const
    {
        return m_window->document() ? m_window->document()->schema().id.displayName() : QString();
    }
    static QString urlOf(const QString &path)
    {
        return ConnectionSpec::sqliteFile(path).displayUrl();
    }

    // Drags `mime` onto the window and drops it there, as a file manager does.
    bool dragAndDrop(QMimeData *mime)
    {
        const QPoint at = m_window->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        return drop.isAccepted();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QSettings().clear(); // the test-mode settings, not the user's
        static int n = 0;
        ++n;
        m_alpha = m_dir.filePath(QStringLiteral("alpha-%1.db").arg(n));
        m_beta = m_dir.filePath(QStringLiteral("beta-%1.db").arg(n));
        for (const auto &[path, table] : {std::pair{m_alpha, "alpha"}, std::pair{m_beta, "beta"}}) {
            const QString failure = createFile(path, QLatin1String(table));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        QString error;
        m_window = Test::showMainWindow(m_alpha, QStringLiteral("alpha"), &error);
        QVERIFY2(m_window, qPrintable(error));
    }

    void cleanup()
    {
        if (m_window && m_window->document())
            m_window->document()->changes()->clear();
        m_window.reset();
    }

    void openRecentListsAndReopens()
    {
        QVERIFY(recentMenu());
        QVERIFY(recentMenu()->isEnabled());
        QCOMPARE(actionTexts(recentMenu()), QStringList{urlOf(m_alpha)});

        QString error;
        QVERIFY2(m_window->openLocation(m_beta, &error), qPrintable(error));
        QCOMPARE(openTableName(), QStringLiteral("beta"));
        QCOMPARE(actionTexts(recentMenu()), (QStringList{urlOf(m_beta), urlOf(m_alpha)}));

        // Newest first, and remembered for the next window too.
        MainWindow other;
        const auto *otherMenu = other.findChild<QMenu *>(QStringLiteral("menuRecent"));
        QCOMPARE(actionTexts(otherMenu), (QStringList{urlOf(m_beta), urlOf(m_alpha)}));

        // Clicking alpha in the menu opens it again and moves it to the top.
        QMenu *menu = recentMenu();
        QAction *alpha = menu->actions().value(1);
        QVERIFY(alpha);
        menu->popup(m_window->mapToGlobal(QPoint(20, 20)));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(alpha).center());
        QTRY_VERIFY(!menu->isVisible());
        QCOMPARE(openFile(), m_alpha);
        QCOMPARE(openTableName(), QStringLiteral("alpha"));
        QCOMPARE(m_window->document()->model()->index(0, 1).data().toString(),
                 QStringLiteral("one"));
        QCOMPARE(actionTexts(recentMenu()), (QStringList{urlOf(m_alpha), urlOf(m_beta)}));
        QCOMPARE(RecentLocations::list(), (QStringList{urlOf(m_alpha), urlOf(m_beta)}));
    }

    void droppedFileOpens()
    {
        QMimeData text;
        text.setText(m_beta);
        QVERIFY(!dragAndDrop(&text)); // no URL, no drop
        QCOMPARE(openFile(), m_alpha);

        QMimeData file;
        file.setUrls({QUrl::fromLocalFile(m_beta)});
        QVERIFY(dragAndDrop(&file));
        QCOMPARE(openFile(), m_beta);
        QCOMPARE(openTableName(), QStringLiteral("beta"));
        QCOMPARE(tableListTexts(m_window.get()), QStringList{QStringLiteral("beta")});
        QCOMPARE(RecentLocations::list().value(0), urlOf(m_beta));
    }

    void droppedNonDatabaseKeepsTheOpenOne()
    {
        const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(notes);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("not a database, just some words that fill the header of a file\n")
                       .repeated(4));
        file.close();

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(notes)});
        QString message;
        answerNextBox(&message);
        QVERIFY(dragAndDrop(&mime));
        QTRY_VERIFY(!message.isEmpty());
        QVERIFY2(message.contains(QLatin1String("notes.txt")), qPrintable(message));
        QCOMPARE(openFile(), m_alpha);
        QCOMPARE(openTableName(), QStringLiteral("alpha"));
        QVERIFY(!RecentLocations::list().contains(urlOf(notes)));
    }

    void serverUrlOpensAndSaves_data() { Test::addServerRows(); }

    void serverUrlOpensAndSaves()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        for (const char *sql : {"CREATE TABLE items (id %PK%, name %TEXT%)",
                                "INSERT INTO items (name) VALUES ('apple'), ('pear')"}) {
            const QString failure = Test::exec(*db, Test::portable(*db, QLatin1String(sql)));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        const QString items = db->dialect().kind() == DatabaseKind::PostgreSQL
                                  ? QStringLiteral("public.items")
                                  : QStringLiteral("items");

        QString error;
        QVERIFY2(m_window->openLocation(Test::urlFor(dbName), &error), qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(tableListTexts(m_window.get()), QStringList{items});
        QCOMPARE(openTableName(), items);
        QCOMPARE(m_window->database()->dialect().kind(), db->dialect().kind());
        const QString shownUrl = m_window->database()->spec().displayUrl();
        QCOMPARE(RecentLocations::list().value(0), shownUrl);
        QVERIFY2(!shownUrl.contains(QLatin1String("secret")), qPrintable(shownUrl));

        // Type over "pear" and click Save, as a user does.
        TableModel *model = m_window->document()->model();
        QTRY_COMPARE(model->rowCount(), 2);
        int pear = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 1).data().toString() == QLatin1String("pear"))
                pear = row;
        }
        QVERIFY(pear >= 0);
        QTableView *view = m_window->grid()->view();
        const QModelIndex cell = model->index(pear, 1);
        view->setFocus();
        view->scrollTo(cell);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());
        QCOMPARE(view->currentIndex(), cell);
        QTest::keyClicks(view, QStringLiteral("q"));
        QWidget *editor = view->indexWidget(cell);
        QVERIFY2(editor, "typing did not open an editor");
        QTest::keyClicks(editor, QStringLiteral("uince"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!view->indexWidget(cell));
        QCOMPARE(m_window->document()->pendingCount(), 1);
        QCOMPARE(Test::readRows(*db, "SELECT name FROM items ORDER BY id"),
                 (QList<QVariantList>{{QStringLiteral("apple")}, {QStringLiteral("pear")}}));

        auto *save = m_window->findChild<QAction *>(QStringLiteral("actionSave"));
        QWidget *saveButton =
            m_window->findChild<QToolBar *>(QStringLiteral("toolBar"))->widgetForAction(save);
        QVERIFY(saveButton && saveButton->isEnabled());
        QTest::mouseClick(saveButton, Qt::LeftButton);

        QVERIFY(!m_window->lastSaveError());
        QCOMPARE(m_window->document()->pendingCount(), 0);
        QCOMPARE(Test::readRows(*db, "SELECT name FROM items ORDER BY id"),
                 (QList<QVariantList>{{QStringLiteral("apple")}, {QStringLiteral("quince")}}));
    }

    void wrongPasswordKeepsTheOpenDatabase_data() { Test::addServerRows(); }

    void wrongPasswordKeepsTheOpenDatabase()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        ConnectionSpec spec = ConnectionSpec::fromUrl(Test::urlFor(dbName), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!spec.user.isEmpty());
        spec.password = QStringLiteral("wrong-Pa55word");
        const QStringList recent = RecentLocations::list();

        QVERIFY(!m_window->openLocation(spec.toUrl(true), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QLatin1String("wrong-Pa55word")), qPrintable(error));
        QCOMPARE(openFile(), m_alpha);
        QCOMPARE(openTableName(), QStringLiteral("alpha"));
        QCOMPARE(tableListTexts(m_window.get()), QStringList{QStringLiteral("alpha")});
        QCOMPARE(m_window->document()->model()->index(0, 1).data().toString(),
                 QStringLiteral("one"));
        QCOMPARE(RecentLocations::list(), recent);
    }
};

QTEST_MAIN(OpeningTest)
#include "tst_opening.moc"
