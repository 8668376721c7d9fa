#include "recentlocations.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Tabula;

// After Save the grid shows what the database holds, without losing the user's place; and
// what Tabula remembers about a server keeps its password out.
class GridStateTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void saveKeepsCurrentCellSelectionAndScroll()
    {
        const QString path = m_dir.filePath("rows.db");
        QCOMPARE(Test::createSqliteFile(
                     path, QStringList{"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                                       "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                       "FROM c WHERE x < 2000) INSERT INTO t SELECT x, 'n' || x "
                                       "FROM c"}),
                 QString());
        QString error;
        auto window = Test::showMainWindow(path, "t", &error);
        QVERIFY2(window, qPrintable(error));
        QTableView *view = window->grid()->view();
        TableModel *model = window->document()->model();
        // Far below the first window of rows, so a re-read has to fetch its way back.
        while (model->storedRowCount() < 1200 && model->canFetchMore())
            model->fetchMore();
        const QModelIndex target = model->index(1100, 1);
        view->scrollTo(target, QAbstractItemView::PositionAtTop);
        view->setCurrentIndex(target);
        view->selectionModel()->select(model->index(1101, 1), QItemSelectionModel::Select);
        const int scroll = view->verticalScrollBar()->value();
        QVERIFY(scroll > 1000);
        QVERIFY(model->setData(target, QStringLiteral("edited")));

        QVERIFY(window->save());
        QVERIFY(!window->document()->isModified());
        QCOMPARE(view->verticalScrollBar()->value(), scroll);
        QCOMPARE(view->currentIndex().row(), 1100);
        QCOMPARE(view->currentIndex().column(), 1);
        QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("edited"));
        QVERIFY(view->selectionModel()->isSelected(model->index(1101, 1)));
        QCOMPARE(Test::readBack(path, "SELECT name FROM t WHERE id = 1101").value(0).toString(),
                 QStringLiteral("edited"));
    }

    // A row inserted and saved stays the current row, now under the key the database gave it.
    void savedNewRowStaysCurrent()
    {
        const QString path = m_dir.filePath("insert.db");
        QCOMPARE(Test::createSqliteFile(
                     path, QStringList{"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                                       "INSERT INTO t VALUES (5, 'e'), (1, 'a')"}),
                 QString());
        QString error;
        auto window = Test::showMainWindow(path, "t", &error);
        QVERIFY2(window, qPrintable(error));
        QTableView *view = window->grid()->view();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_I, Qt::ControlModifier);
        TableModel *model = window->document()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(view->currentIndex().row(), 2);
        view->setCurrentIndex(model->index(2, 1));
        QTest::keyClicks(view, QStringLiteral("n")); // the first key opens the editor
        QWidget *editor = view->indexWidget(model->index(2, 1));
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("ew"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(model->index(2, 1).data().toString(), QStringLiteral("new"));

        QTest::keyClick(view, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!window->document()->isModified());
        // Sorted by key the new row (id 6) comes last; the cursor is on it, not on a neighbour.
        QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("new"));
        QCOMPARE(model->index(view->currentIndex().row(), 0).data().toLongLong(), 6);
    }

    void recentServerHoldsNoPassword_data() { Test::addServerRows(); }
    void recentServerHoldsNoPassword()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE items (id %PK%, name %TEXT%)")),
                 QString());
        QSettings().clear();
        const QString url = Test::urlFor(dbName);
        const QString password = ConnectionSpec::fromUrl(url, nullptr).password;
        QVERIFY(!password.isEmpty());
        MainWindow window;
        QString error;
        QVERIFY2(window.openLocation(url, &error), qPrintable(error));
        const QStringList recent = RecentLocations::list();
        QCOMPARE(recent.size(), 1);
        QVERIFY(!recent.first().contains(password));
        QCOMPARE(ConnectionSpec::fromUrl(recent.first(), nullptr).host,
                 ConnectionSpec::fromUrl(url, nullptr).host);
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(password), qPrintable(key));
    }
};

QTEST_MAIN(GridStateTest)
#include "tst_gridstate.moc"
