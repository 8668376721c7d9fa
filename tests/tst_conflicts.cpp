#include "database.h"
#include "savejob.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QTest>

using namespace Tabula;

// Optimistic concurrency: Save writes a cell only where the row still holds the value it
// had when Tabula loaded it. Another program's change to a column this Save writes is a
// conflict (reported, nothing written, every edit kept); a change to a column it does not
// write is no conflict at all.
class ConflictsTest : public QObject
{
    Q_OBJECT

    static void makeUsers(const Database &db)
    {
        QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, "
                                                   "name %TEXT%, status %TEXT%, age INTEGER)")),
                 QString());
        QStringList values;
        for (int id = 1; id <= 6; ++id)
            values << QStringLiteral("(%1, 'user %1', 'inactive', %2)").arg(id).arg(20 + id);
        QCOMPARE(Test::exec(db, "INSERT INTO users VALUES " + values.join(", ")), QString());
    }

    static QVariant cell(const Database &db, const QString &column, int id)
    {
        return Test::readRows(
                   db, QStringLiteral("SELECT %1 FROM users WHERE id = %2").arg(column).arg(id))
            .value(0)
            .value(0);
    }

    static int bulk(TableDocument &doc, const QString &column, BulkEdit edit)
    {
        edit.column = doc.schema().columnIndex(column);
        return doc.applyBulkEdit(doc.planBulkEdit(edit));
    }

    static BulkEdit value(const QVariant &v)
    {
        BulkEdit edit;
        edit.value = v;
        return edit;
    }

    static void editName(TableDocument &doc, int id, const QString &name)
    {
        TableModel *model = doc.model();
        const int row = model->rowForKey(RowKey::stored({id}));
        QVERIFY(row >= 0);
        QVERIFY(model->setData(model->index(row, doc.schema().columnIndex("name")), name));
    }

private slots:
    void cellChangedByOtherIsAConflict_data() { Test::addDatabaseRows(); }
    void cellChangedByOtherIsAConflict()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        editName(doc, 2, "mine");
        editName(doc, 3, "also mine");
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE users SET name = 'theirs' WHERE id = 2"), QString());

        const SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY(result.error.conflict);
        QCOMPARE(result.error.rowText, QStringLiteral("id = 2"));
        QCOMPARE(result.error.column, QStringLiteral("name"));
        QVERIFY2(result.error.message.contains("'theirs'") &&
                     result.error.message.contains("'user 2'"),
                 qPrintable(result.error.message));
        QCOMPARE(cell(*db, "name", 2).toString(), QStringLiteral("theirs")); // not overwritten
        QCOMPARE(cell(*db, "name", 3).toString(), QStringLiteral("user 3")); // nothing written
        QCOMPARE(doc.pendingCount(), 2);                                     // nothing lost
    }

    // The control: their change to a column this Save does not write is kept, and is no
    // conflict, for a cell edit and for a bulk edit alike.
    void otherColumnChangedIsNoConflict_data() { Test::addDatabaseRows(); }
    void otherColumnChangedIsNoConflict()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        editName(doc, 2, "mine");
        QCOMPARE(bulk(doc, "status", value(QStringLiteral("active"))), 6);
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE users SET age = 99 WHERE id IN (2, 4)"), QString());

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(cell(*db, "name", 2).toString(), QStringLiteral("mine"));
        QCOMPARE(cell(*db, "age", 2).toInt(), 99);
        QCOMPARE(cell(*db, "age", 4).toInt(), 99);
        QCOMPARE(Test::readRows(*db, "SELECT COUNT(*) FROM users WHERE status = 'active'")
                     .value(0)
                     .value(0)
                     .toInt(),
                 6);
    }

    // A bulk edit is one edit per row for this: their change to one of its rows stops the
    // whole Save, and the row is named.
    void bulkRowChangedByOtherIsAConflict_data() { Test::addDatabaseRows(); }
    void bulkRowChangedByOtherIsAConflict()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        QCOMPARE(bulk(doc, "status", value(QStringLiteral("active"))), 6);
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE users SET status = 'pending' WHERE id = 4"), QString());

        const SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY(result.error.conflict);
        QCOMPARE(result.error.rowText, QStringLiteral("id = 4"));
        QCOMPARE(result.error.column, QStringLiteral("status"));
        QCOMPARE(cell(*db, "status", 4).toString(), QStringLiteral("pending"));
        QCOMPARE(cell(*db, "status", 1).toString(), QStringLiteral("inactive"));
        QCOMPARE(doc.pendingCount(), 6);
    }

    // An expression edit: each row has its own loaded and new value; each is checked.
    void expressionRowChangedByOtherIsAConflict_data() { Test::addDatabaseRows(); }
    void expressionRowChangedByOtherIsAConflict()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        BulkEdit edit;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("age + 1");
        QCOMPARE(bulk(doc, "age", edit), 6);
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE users SET age = 50 WHERE id = 5"), QString());

        SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY(result.error.conflict);
        QCOMPARE(result.error.rowText, QStringLiteral("id = 5"));
        QCOMPARE(cell(*db, "age", 1).toInt(), 21);
        QCOMPARE(cell(*db, "age", 5).toInt(), 50);

        // Their value put back: the same Save goes through, each row from its own value.
        QCOMPARE(Test::exec(*other, "UPDATE users SET age = 25 WHERE id = 5"), QString());
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        for (int id = 1; id <= 6; ++id)
            QCOMPARE(cell(*db, "age", id).toInt(), 21 + id);
    }

    // A pending delete of a row someone changed since it was loaded is a conflict too: the
    // row is not deleted unseen. Their change to another row is no conflict (the control).
    void deleteOfChangedRowIsAConflict_data() { Test::addDatabaseRows(); }
    void deleteOfChangedRowIsAConflict()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        doc.deleteRows(
            {model->rowForKey(RowKey::stored({2})), model->rowForKey(RowKey::stored({3}))});
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE users SET age = 77 WHERE id = 3"), QString());
        QCOMPARE(Test::exec(*other, "UPDATE users SET age = 88 WHERE id = 5"), QString());

        SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY(result.error.conflict);
        QCOMPARE(result.error.rowText, QStringLiteral("id = 3"));
        QCOMPARE(result.error.column, QStringLiteral("age"));
        QCOMPARE(Test::readRows(*db, "SELECT COUNT(*) FROM users").value(0).value(0).toInt(), 6);
        QCOMPARE(doc.pendingCount(), 2);

        QCOMPARE(Test::exec(*other, "UPDATE users SET age = 23 WHERE id = 3"), QString());
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT COUNT(*) FROM users").value(0).value(0).toInt(), 4);
    }

    // A float4 read as a double, or a timestamp read to the millisecond, does not compare
    // equal in SQL to what the server holds: such columns are read back and compared as read.
    // Neither a false conflict when nothing changed, nor a missed one when something did.
    void inexactColumnsAreComparedAsRead_data() { Test::addDatabaseRows(); }
    void inexactColumnsAreComparedAsRead()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, "CREATE TABLE scores (id INTEGER PRIMARY KEY, score REAL)"),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO scores VALUES (1, 1.1), (2, 2.2), (3, 3.3)"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "scores"));
        QVERIFY(doc.refresh());
        BulkEdit edit;
        edit.column = 1;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("score * 2");
        QCOMPARE(doc.applyBulkEdit(doc.planBulkEdit(edit)), 3);
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "UPDATE scores SET score = 9.5 WHERE id = 2"), QString());
        SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY(result.error.conflict);
        QCOMPARE(result.error.rowText, QStringLiteral("id = 2"));

        QCOMPARE(Test::exec(*other, "UPDATE scores SET score = 2.2 WHERE id = 2"), QString());
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT COUNT(*) FROM scores WHERE score > 4")
                     .value(0)
                     .value(0)
                     .toInt(),
                 2);
    }
};

QTEST_GUILESS_MAIN(ConflictsTest)
#include "tst_conflicts.moc"
