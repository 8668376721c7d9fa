// PostgreSQL-compatible engines (CockroachDB, YugabyteDB, PostgreSQL at SERIALIZABLE) fail a
// transaction with SQLSTATE 40001 (serialization) or 40P01 (deadlock) and expect the client
// to run it again. Save does, a few times with a pause; when the failures go on it reports the
// database as busy and keeps every edit. Other errors are not retried.
//
// The failures are forced by a statement trigger that raises the SQLSTATE while a sequence,
// which a rollback does not reset, is below a limit: each attempt of Save draws one number.

#include "savejob.h"
#include "tabledocument.h"
#include "tablemodel.h"
#include "testdatabases.h"

#include <QRegularExpression>
#include <QTest>

using namespace Tabula;

class SerializationTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_doc;

    // The first `failures` UPDATE statements on t fail with `sqlstate`.
    void failUpdates(int failures, const QString &sqlstate)
    {
        QCOMPARE(Test::exec(*m_db, "DROP TRIGGER IF EXISTS t_fail ON t"), QString());
        QCOMPARE(Test::exec(*m_db, "DROP SEQUENCE IF EXISTS attempts"), QString());
        QCOMPARE(Test::exec(*m_db, "CREATE SEQUENCE attempts"), QString());
        QCOMPARE(Test::exec(*m_db, QStringLiteral(
                                       "CREATE OR REPLACE FUNCTION fail_first() RETURNS trigger "
                                       "LANGUAGE plpgsql AS $$ BEGIN "
                                       "IF nextval('attempts') <= %1 THEN "
                                       "RAISE EXCEPTION 'forced failure' USING ERRCODE = '%2'; "
                                       "END IF; RETURN NULL; END $$")
                                       .arg(failures)
                                       .arg(sqlstate)),
                 QString());
        QCOMPARE(Test::exec(*m_db, "CREATE TRIGGER t_fail BEFORE UPDATE ON t "
                                   "FOR EACH STATEMENT EXECUTE FUNCTION fail_first()"),
                 QString());
    }
    qint64 attempts() const
    {
        return Test::readRows(*m_db, "SELECT last_value FROM attempts")
            .value(0)
            .value(0)
            .toLongLong();
    }
    qint64 logged() const
    {
        return Test::readRows(*m_db, "SELECT COUNT(*) FROM log").value(0).value(0).toLongLong();
    }
    QVariant committedName() const
    {
        return Test::readRows(*m_db, "SELECT name FROM t WHERE id = 1").value(0).value(0);
    }
    void editName(const QString &name)
    {
        TableModel *model = m_doc->model();
        QVERIFY(model->setData(model->index(0, 1), name));
        QCOMPARE(m_doc->pendingCount(), 1);
    }

private slots:
    void initTestCase_data() { Test::addServerRows({QStringLiteral("postgresql")}); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        // Every committed UPDATE of a row leaves one line in log: written once, not per try.
        const QStringList setup{
            "CREATE TABLE t (id integer PRIMARY KEY, name text)",
            "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
            "CREATE TABLE log (id integer)",
            "CREATE FUNCTION log_update() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN INSERT INTO log VALUES (NEW.id); RETURN NEW; END $$",
            "CREATE TRIGGER t_log AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION log_update()",
        };
        for (const QString &sql : setup)
            QCOMPARE(Test::exec(*m_db, sql), QString());
        m_doc = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, "t"));
        QVERIFY(m_doc->refresh());
    }
    void cleanup()
    {
        m_doc.reset();
        m_db.reset();
    }

    void aSerializationFailureIsRetriedAndWritesOnce()
    {
        failUpdates(2, "40001");
        editName("A");
        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
        QCOMPARE(attempts(), 3); // failed, failed, written
        QCOMPARE(committedName(), QVariant("A"));
        QCOMPARE(logged(), 1);
        QCOMPARE(m_doc->pendingCount(), 0);
    }

    void aDeadlockIsRetried()
    {
        failUpdates(1, "40P01");
        editName("A");
        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
        QCOMPARE(attempts(), 2);
        QCOMPARE(committedName(), QVariant("A"));
        QCOMPARE(logged(), 1);
    }

    void failuresThatGoOnAreReportedBusyAndKeepEveryEdit()
    {
        failUpdates(1000, "40001");
        editName("A");
        const SaveResult busy = m_doc->save();
        QVERIFY(!busy.ok);
        QVERIFY2(busy.error.busy, qPrintable(busy.error.message));
        QVERIFY2(busy.error.message.contains("busy"), qPrintable(busy.error.message));
        QCOMPARE(attempts(), SaveJob::kRetries + 1); // tried, then gave up
        QCOMPARE(committedName(), QVariant("a"));
        QCOMPARE(logged(), 0);
        QCOMPARE(m_doc->pendingCount(), 1);
        QCOMPARE(m_doc->model()->index(0, 1).data().toString(), QString("A"));

        // When the other side is done, Save again goes through.
        QCOMPARE(Test::exec(*m_db, "DROP TRIGGER t_fail ON t"), QString());
        const SaveResult saved = m_doc->save();
        QVERIFY2(saved.ok, qPrintable(saved.error.describe(m_doc->schema().id)));
        QCOMPARE(committedName(), QVariant("A"));
        QCOMPARE(logged(), 1);
    }

    // Control: the same trigger with another SQLSTATE fails at once, without retrying.
    void otherErrorsAreNotRetried()
    {
        failUpdates(1000, "23514");
        editName("A");
        const SaveResult failed = m_doc->save();
        QVERIFY(!failed.ok);
        QVERIFY(!failed.error.busy);
        QVERIFY2(failed.error.message.contains("forced failure"), qPrintable(failed.error.message));
        QCOMPARE(attempts(), 1);
        QCOMPARE(m_doc->pendingCount(), 1);
    }
};

QTEST_GUILESS_MAIN(SerializationTest)
#include "tst_serialization.moc"
