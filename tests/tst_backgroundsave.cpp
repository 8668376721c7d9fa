// Save on a worker thread (TableDocument::startSave): it writes what save() writes, edits are
// refused while it runs (and accepted again after), and Cancel stops it even while it waits
// for another session's lock: rolled back, nothing written, every edit kept.

#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUndoGroup>

using namespace Tabula;

namespace {

// Rows 1..3, names a, b, c.
bool makeTable(const Database &db)
{
    return Test::exec(db, Test::portable(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, "
                                             "name %TEXT%)"))
               .isEmpty() &&
           Test::exec(db, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')").isEmpty();
}

// The same database, where a Save waits up to two minutes for a lock: a Cancel that ends it
// sooner stopped the statement (or SQLite's wait for the lock) in the database.
std::unique_ptr<Database> openPatient(const Database &db)
{
    ConnectionSpec spec = db.spec();
    spec.busyTimeoutMs = 120000;
    QString error;
    auto patient = Database::open(spec, &error);
    if (!patient)
        qWarning("%s", qPrintable(error));
    return patient;
}

// Whether a session of `watcher`'s database waits for a lock now. SQLite cannot tell: there
// the worker is given a moment to reach its wait (if it has not, Cancel stops it before).
bool someoneWaits(const QString &dbName, const Database &watcher)
{
    QString sql;
    if (Test::isPostgres(dbName))
        sql = QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE NOT granted");
    else if (dbName == QLatin1String("mariadb"))
        sql = QStringLiteral("SELECT COUNT(*) FROM information_schema.processlist "
                             "WHERE info LIKE 'UPDATE%'"); // innodb_trx needs PROCESS
    else
        return QTest::qWait(300), true;
    QSqlQuery query(watcher.connection());
    return query.exec(sql) && query.next() && query.value(0).toInt() > 0;
}

SaveResult waitForSaved(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(60000))
        return {};
    return spy.takeFirst().at(0).value<SaveResult>();
}

// Every kind of edit the grid makes, on `doc`; how many succeeded.
int tryEdits(TableDocument &doc)
{
    TableModel *model = doc.model();
    int accepted = 0;
    accepted += model->setData(model->index(2, 1), QStringLiteral("edited")) ? 1 : 0;
    accepted += (model->flags(model->index(2, 1)) & Qt::ItemIsEditable) ? 1 : 0;
    accepted += model->insertRows(0, 1) ? 1 : 0;
    accepted += doc.insertRow() >= 0 ? 1 : 0;
    accepted += model->deleteRows({2}) ? 1 : 0;
    return accepted;
}

} // namespace

class BackgroundSaveTest : public QObject
{
    Q_OBJECT

private slots:
    // A failed Save frees its statements after the rollback: inside the failed transaction
    // PostgreSQL refuses even that, and Qt warns.
    void init() { QTest::failOnWarning(QRegularExpression("Unable to free statement")); }
    void initTestCase() { qRegisterMetaType<SaveResult>(); }

    void writesEverything_data() { Test::addDatabaseRows(); }
    void writesEverything()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QVERIFY(makeTable(*db));
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("A")));
        doc.deleteRows({1});
        const int row = doc.insertRow();
        QVERIFY(model->setData(model->index(row, 0), 4));
        QVERIFY(model->setData(model->index(row, 1), QStringLiteral("d")));

        QSignalSpy saved(&doc, &TableDocument::saved);
        QVERIFY(doc.startSave());
        const SaveResult result = waitForSaved(saved);
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(result.updated, 1);
        QCOMPARE(result.deleted, 1);
        QCOMPARE(result.inserted, 1);
        QCOMPARE(doc.pendingCount(), 0);
        QVERIFY(!doc.undoStack()->canUndo());
        QCOMPARE(Test::readRows(*db, "SELECT id, name FROM t ORDER BY id"),
                 QList<QVariantList>({{1, "A"}, {3, "c"}, {4, "d"}}));
        QCOMPARE(model->data(model->index(0, 1)).toString(), QStringLiteral("A"));
    }

    // Edits are refused while the worker reads the change set; the control: the same edits
    // are accepted before and after.
    void editsRefusedWhileSaving_data() { Test::addDatabaseRows(); }
    void editsRefusedWhileSaving()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QVERIFY(makeTable(*db));
        auto patient = openPatient(*db);
        QVERIFY(patient);
        TableDocument doc(*patient, Test::tableNamed(*patient, "t"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("A")));
        auto other = Test::openAgain(*db);
        holdLock(dbName, *other);

        // The window's Edit > Undo is its undo group's action.
        QUndoGroup group;
        group.addStack(doc.undoStack());
        group.setActiveStack(doc.undoStack());
        QAction *undo = group.createUndoAction(&group);
        QVERIFY(undo->isEnabled());

        QSignalSpy saved(&doc, &TableDocument::saved);
        QVERIFY(doc.startSave());
        QVERIFY(doc.isSaving());
        QCOMPARE(tryEdits(doc), 0);
        QVERIFY(!undo->isEnabled());
        doc.revert();
        QVERIFY(!doc.startSave());
        QVERIFY(!model->saveChanges().ok);
        QCOMPARE(doc.pendingCount(), 1);

        QCOMPARE(Test::exec(*other, "ROLLBACK"), QString());
        const SaveResult result = waitForSaved(saved);
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QVERIFY(!doc.isSaving());
        QCOMPARE(tryEdits(doc), 5);
        QVERIFY(undo->isEnabled());
    }

    void cancelKeepsEverything_data() { Test::addDatabaseRows(); }
    void cancelKeepsEverything()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QVERIFY(makeTable(*db));
        auto patient = openPatient(*db);
        QVERIFY(patient);
        TableDocument doc(*patient, Test::tableNamed(*patient, "t"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(1, 1), QStringLiteral("B")));
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("A")));
        doc.deleteRows({2});
        const int undoSteps = doc.undoStack()->count();
        auto other = Test::openAgain(*db);
        holdLock(dbName, *other);
        auto watcher = Test::openAgain(*db);

        QSignalSpy saved(&doc, &TableDocument::saved);
        QVERIFY(doc.startSave());
        // The Save waits for the lock (two minutes at most) when it is cancelled.
        QTRY_VERIFY_WITH_TIMEOUT(someoneWaits(dbName, *watcher), 30000);
        doc.cancelSave();
        const SaveResult cancelled = waitForSaved(saved);
        QVERIFY(!cancelled.ok);
        QVERIFY2(cancelled.error.cancelled, qPrintable(cancelled.error.message));
        QCOMPARE(doc.pendingCount(), 3);
        QCOMPARE(doc.undoStack()->count(), undoSteps);
        QCOMPARE(model->data(model->index(0, 1)).toString(), QStringLiteral("A"));

        QCOMPARE(Test::exec(*other, "ROLLBACK"), QString());
        QCOMPARE(Test::readRows(*db, "SELECT id, name FROM t ORDER BY id"),
                 QList<QVariantList>({{1, "a"}, {2, "b"}, {3, "c"}}));
        QVERIFY(doc.startSave());
        const SaveResult again = waitForSaved(saved);
        QVERIFY2(again.ok, qPrintable(again.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT id, name FROM t ORDER BY id"),
                 QList<QVariantList>({{1, "A"}, {2, "B"}}));
    }

private:
    // Another session holds a write lock on row 1 (SQLite: on the whole file).
    static void holdLock(const QString &dbName, const Database &other)
    {
        if (dbName == QLatin1String("sqlite")) {
            QCOMPARE(Test::exec(other, "BEGIN IMMEDIATE"), QString());
            return;
        }
        QCOMPARE(Test::exec(other, "BEGIN"), QString());
        QCOMPARE(Test::exec(other, "SELECT * FROM t WHERE id = 1 FOR UPDATE"), QString());
    }
};

QTEST_MAIN(BackgroundSaveTest) // QAction (the undo group's) needs a QGuiApplication
#include "tst_backgroundsave.moc"
