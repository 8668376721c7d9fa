// The window while a Save and a row count run on worker threads: its event loop keeps
// running (a timer keeps firing), the progress bar with Cancel shows after half a second,
// and Cancel leaves everything as it was.

#include "database.h"
#include "filterexpression.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "taskprogress.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Tabula;

namespace {

QString locationOf(const QString &dbName, const Database &db)
{
    return dbName == QLatin1String("sqlite") ? db.spec().database : Test::urlFor(dbName);
}

// Counts its ticks while `busy` holds; once `ready` holds too, calls `act` once.
class Ticker : public QObject
{
public:
    Ticker(std::function<bool()> busy, std::function<bool()> ready, std::function<void()> act)
        : m_busy(std::move(busy)), m_ready(std::move(ready)), m_act(std::move(act))
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            if (!m_busy())
                return;
            ++ticks;
            if (!m_acted && m_ready()) {
                m_acted = true;
                m_act();
            }
        });
        m_timer.start(20);
    }
    bool acted() const { return m_acted; }
    int ticks = 0;

private:
    QTimer m_timer;
    std::function<bool()> m_busy, m_ready;
    std::function<void()> m_act;
    bool m_acted = false;
};

// For a person to look at: TABULA_SCREENSHOT_DIR=folder keeps a picture of the window.
void keepScreenshot(QWidget *window, const QString &name)
{
    const QString folder = qEnvironmentVariable("TABULA_SCREENSHOT_DIR");
    if (!folder.isEmpty())
        window->grab().save(folder + '/' + name + QStringLiteral(".png"));
}

} // namespace

class TaskProgressTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Another session's lock keeps the Save waiting until Cancel is clicked.
    void cancelSave_data() { Test::addDatabaseRows(); }
    void cancelSave()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                                     "name %TEXT%)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t VALUES (1, 'a'), (2, 'b')"), QString());
        QString error;
        auto window = Test::showMainWindow(locationOf(dbName, *db),
                                           Test::tableNamed(*db, "t").id.displayName(), &error);
        QVERIFY2(window, qPrintable(error));
        TableDocument *doc = window->document();
        TableModel *model = doc->model();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("A")));
        auto other = Test::openAgain(*db);
        if (dbName == QLatin1String("sqlite")) {
            QCOMPARE(Test::exec(*other, "BEGIN IMMEDIATE"), QString());
        } else {
            QCOMPARE(Test::exec(*other, "BEGIN"), QString());
            QCOMPARE(Test::exec(*other, "SELECT * FROM t WHERE id = 1 FOR UPDATE"), QString());
        }

        auto *progress = window->findChild<TaskProgress *>();
        QVERIFY(progress);
        QAction *save = window->findChild<QAction *>(QStringLiteral("actionSave"));
        bool readOnly = true, saveDisabled = true;
        Ticker ticker([doc] { return doc->isSaving(); },
                      [progress] { return progress->cancelButton()->isVisible(); },
                      [&] {
                          readOnly = !(model->flags(model->index(0, 1)) & Qt::ItemIsEditable);
                          saveDisabled = save && !save->isEnabled();
                          keepScreenshot(window.get(), "saving-" + dbName);
                          QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
                      });
        QVERIFY(!window->save()); // returns once the Save is over
        QVERIFY(ticker.acted());
        QVERIFY2(ticker.ticks >= TaskProgress::kShowAfterMs / 20 / 2,
                 qPrintable(QString::number(ticker.ticks)));
        QVERIFY(readOnly);
        QVERIFY(saveDisabled);

        QVERIFY(progress->isHidden());
        QVERIFY2(window->statusBar()->currentMessage().contains("cancelled"),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(!window->lastSaveError());
        QCOMPARE(doc->pendingCount(), 1);
        QCOMPARE(model->data(model->index(0, 1)).toString(), QStringLiteral("A"));
        QVERIFY(model->flags(model->index(0, 1)) & Qt::ItemIsEditable);
        QCOMPARE(Test::exec(*other, "ROLLBACK"), QString());
        QCOMPARE(Test::readRows(*db, "SELECT name FROM t ORDER BY id"),
                 QList<QVariantList>({{"a"}, {"b"}}));
        QVERIFY(window->save());
        QCOMPARE(Test::readRows(*db, "SELECT name FROM t ORDER BY id"),
                 QList<QVariantList>({{"A"}, {"b"}}));
    }

    // A count made long by a filter costly on every row past the first 10,500 (which the
    // window reads and the quick bounded count stop before) runs until Cancel is clicked.
    void cancelCount()
    {
        QString error;
        auto db = Test::openFresh(QStringLiteral("sqlite"), &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"), QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                 "SELECT i + 1 FROM n WHERE i < 14000) SELECT i, 'x' FROM n"),
                 QString());
        auto window = Test::showMainWindow(db->spec().database, "t", &error);
        QVERIFY2(window, qPrintable(error));
        TableModel *model = window->document()->model();
        QVERIFY(model->waitForCount());
        FilterExpression slow;
        slow.setRawWhere("id <= 10500 OR length(hex(zeroblob(id * 0 + 8000000))) > 0");
        window->grid()->showFilter(slow);
        QVERIFY2(window->grid()->filterError().isEmpty(),
                 qPrintable(window->grid()->filterError()));
        QVERIFY(model->isCounting());
        const int shown = model->rowCount();

        auto *progress = window->findChild<TaskProgress *>();
        Ticker ticker([model] { return model->isCounting(); },
                      [progress] { return progress->cancelButton()->isVisible(); },
                      [&] {
                          keepScreenshot(window.get(), QStringLiteral("counting"));
                          QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
                      });
        QTRY_VERIFY_WITH_TIMEOUT(ticker.acted(), 60000);
        QVERIFY(!model->isCounting());
        QVERIFY2(ticker.ticks >= TaskProgress::kShowAfterMs / 20 / 2,
                 qPrintable(QString::number(ticker.ticks)));
        QVERIFY(progress->isHidden());
        QCOMPARE(model->rowCount(), shown);
        QCOMPARE(model->matchingRowCount(), -1);
        QCOMPARE(window->document()->filter().rawWhere(), slow.rawWhere());
        const QString text = rowCountText(*model, true);
        QVERIFY2(text.contains("not counted") && !text.contains("-1"), qPrintable(text));
    }
};

QTEST_MAIN(TaskProgressTest)
#include "tst_taskprogress.moc"
