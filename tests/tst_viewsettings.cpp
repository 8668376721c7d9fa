// What Tabula remembers between sessions, on every database: a table's column widths and
// last filter come back, shown in the filter inputs, after switching tables and after
// closing the window; the window's size and its docks come back too. Settings go to a
// temporary folder, never the user's.

#include "filterheader.h"
#include "recentlocations.h"
#include "shortcutsdialog.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Tabula;

namespace {
enum Column
{
    Id,
    Name,
    Qty
};
} // namespace

class ViewSettingsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<Database> m_db;
    QString m_location;
    QString m_items; // the table's name as the table list shows it

    void open(const QString &dbName)
    {
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        for (const char *ddl : {"CREATE TABLE items (id %PK%, name %TEXT%, qty INTEGER)",
                                "CREATE TABLE other (id %PK%, note %TEXT%)"})
            QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, ddl)), QString());
        for (int i = 1; i <= 5; ++i)
            QCOMPARE(Test::exec(*m_db, QStringLiteral("INSERT INTO items (name, qty) VALUES "
                                                      "('n%1', %1)")
                                           .arg(i)),
                     QString());
        m_location =
            dbName == QLatin1String("sqlite") ? m_db->spec().database : Test::urlFor(dbName);
        m_items = Test::tableNamed(*m_db, "items").id.displayName();
    }
    static QLineEdit *filterInput(MainWindow *window, int column)
    {
        return window->grid()->filterHeader()->editor(column);
    }
    static int width(MainWindow *window, int column)
    {
        return window->grid()->view()->columnWidth(column);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }
    void init() { QSettings().clear(); }
    void cleanup() { m_db.reset(); }

    void widthsAndFilterComeBack_data() { Test::addDatabaseRows(); }
    void widthsAndFilterComeBack()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        QString error;
        auto window = Test::showMainWindow(m_location, m_items, &error);
        QVERIFY2(window, qPrintable(error));
        QCOMPARE(window->document()->model()->rowCount(), 5);
        const int defaultWidth = width(window.get(), Name);
        const int wide = defaultWidth + 97;
        window->grid()->view()->horizontalHeader()->resizeSection(Name, wide); // a header drag
        QTest::keyClicks(filterInput(window.get(), Qty), QStringLiteral(">2"));
        QTRY_COMPARE(window->document()->model()->rowCount(), 3); // after the typing pause

        // Another table, then back: as the user left it.
        QVERIFY(window->openTable(Test::tableNamed(*m_db, "other").id.displayName()));
        QCOMPARE(filterInput(window.get(), Id)->text(), QString());
        QVERIFY(window->openTable(m_items));
        QCOMPARE(width(window.get(), Name), wide);
        QCOMPARE(filterInput(window.get(), Qty)->text(), QStringLiteral(">2"));
        QCOMPARE(window->document()->filter().columnFilter(Qty), QStringLiteral(">2"));
        QCOMPARE(window->document()->model()->rowCount(), 3);

        // Closed and opened again: the same, and the database is first among the recent ones.
        QVERIFY(window->close());
        window.reset();
        window = Test::showMainWindow(m_location, m_items, &error);
        QVERIFY2(window, qPrintable(error));
        QCOMPARE(width(window.get(), Name), wide);
        QCOMPARE(filterInput(window.get(), Qty)->text(), QStringLiteral(">2"));
        QCOMPARE(window->document()->model()->rowCount(), 3);
        QCOMPARE(RecentLocations::list().value(0), m_db->spec().displayUrl());

        // A cleared filter is remembered as cleared.
        window->grid()->clearFilters();
        QVERIFY(window->openTable(Test::tableNamed(*m_db, "other").id.displayName()));
        QVERIFY(window->openTable(m_items));
        QCOMPARE(filterInput(window.get(), Qty)->text(), QString());
        QCOMPARE(window->document()->model()->rowCount(), 5);
    }

    void windowSizeAndDocksComeBack()
    {
        TABULA_HELPER(open(QStringLiteral("sqlite")));
        QString error;
        auto window = Test::showMainWindow(m_location, m_items, &error);
        QVERIFY2(window, qPrintable(error));
        auto *valueDock = window->findChild<QDockWidget *>(QStringLiteral("valueDock"));
        auto *rowFormDock = window->findChild<QDockWidget *>(QStringLiteral("rowFormDock"));
        QVERIFY(valueDock && rowFormDock);
        QVERIFY(!valueDock->isVisible());
        QTest::keyClick(window.get(), Qt::Key_E, Qt::ControlModifier); // View > Value Editor
        QVERIFY(valueDock->isVisible());
        QVERIFY(window->findChild<QAction *>(QStringLiteral("actionShowValuePanel"))->isChecked());
        window->resize(1010, 620);
        QVERIFY(window->close());
        window.reset();

        MainWindow again;
        QCOMPARE(again.size(), QSize(1010, 620));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("valueDock"))->isVisible());
        QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("rowFormDock"))->isVisible());
        QVERIFY(again.findChild<QAction *>(QStringLiteral("actionShowValuePanel"))->isChecked());
    }

    void shortcutsListTheDocks()
    {
        MainWindow window;
        ShortcutsDialog dialog(window.findChildren<QAction *>(), &window);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        QStringList rows;
        for (int row = 0; row < table->rowCount(); ++row)
            rows << table->item(row, 0)->text() + QLatin1String(": ") + table->item(row, 1)->text();
        for (const QString &expected :
             {QStringLiteral("Ctrl+E: Value Editor"), QStringLiteral("Ctrl+Shift+E: Row Form"),
              QStringLiteral("Ctrl+Return / Ctrl+Enter: Apply Value")})
            QVERIFY2(std::any_of(rows.cbegin(), rows.cend(),
                                 [&](const QString &row) { return row.startsWith(expected); }),
                     qPrintable(expected + QLatin1String(" not in: ") + rows.join('\n')));
    }
};

QTEST_MAIN(ViewSettingsTest)
#include "tst_viewsettings.moc"
