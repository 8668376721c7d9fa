#include "bulkoperation.h"
#include "changeset.h"
#include "editcommands.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace Tabula;

// A bulk edit lives in the change set as one operation, not one cell change per row. These
// tests hold it to what the user sees: the newest action on a cell wins, every step undoes
// exactly, and the pending count counts each changed cell once.
class BulkChangesTest : public QObject
{
    Q_OBJECT

    static constexpr int Status = 2;

    static RowKey key(qint64 id) { return RowKey::stored({id}); }

    // Sets `column` to `value` on rows first..last, loaded as `loaded`.
    static ChangeSet::Bulk bulk(int column, qint64 first, qint64 last, const QVariant &value,
                                const QVariant &loaded = QStringLiteral("inactive"))
    {
        auto op = std::make_shared<BulkOperation>();
        op->column = column;
        for (qint64 id = last; id >= first; --id) // out of order: finish() sorts
            op->append(key(id), loaded, value);
        op->finish();
        return op;
    }

    static void push(QUndoStack &stack, ChangeSet &changes, const ChangeSet::Bulk &op)
    {
        stack.push(new BulkEditCommand(&changes, op, {}, QStringLiteral("bulk")));
    }

    static void editCell(QUndoStack &stack, ChangeSet &changes, qint64 id, const QVariant &value)
    {
        stack.push(new SetCellsCommand(&changes, {{key(id), Status, value, "inactive"}},
                                       QStringLiteral("edit")));
    }

    static QString shown(const ChangeSet &changes, qint64 id)
    {
        const auto v = changes.pendingValue(key(id), Status);
        return v ? v->toString() : QStringLiteral("<saved>");
    }

private slots:
    void operationFindsRowsByKey()
    {
        const auto op = bulk(Status, 1, 1000, QStringLiteral("active"));
        QCOMPARE(op->size(), 1000);
        QCOMPARE(op->keys.indexOf(key(1)), 0);
        QCOMPARE(op->keys.indexOf(key(1000)), 999);
        QCOMPARE(op->keys.indexOf(key(1001)), -1);
        QCOMPARE(op->at(0).key, key(1)); // sorted
        QCOMPARE(op->at(0).original.toString(), QStringLiteral("inactive"));
        // Composite or text keys take the general path, sorted and found the same way.
        BulkOperation text;
        for (const char *name : {"carol", "alice", "bob"})
            text.append(RowKey::stored({QString::fromLatin1(name), 1}), 0, 1);
        text.finish();
        QCOMPARE(text.keys.at(0), RowKey::stored({QStringLiteral("alice"), 1}));
        QCOMPARE(text.keys.indexOf(RowKey::stored({QStringLiteral("bob"), 1})), 1);
        QCOMPARE(text.keys.indexOf(RowKey::stored({QStringLiteral("bob"), 2})), -1);
    }

    void cellEditOnTopWinsAndUndoes()
    {
        ChangeSet changes;
        QUndoStack stack;
        push(stack, changes, bulk(Status, 1, 10, QStringLiteral("active")));
        QCOMPARE(changes.pendingCount(), 10);
        editCell(stack, changes, 3, QStringLiteral("pending"));
        QCOMPARE(shown(changes, 3), QStringLiteral("pending"));
        QCOMPARE(changes.pendingCount(), 10); // the cell counts once
        // Typing the saved value over a bulk-edited cell is still an edit: it overrides.
        editCell(stack, changes, 4, QStringLiteral("inactive"));
        QCOMPARE(shown(changes, 4), QStringLiteral("inactive"));
        QCOMPARE(changes.pendingCount(), 10);

        stack.undo();
        stack.undo();
        QCOMPARE(shown(changes, 3), QStringLiteral("active"));
        QCOMPARE(shown(changes, 4), QStringLiteral("active"));
        stack.undo();
        // Undoing the cell edits went back to "no cell edit", not to a copy of the bulk
        // value: with the bulk edit undone, nothing is left.
        QCOMPARE(shown(changes, 3), QStringLiteral("<saved>"));
        QVERIFY(changes.isEmpty());
        stack.redo();
        stack.redo();
        QCOMPARE(shown(changes, 3), QStringLiteral("pending"));
        QCOMPARE(changes.pendingCount(), 10);
    }

    void laterBulkEditSupersedesWhereTheyOverlap()
    {
        ChangeSet changes;
        QUndoStack stack;
        push(stack, changes, bulk(Status, 1, 10, QStringLiteral("active")));
        push(stack, changes, bulk(Status, 6, 15, QStringLiteral("banned")));
        QCOMPARE(shown(changes, 5), QStringLiteral("active"));
        QCOMPARE(shown(changes, 6), QStringLiteral("banned"));
        QCOMPARE(shown(changes, 15), QStringLiteral("banned"));
        QCOMPARE(changes.pendingCount(), 15);
        const auto &ops = changes.bulkOperations();
        const std::vector<char> older = changes.effectiveRows(*ops.first());
        QCOMPARE(std::count(older.cbegin(), older.cend(), char(1)), 5); // rows 1..5 only
        stack.undo();
        QCOMPARE(shown(changes, 6), QStringLiteral("active"));
        QCOMPARE(changes.pendingCount(), 10);
    }

    void bulkEditReplacesEarlierCellEditsAndUndoBringsThemBack()
    {
        ChangeSet changes;
        QUndoStack stack;
        editCell(stack, changes, 2, QStringLiteral("pending"));
        editCell(stack, changes, 20, QStringLiteral("pending")); // outside the bulk edit
        push(stack, changes, bulk(Status, 1, 5, QStringLiteral("active")));
        QCOMPARE(shown(changes, 2), QStringLiteral("active"));
        QCOMPARE(shown(changes, 20), QStringLiteral("pending"));
        QCOMPARE(changes.pendingCount(), 6);
        stack.undo();
        QCOMPARE(shown(changes, 2), QStringLiteral("pending"));
        QCOMPARE(changes.pendingCount(), 2);
    }

    void deletedRowCountsOnceAndIsNotWritten()
    {
        ChangeSet changes;
        QUndoStack stack;
        push(stack, changes, bulk(Status, 1, 5, QStringLiteral("active")));
        stack.push(new DeleteRowsCommand(&changes, {key(3)}));
        QCOMPARE(changes.pendingCount(), 5); // 4 edited cells + 1 deleted row
        const std::vector<char> effective =
            changes.effectiveRows(*changes.bulkOperations().first());
        QCOMPARE(effective[2], char(0)); // row 3 is deleted: no UPDATE for it
        stack.undo();
        QCOMPARE(changes.pendingCount(), 5);
        QCOMPARE(changes.effectiveRows(*changes.bulkOperations().first())[2], char(1));
    }

    void revertAndRestoreKeepTheOperation()
    {
        ChangeSet changes;
        QUndoStack stack;
        push(stack, changes, bulk(Status, 1, 100, QStringLiteral("active")));
        stack.push(new RevertCommand(&changes));
        QVERIFY(changes.isEmpty());
        QCOMPARE(shown(changes, 50), QStringLiteral("<saved>"));
        stack.undo();
        QCOMPARE(changes.pendingCount(), 100);
        QCOMPARE(shown(changes, 50), QStringLiteral("active"));
    }

    // A view repaints what a change touched: a bulk edit says "this column, any row".
    void bulkEditReportsItsColumn()
    {
        ChangeSet changes;
        QSignalSpy touched(&changes, &ChangeSet::touched);
        QUndoStack stack;
        push(stack, changes, bulk(Status, 1, 10, QStringLiteral("active")));
        QCOMPARE(touched.size(), 1);
        const auto scope = touched.first().first().value<ChangeScope>();
        QVERIFY(scope.allRows);
        QCOMPARE(scope.columns, QList<int>{Status});
    }
};

QTEST_GUILESS_MAIN(BulkChangesTest)
#include "tst_bulkchanges.moc"
