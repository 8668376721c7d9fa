#include "database.h"
#include "savejob.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QSqlQuery>
#include <QTest>

using namespace Tabula;

// Rows set to the same values (a bulk edit) or deleted together are written by statements
// naming many keys at once. These tests hold Save to the same promises there as row by row:
// every row written, and on failure nothing written and the failing row named.
class GroupedSaveTest : public QObject
{
    Q_OBJECT

    static void makeUsers(const Database &db, int rows)
    {
        QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, "
                                                   "email %TEXT% UNIQUE, status %TEXT%)")),
                 QString());
        for (int first = 1; first <= rows; first += 250) {
            QStringList values;
            for (int id = first; id < first + 250 && id <= rows; ++id)
                values << QStringLiteral("(%1, 'u%1@example.com', 'inactive')").arg(id);
            QCOMPARE(Test::exec(db, "INSERT INTO users VALUES " + values.join(", ")), QString());
        }
    }

    static int count(const Database &db, const QString &where)
    {
        return Test::readRows(db, "SELECT COUNT(*) FROM users WHERE " + where)
            .value(0)
            .value(0)
            .toInt();
    }

    static int bulkSet(TableDocument &doc, const QString &column, const QVariant &value)
    {
        BulkEdit edit;
        edit.column = doc.schema().columnIndex(column);
        edit.value = value;
        return doc.applyBulkEdit(doc.planBulkEdit(edit));
    }

private slots:
    // More rows than one statement names: full chunks and a remainder.
    void bulkEditWritesEveryRow_data() { Test::addDatabaseRows(); }
    void bulkEditWritesEveryRow()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const int rows = 2 * SaveJob::kGroupSize + 17;
        makeUsers(*db, rows);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        QCOMPARE(bulkSet(doc, "status", QStringLiteral("active")), rows);
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(result.updated, rows);
        QCOMPARE(count(*db, "status = 'active'"), rows);
        QVERIFY(!doc.isModified());
    }

    // A grouped statement that the database refuses says nothing about which row: Save tries
    // again row by row and names it, and nothing is written.
    void failingGroupNamesTheRow_data() { Test::addDatabaseRows(); }
    void failingGroupNamesTheRow()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db, 5);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        QCOMPARE(bulkSet(doc, "email", QStringLiteral("same@example.com")), 5);
        const SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.key.isValid(), qPrintable(result.error.message));
        QVERIFY(result.error.rowText.startsWith(QLatin1String("id = ")));
        QCOMPARE(result.error.column, QStringLiteral("email"));
        QVERIFY(!result.error.message.isEmpty());
        QCOMPARE(count(*db, "email = 'same@example.com'"), 0);
        QCOMPARE(doc.pendingCount(), 5);
        QCOMPARE(doc.model()->failedRow(), result.error.key);
    }

    // A row another program deleted makes the grouped UPDATE touch one row too few.
    void rowGoneFromGroupIsNamed_data() { Test::addDatabaseRows(); }
    void rowGoneFromGroupIsNamed()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db, 6);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        QCOMPARE(bulkSet(doc, "status", QStringLiteral("active")), 6);
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "DELETE FROM users WHERE id = 4"), QString());
        const SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QCOMPARE(result.error.rowText, QStringLiteral("id = 4"));
        QVERIFY(result.error.message.contains(QLatin1String("not found")));
        QCOMPARE(count(*db, "status = 'active'"), 0);
        QCOMPARE(doc.pendingCount(), 6);
    }

    void deletesTogether_data() { Test::addDatabaseRows(); }
    void deletesTogether()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const int rows = SaveJob::kGroupSize + 3;
        makeUsers(*db, rows + 10);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        while (doc.model()->canFetchMore())
            doc.model()->fetchMore();
        QList<int> toDelete;
        for (int row = 0; row < rows; ++row)
            toDelete << row;
        doc.deleteRows(toDelete);
        QCOMPARE(doc.pendingCount(), rows);
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(result.deleted, rows);
        QCOMPARE(count(*db, "1 = 1"), 10);
    }

    // Composite keys are matched as row values: (a, b) IN ((?, ?), ...).
    void compositeKeys_data() { Test::addDatabaseRows(); }
    void compositeKeys()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE pairs (a INTEGER NOT NULL, "
                                                     "b %TEXT% NOT NULL, v INTEGER, "
                                                     "PRIMARY KEY (a, b))")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO pairs VALUES (1, 'x', 0), (1, 'y', 0), "
                                 "(2, 'x', 0), (2, 'y', 5)"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "pairs"));
        QVERIFY(doc.refresh());
        BulkEdit edit;
        edit.column = doc.schema().columnIndex("v");
        edit.value = qlonglong(9);
        QCOMPARE(doc.applyBulkEdit(doc.planBulkEdit(edit)), 4);
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(
            Test::readRows(*db, "SELECT COUNT(*) FROM pairs WHERE v = 9").value(0).value(0).toInt(),
            4);
    }

    // PostgreSQL plans a statement for the values bound to it unless told otherwise, and
    // estimates each of the up to 50,000 keys bound as one array (~25 ms a statement). Save's
    // statements are planned generically, and that setting ends with Save's transaction:
    // nothing stays on the session, which a pooling proxy hands to someone else next.
    void saveIsPlannedGenericallyAndLeavesTheSession_data()
    {
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void saveIsPlannedGenericallyAndLeavesTheSession()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db, 3);
        QCOMPARE(Test::exec(*db, "CREATE TABLE plan_modes (mode text)"), QString());
        QCOMPARE(Test::exec(*db, "CREATE FUNCTION note_plan_mode() RETURNS trigger "
                                 "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO plan_modes "
                                 "VALUES (current_setting('plan_cache_mode')); "
                                 "RETURN NEW; END $$"),
                 QString());
        QCOMPARE(Test::exec(*db, "CREATE TRIGGER noted BEFORE UPDATE ON users FOR EACH ROW "
                                 "EXECUTE FUNCTION note_plan_mode()"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        QCOMPARE(bulkSet(doc, "status", QStringLiteral("active")), 3);
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(Test::readRows(*db, "SELECT mode, COUNT(*) FROM plan_modes GROUP BY mode"),
                 (QList<QVariantList>{{QStringLiteral("force_generic_plan"), 3}}));
        QSqlQuery show(db->connection());
        QVERIFY(show.exec(QStringLiteral("SHOW plan_cache_mode")) && show.next());
        QCOMPARE(show.value(0).toString(), QStringLiteral("auto"));
    }
};

QTEST_GUILESS_MAIN(GroupedSaveTest)
#include "tst_groupedsave.moc"
