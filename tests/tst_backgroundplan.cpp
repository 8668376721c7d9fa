#include "backgroundplan.h"
#include "database.h"
#include "tabledocument.h"
#include "tablemodel.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

// A bulk edit's rows read on a worker connection (BackgroundPlan, TableDocument::
// startBulkPlan): the same plan as reading them on the window's connection, and a read that
// goes on for long is stopped in the database by cancel().
class BackgroundPlanTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;

    static BulkEdit statusEdit()
    {
        BulkEdit edit;
        edit.column = 1;
        edit.value = QStringLiteral("active");
        return edit;
    }

private slots:
    void initTestCase_data() { Test::addDatabaseRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, "CREATE TABLE users (id %PK%, "
                                                         "status %TEXT%)")),
                 QString());
        QStringList values;
        for (int i = 0; i < 3000; ++i)
            values << (i % 3 == 0 ? QStringLiteral("('inactive')") : QStringLiteral("('x')"));
        QCOMPARE(Test::exec(*m_db, "INSERT INTO users (status) VALUES " + values.join(',')),
                 QString());
    }
    void cleanup() { m_db.reset(); }

    void theWorkerPlansWhatTheWindowWould()
    {
        TableDocument doc(*m_db, Test::tableNamed(*m_db, "users"));
        QVERIFY(doc.refresh());
        // A pending edit the plan must see: row 0 already shows "active".
        QVERIFY(doc.model()->setData(doc.model()->index(0, 1), QStringLiteral("active")));
        const BulkEditPlan direct = doc.planBulkEdit(statusEdit());
        QVERIFY2(direct.ok(), qPrintable(direct.error));
        QSignalSpy planned(&doc, &TableDocument::bulkPlanned);
        doc.startBulkPlan(statusEdit());
        QVERIFY(doc.isPlanning());
        QVERIFY(planned.wait(20000));
        const auto plan = planned.first().first().value<BulkEditPlan>();
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.rowsInScope, 3000);
        QCOMPARE(plan.changes.size(), direct.changes.size());
        QCOMPARE(plan.changes.size(), qsizetype(2999));
        for (qsizetype i = 0; i < plan.changes.size(); i += 97) {
            QCOMPARE(plan.changes.at(i).key, direct.changes.at(i).key);
            QCOMPARE(plan.changes.at(i).original, direct.changes.at(i).original);
        }
        QCOMPARE(doc.applyBulkEdit(plan), 2999);
    }

    // A refusal known before any read comes at once, without a worker.
    void aRefusedEditIsSaidAtOnce()
    {
        TableDocument doc(*m_db, Test::tableNamed(*m_db, "users"));
        QVERIFY(doc.refresh());
        QSignalSpy planned(&doc, &TableDocument::bulkPlanned);
        BulkEdit edit = statusEdit();
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("random_write()");
        doc.startBulkPlan(edit);
        QCOMPARE(planned.size(), 1);
        QVERIFY(!planned.first().first().value<BulkEditPlan>().ok());
        QVERIFY(!doc.isPlanning());
    }

    // cancel() stops a long read in the database; the plan is not delivered. Control: the
    // same read is still going after a second without it.
    void cancelStopsALongRead()
    {
        const TableSchema schema = m_db->schema(Test::tableNamed(*m_db, "users"));
        PlanQueries queries;
        queries.column = 1;
        queries.literal = QStringLiteral("active");
        // MariaDB stops recursion at 1000 iterations by default: there, 10 ms a row.
        const bool mariadb = m_db->dialect().kind() == DatabaseKind::MySQL;
        queries.selects << SqlFragment{
            mariadb ? QStringLiteral("SELECT id, status FROM users WHERE SLEEP(0.01) = 1")
                    : QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                     "FROM c WHERE x < 200000000) SELECT x, CAST(x AS CHAR(20)) "
                                     "FROM c WHERE x = 0"),
            {}};
        ChangeSet changes;
        QElapsedTimer timer;
        {
            BackgroundPlan plan(*m_db);
            QSignalSpy finished(&plan, &BackgroundPlan::finished);
            plan.start(schema, changes, queries, {});
            QTest::qWait(1000);
            QVERIFY2(plan.isRunning() && finished.isEmpty(), "the read was not long enough");
            timer.start();
            plan.cancel();
            QVERIFY(!plan.isRunning());
        } // waits for the worker
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(BackgroundPlanTest)
#include "tst_backgroundplan.moc"
