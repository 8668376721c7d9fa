#include "changejournal.h"
#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Name,
    Status,
    Age
};

QVariant cell(const Database &db, const QString &column, int id)
{
    return Test::readRows(db,
                          QStringLiteral("SELECT %1 FROM users WHERE id = %2").arg(column).arg(id))
        .value(0)
        .value(0);
}

int rowCount(const Database &db)
{
    return Test::readRows(db, "SELECT COUNT(*) FROM users").value(0).value(0).toInt();
}

QVariant shown(TableDocument &doc, int id, int column)
{
    TableModel *model = doc.model();
    return model->index(model->locate(RowKey::stored({id})), column).data();
}

// A conflict as text, to compare lists in one go: "2 name: 'user 2' -> 'theirs 2', mine
// 'mine 2'".
QString describe(const TableSchema &schema, const Conflict &c)
{
    const QString row = describeKey(schema, c.key);
    if (c.theirsDeleted)
        return row + (c.mineDeleted ? " deleted by both" : " deleted by them");
    return QStringLiteral("%1 %2: %3 -> %4, %5")
        .arg(row, schema.columns.at(c.column).name, c.loaded.toString(), c.theirs.toString(),
             c.mineDeleted ? QStringLiteral("mine deleted") : "mine " + c.mine.toString());
}

QStringList describeAll(const TableSchema &schema, const QVector<Conflict> &conflicts)
{
    QStringList all;
    for (const Conflict &c : conflicts)
        all << describe(schema, c);
    all.sort();
    return all;
}

// The change set's content, to tell whether two are the same.
QStringList dump(const ChangeSet::Snapshot &s)
{
    QStringList lines;
    for (auto it = s.stored.cbegin(); it != s.stored.cend(); ++it) {
        QString line = it.key().values().value(0).toString() + (it->deleted ? " deleted" : "");
        for (auto v = it->edits.cbegin(); v != it->edits.cend(); ++v)
            line += QStringLiteral(" e%1=%2").arg(v.key()).arg(v.value().toString());
        for (auto v = it->originals.cbegin(); v != it->originals.cend(); ++v)
            line += QStringLiteral(" o%1=%2").arg(v.key()).arg(v.value().toString());
        lines << line;
    }
    lines.sort();
    for (const ChangeSet::Bulk &bulk : s.bulk) {
        for (qsizetype i = 0; i < bulk->size(); ++i)
            lines << QStringLiteral("bulk %1 %2: %3 -> %4")
                         .arg(bulk->column)
                         .arg(bulk->keys.at(i).values().value(0).toString(),
                              bulk->loaded.at(i).toString(), bulk->next.at(i).toString());
    }
    return lines;
}

} // namespace

// After a Save failed on a conflict, every conflict is found (not just the first), and the
// user's choice for each (keep mine, take theirs) is applied as one undo step; Save then goes
// through. No update is lost silently, and no conflict is reported where there is none.
class ConflictResolutionTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Database> m_db;
    std::unique_ptr<Database> m_other;
    std::unique_ptr<TableDocument> m_doc;

    void makeUsers(int count)
    {
        QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, "CREATE TABLE users (id INTEGER PRIMARY "
                                                         "KEY, name %TEXT%, status %TEXT%, "
                                                         "age INTEGER)")),
                 QString());
        for (int first = 1; first <= count; first += 500) {
            QStringList values;
            for (int id = first; id < first + 500 && id <= count; ++id)
                values << QStringLiteral("(%1, 'user %1', 'inactive', %2)").arg(id).arg(20 + id);
            QCOMPARE(Test::exec(*m_db, "INSERT INTO users VALUES " + values.join(", ")), QString());
        }
        m_doc = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, "users"));
        QVERIFY(m_doc->refresh());
        m_other = Test::openAgain(*m_db);
    }

    void edit(int id, int column, const QVariant &value)
    {
        TableModel *model = m_doc->model();
        const int row = model->rowForKey(RowKey::stored({id}));
        QVERIFY(row >= 0);
        QVERIFY(model->setData(model->index(row, column), value));
    }

    void theyRun(const QString &sql) { QCOMPARE(Test::exec(*m_other, sql), QString()); }

    // Every kind at once: cell edits (one in conflict, one whose row they changed in a
    // column it does not write), a bulk edit of every row (one row in conflict, one they
    // changed elsewhere), a delete of a row they changed, an edit of a row they deleted.
    void makeConflicts()
    {
        makeUsers(6);
        edit(2, Name, QStringLiteral("mine 2"));
        edit(3, Name, QStringLiteral("mine 3"));
        BulkEdit bulk;
        bulk.column = Status;
        bulk.value = QStringLiteral("active");
        QCOMPARE(m_doc->applyBulkEdit(m_doc->planBulkEdit(bulk)), 6);
        m_doc->deleteRows({m_doc->model()->rowForKey(RowKey::stored({5}))});
        edit(6, Name, QStringLiteral("mine 6"));
        theyRun("UPDATE users SET name = 'theirs 2' WHERE id = 2");
        theyRun("UPDATE users SET age = 99 WHERE id IN (1, 3)"); // not written: no conflict
        theyRun("UPDATE users SET status = 'pending' WHERE id = 4");
        theyRun("UPDATE users SET age = 55 WHERE id = 5");
        theyRun("DELETE FROM users WHERE id = 6");
    }

    QVector<Conflict> failedSaveConflicts()
    {
        const SaveResult result = m_doc->save();
        [&] {
            QVERIFY(!result.ok);
            QVERIFY2(result.error.conflict, qPrintable(result.error.message));
        }();
        QVector<Conflict> conflicts;
        QString error;
        [&] { QVERIFY2(m_doc->collectConflicts(&conflicts, &error), qPrintable(error)); }();
        return conflicts;
    }

    void resolveAll(const QVector<Conflict> &conflicts, Resolution choice)
    {
        m_doc->applyResolutions(conflicts, QVector<Resolution>(conflicts.size(), choice));
    }

private slots:
    void cleanup()
    {
        m_doc.reset();
        m_other.reset();
        m_db.reset();
    }

    void everyConflictIsFound_data() { Test::addDatabaseRows(); }
    void everyConflictIsFound()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        makeConflicts();
        const QVector<Conflict> conflicts = failedSaveConflicts();
        QCOMPARE(describeAll(m_doc->schema(), conflicts),
                 QStringList({"id = 2 name: user 2 -> theirs 2, mine mine 2",
                              "id = 4 status: inactive -> pending, mine active",
                              "id = 5 age: 25 -> 55, mine deleted", "id = 6 deleted by them"}));
        // A read-only pass: nothing is held, another session writes at once.
        theyRun("UPDATE users SET age = 1 WHERE id = 2");
        QCOMPARE(m_doc->pendingCount(), 2 + 1 + 5 + 1); // nothing pending was touched
    }

    // The control: with nothing changed by them, there is nothing to report.
    void noConflictWhereThereIsNone_data() { Test::addDatabaseRows(); }
    void noConflictWhereThereIsNone()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        makeUsers(6);
        edit(2, Name, QStringLiteral("mine 2"));
        BulkEdit bulk;
        bulk.column = Status;
        bulk.value = QStringLiteral("active");
        QCOMPARE(m_doc->applyBulkEdit(m_doc->planBulkEdit(bulk)), 6);
        m_doc->deleteRows({m_doc->model()->rowForKey(RowKey::stored({5}))});
        theyRun("UPDATE users SET age = 99"); // a column this Save does not write
        QVector<Conflict> conflicts;
        QString error;
        QVERIFY2(m_doc->collectConflicts(&conflicts, &error), qPrintable(error));
        QCOMPARE(describeAll(m_doc->schema(), conflicts),
                 QStringList({"id = 5 age: 25 -> 99, mine deleted"}));
    }

    void keepMineThenSaveWritesMine_data() { Test::addDatabaseRows(); }
    void keepMineThenSaveWritesMine()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        makeConflicts();
        const QVector<Conflict> conflicts = failedSaveConflicts();
        QCOMPARE(conflicts.size(), 4);
        const int undoSteps = m_doc->undoStack()->count();
        resolveAll(conflicts, Resolution::KeepMine);
        QCOMPARE(m_doc->undoStack()->count(), undoSteps + 1);
        // Row 6 is gone: keeping mine is impossible, its edits are dropped (name, status).
        QCOMPARE(m_doc->pendingCount(), 2 + 4 + 1);

        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
        QCOMPARE(cell(*m_db, "name", 2).toString(), QStringLiteral("mine 2"));
        QCOMPARE(cell(*m_db, "name", 3).toString(), QStringLiteral("mine 3"));
        QCOMPARE(cell(*m_db, "age", 3).toInt(), 99); // theirs, in a column not written
        QCOMPARE(cell(*m_db, "status", 4).toString(), QStringLiteral("active"));
        QCOMPARE(Test::readRows(*m_db, "SELECT id FROM users WHERE status = 'active' ORDER BY id"),
                 QList<QVariantList>({{1}, {2}, {3}, {4}}));
        QCOMPARE(rowCount(*m_db), 4); // 5 deleted as I asked, 6 deleted by them
    }

    void takeTheirsShowsTheirsAndWritesNothing_data() { Test::addDatabaseRows(); }
    void takeTheirsShowsTheirsAndWritesNothing()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        makeConflicts();
        resolveAll(failedSaveConflicts(), Resolution::TakeTheirs);
        QCOMPARE(shown(*m_doc, 2, Name).toString(), QStringLiteral("theirs 2"));
        QCOMPARE(shown(*m_doc, 4, Status).toString(), QStringLiteral("pending"));
        QCOMPARE(shown(*m_doc, 5, Age).toInt(), 55);
        QVERIFY(!m_doc->changes()->isDeleted(RowKey::stored({5})));
        QCOMPARE(m_doc->model()->rowForKey(RowKey::stored({6})), -1);
        // Left: name of 3, status of 1, 2, 3, 5.
        QCOMPARE(m_doc->pendingCount(), 1 + 4);

        // Nothing of mine is left on those cells: their next change is no conflict either.
        theyRun("UPDATE users SET name = 'third' WHERE id = 2");
        theyRun("UPDATE users SET status = 'later' WHERE id = 4");
        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
        QCOMPARE(cell(*m_db, "name", 2).toString(), QStringLiteral("third"));
        QCOMPARE(cell(*m_db, "status", 4).toString(), QStringLiteral("later"));
        QCOMPARE(cell(*m_db, "name", 3).toString(), QStringLiteral("mine 3"));
        QCOMPARE(Test::readRows(*m_db, "SELECT id FROM users WHERE status = 'active' ORDER BY id"),
                 QList<QVariantList>({{1}, {2}, {3}, {5}}));
        QCOMPARE(rowCount(*m_db), 5);
    }

    // One undo step takes the choices back: the same conflicts again, nothing lost.
    void resolvingIsOneUndoStep_data() { Test::addDatabaseRows(); }
    void resolvingIsOneUndoStep()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        makeConflicts();
        const QVector<Conflict> conflicts = failedSaveConflicts();
        const QStringList before = dump(m_doc->changes()->snapshot());
        QVector<Resolution> choices(conflicts.size(), Resolution::TakeTheirs);
        choices[0] = Resolution::KeepMine;
        m_doc->applyResolutions(conflicts, choices);
        QVERIFY(dump(m_doc->changes()->snapshot()) != before);
        m_doc->undoStack()->undo();
        QCOMPARE(dump(m_doc->changes()->snapshot()), before);
        QCOMPARE(describeAll(m_doc->schema(), failedSaveConflicts()),
                 describeAll(m_doc->schema(), conflicts));
    }

    // The choices are in the crash journal: replaying it rebuilds the same change set, after
    // keep mine, take theirs, and undo alike.
    void journalReplaysResolutions_data() { Test::addDatabaseRows(); }
    void journalReplaysResolutions()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        QTemporaryDir folder;
        makeUsers(6);
        m_doc->startJournal(folder.path());
        edit(2, Name, QStringLiteral("mine 2"));
        BulkEdit bulk;
        bulk.column = Status;
        bulk.value = QStringLiteral("active");
        QCOMPARE(m_doc->applyBulkEdit(m_doc->planBulkEdit(bulk)), 6);
        m_doc->deleteRows({m_doc->model()->rowForKey(RowKey::stored({5}))});
        theyRun("UPDATE users SET name = 'theirs 2', status = 'pending' WHERE id IN (2, 3)");
        theyRun("UPDATE users SET status = 'pending', age = 55 WHERE id IN (4, 5)");
        const QVector<Conflict> conflicts = failedSaveConflicts();
        QCOMPARE(conflicts.size(), 6); // name 2, status 2, 3, 4; row 5's status and age
        QVector<Resolution> choices(conflicts.size(), Resolution::KeepMine);
        choices.last() = Resolution::TakeTheirs;
        m_doc->applyResolutions(conflicts, choices);

        auto replayed = [&] {
            ChangeJournal::Contents contents;
            QString error;
            if (!ChangeJournal::read(m_doc->journalPath(folder.path()), &contents, &error))
                return QStringList({error});
            return dump(contents.snapshot);
        };
        QCOMPARE(replayed(), dump(m_doc->changes()->snapshot()));
        m_doc->undoStack()->undo();
        QCOMPARE(replayed(), dump(m_doc->changes()->snapshot()));
        m_doc->undoStack()->redo();
        QCOMPARE(replayed(), dump(m_doc->changes()->snapshot()));
        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
    }

    // Keys of two columns, one of them text: rows are matched by tuples, a bulk edit's keys
    // kept as RowKeys. A cell edit over a bulk edit that takes theirs leaves nothing of mine
    // on the cell, not even the bulk edit's value.
    void compositeKeysAndCellEditOverBulkEdit_data() { Test::addDatabaseRows(); }
    void compositeKeysAndCellEditOverBulkEdit()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, "CREATE TABLE pairs (a %TEXT% NOT NULL, "
                                                         "b INTEGER NOT NULL, v %TEXT%, "
                                                         "PRIMARY KEY (a, b))")),
                 QString());
        QCOMPARE(Test::exec(*m_db, "INSERT INTO pairs VALUES ('x', 1, 'old'), ('x', 2, 'old'), "
                                   "('y', 1, 'old'), ('y', 2, 'old')"),
                 QString());
        m_doc = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, "pairs"));
        QVERIFY(m_doc->refresh());
        m_other = Test::openAgain(*m_db);
        BulkEdit bulk;
        bulk.column = 2;
        bulk.value = QStringLiteral("bulk");
        QCOMPARE(m_doc->applyBulkEdit(m_doc->planBulkEdit(bulk)), 4);
        TableModel *model = m_doc->model();
        const RowKey y1 = RowKey::stored({QStringLiteral("y"), 1});
        QVERIFY(model->setData(model->index(model->rowForKey(y1), 2), QStringLiteral("cell")));
        theyRun("UPDATE pairs SET v = 'theirs' WHERE b = 1");

        const QVector<Conflict> conflicts = failedSaveConflicts();
        QCOMPARE(describeAll(m_doc->schema(), conflicts),
                 QStringList({"(a = 'x', b = 1) v: old -> theirs, mine bulk",
                              "(a = 'y', b = 1) v: old -> theirs, mine cell"}));
        QVector<Resolution> choices(conflicts.size(), Resolution::KeepMine);
        for (int i = 0; i < conflicts.size(); ++i) {
            if (conflicts.at(i).key == y1)
                choices[i] = Resolution::TakeTheirs;
        }
        m_doc->applyResolutions(conflicts, choices);
        QCOMPARE(model->index(model->locate(y1), 2).data().toString(), QStringLiteral("theirs"));
        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
        QCOMPARE(Test::readRows(*m_db, "SELECT a, b, v FROM pairs ORDER BY a, b"),
                 QList<QVariantList>(
                     {{"x", 1, "bulk"}, {"x", 2, "bulk"}, {"y", 1, "theirs"}, {"y", 2, "bulk"}}));
    }

    // A bulk edit of many rows is read back in batches, and only its conflicts are kept.
    void largeBulkEditIsScannedInBatches_data() { Test::addDatabaseRows(); }
    void largeBulkEditIsScannedInBatches()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        m_db = std::move(db);
        const int n = 3 * ConflictScan::kBatchSize + 7;
        makeUsers(n);
        BulkEdit bulk;
        bulk.column = Status;
        bulk.value = QStringLiteral("active");
        QCOMPARE(m_doc->applyBulkEdit(m_doc->planBulkEdit(bulk)), n);
        theyRun(
            QStringLiteral("UPDATE users SET status = 'pending' WHERE id IN (1, 777, %1)").arg(n));
        theyRun("DELETE FROM users WHERE id = 1200");
        QVector<Conflict> conflicts = failedSaveConflicts();
        QCOMPARE(
            describeAll(m_doc->schema(), conflicts),
            QStringList({"id = 1 status: inactive -> pending, mine active",
                         "id = 1200 deleted by them",
                         QStringLiteral("id = %1 status: inactive -> pending, mine active").arg(n),
                         "id = 777 status: inactive -> pending, mine active"}));
        QVector<Resolution> choices(conflicts.size(), Resolution::KeepMine);
        m_doc->applyResolutions(conflicts, choices);
        const SaveResult result = m_doc->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_doc->schema().id)));
        QCOMPARE(Test::readRows(*m_db, "SELECT COUNT(*) FROM users WHERE status = 'active'")
                     .value(0)
                     .value(0)
                     .toInt(),
                 n - 1);
    }
};

QTEST_GUILESS_MAIN(ConflictResolutionTest)
#include "tst_conflictresolution.moc"
