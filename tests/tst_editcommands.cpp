#include "changeset.h"
#include "editcommands.h"

#include <QTest>
#include <QUndoStack>

using namespace Tabula;

namespace {

RowKey key(qlonglong id)
{
    return RowKey::stored({id});
}

QString valueText(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    return QStringLiteral("%1:%2").arg(QString::fromLatin1(v.typeName()), v.toString());
}

// Everything a change set holds, in a stable order, so two states compare exactly.
QStringList state(const ChangeSet &changes)
{
    QStringList lines;
    const auto &stored = changes.storedRows();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        QStringList keyParts;
        for (const QVariant &v : it.key().values())
            keyParts << valueText(v);
        const QString k = keyParts.join(',');
        if (it->deleted)
            lines << QStringLiteral("deleted %1").arg(k);
        for (auto e = it->edits.cbegin(); e != it->edits.cend(); ++e)
            lines << QStringLiteral("edit %1 col %2 = %3 (was %4)")
                         .arg(k)
                         .arg(e.key())
                         .arg(valueText(e.value()), valueText(it->originals.value(e.key())));
    }
    lines.sort();
    int i = 0;
    for (const ChangeSet::InsertedRow &row : changes.insertedRows()) {
        QStringList values;
        QList<int> columns = row.values.keys();
        std::sort(columns.begin(), columns.end());
        for (int c : columns)
            values << QStringLiteral("%1=%2").arg(c).arg(valueText(row.values.value(c)));
        lines << QStringLiteral("inserted #%1 serial %2 {%3}")
                     .arg(i++)
                     .arg(row.serial)
                     .arg(values.join(' '));
    }
    lines << QStringLiteral("count %1").arg(changes.pendingCount());
    return lines;
}

CellChange edit(const RowKey &k, int column, const QVariant &value, const QVariant &original)
{
    return {k, column, value, original};
}

} // namespace

class EditCommandsTest : public QObject
{
    Q_OBJECT
private slots:
    void setCellsUndoRedo()
    {
        ChangeSet changes;
        QUndoStack stack;
        const QStringList empty = state(changes);
        stack.push(new SetCellsCommand(&changes, {edit(key(1), 0, 10, 1)}, "a"));
        const QStringList afterFirst = state(changes);
        QCOMPARE(changes.pendingCount(), 1);
        // Overwrites one pending cell, adds another, and sets a third back to its original.
        stack.push(new SetCellsCommand(
            &changes, {edit(key(1), 0, 11, 1), edit(key(2), 1, QVariant(), "x")}, "b"));
        const QStringList afterSecond = state(changes);
        QCOMPARE(changes.pendingCount(), 2);
        stack.push(new SetCellsCommand(&changes, {edit(key(1), 0, 1, 1)}, "c"));
        const QStringList afterThird = state(changes);
        QCOMPARE(changes.pendingCount(), 1);

        stack.undo();
        QCOMPARE(state(changes), afterSecond);
        stack.undo();
        QCOMPARE(state(changes), afterFirst);
        stack.undo();
        QCOMPARE(state(changes), empty);
        QVERIFY(changes.isEmpty());
        stack.redo();
        QCOMPARE(state(changes), afterFirst);
        stack.redo();
        QCOMPARE(state(changes), afterSecond);
        stack.redo();
        QCOMPARE(state(changes), afterThird);
    }

    void bulkSetIsOneStep()
    {
        ChangeSet changes;
        QUndoStack stack;
        QVector<CellChange> many;
        for (int i = 0; i < 1000; ++i)
            many.append(edit(key(i), 0, QVariant(), i));
        auto *command = new SetCellsCommand(&changes, many, "Set NULL");
        QCOMPARE(command->changeCount(), 1000);
        stack.push(command);
        QCOMPARE(stack.count(), 1);
        QCOMPARE(changes.pendingCount(), 1000);
        stack.undo();
        QVERIFY(changes.isEmpty());
    }

    void insertRowUndoRedoKeepsTypedValues()
    {
        ChangeSet changes;
        QUndoStack stack;
        const QStringList empty = state(changes);
        const quint64 serial = changes.nextSerial();
        stack.push(new InsertRowCommand(&changes, {serial, {}}));
        QCOMPARE(changes.pendingCount(), 1);
        const QStringList inserted = state(changes);
        stack.push(new SetCellsCommand(
            &changes, {edit(RowKey::inserted(serial), 1, "typed", QVariant())}, "t"));
        const QStringList typed = state(changes);

        stack.undo();
        QCOMPARE(state(changes), inserted);
        stack.undo();
        QCOMPARE(state(changes), empty);
        stack.redo();
        QCOMPARE(state(changes), inserted);
        stack.redo();
        QCOMPARE(state(changes), typed);
    }

    void deleteRowsUndoRedo()
    {
        ChangeSet changes;
        QUndoStack stack;
        const quint64 s1 = changes.nextSerial();
        const quint64 s2 = changes.nextSerial();
        const quint64 s3 = changes.nextSerial();
        stack.push(new InsertRowCommand(&changes, {s1, {{0, 1}}}));
        stack.push(new InsertRowCommand(&changes, {s2, {{0, 2}}}));
        stack.push(new InsertRowCommand(&changes, {s3, {{0, 3}}}));
        stack.push(new SetCellsCommand(&changes, {edit(key(7), 1, "e", "o")}, "e"));
        stack.push(
            new SetCellsCommand(&changes, {edit(RowKey::inserted(s3), 1, "v", QVariant())}, "v"));
        const QStringList before = state(changes);
        QCOMPARE(changes.pendingCount(), 4);

        // Stored rows (one edited, one already deleted) and inserted rows in any order.
        stack.push(new DeleteRowsCommand(&changes, {key(8)}));
        const QStringList oneDeleted = state(changes);
        auto *del = new DeleteRowsCommand(
            &changes, {RowKey::inserted(s3), key(7), RowKey::inserted(s1), key(8), key(9)});
        QCOMPARE(del->text(), QStringLiteral("Delete 4 rows"));
        stack.push(del);
        const QStringList after = state(changes);
        QCOMPARE(changes.insertedRows().size(), 1);
        QCOMPARE(changes.insertedRows().first().serial, s2);
        QVERIFY(changes.isDeleted(key(7)));
        QVERIFY(changes.isDeleted(key(9)));
        // s2 + deleted 7, 8, 9; the edit on 7 is kept for undo but neither saved nor counted
        QCOMPARE(changes.pendingCount(), 4);

        stack.undo();
        QCOMPARE(state(changes), oneDeleted);
        stack.undo();
        QCOMPARE(state(changes), before);
        stack.redo();
        stack.redo();
        QCOMPARE(state(changes), after);
    }

    void revertIsUndoable()
    {
        ChangeSet changes;
        QUndoStack stack;
        const quint64 s = changes.nextSerial();
        stack.push(new InsertRowCommand(&changes, {s, {{0, 1}}}));
        stack.push(new SetCellsCommand(&changes, {edit(key(1), 0, "x", "y")}, "e"));
        stack.push(new DeleteRowsCommand(&changes, {key(2)}));
        const QStringList before = state(changes);
        QCOMPARE(changes.pendingCount(), 3);

        auto *revert = new RevertCommand(&changes);
        QCOMPARE(revert->text(), QStringLiteral("Revert 3 changes"));
        stack.push(revert);
        QVERIFY(changes.isEmpty());
        QVERIFY(changes.insertedRows().isEmpty());
        stack.undo();
        QCOMPARE(state(changes), before);
        stack.redo();
        QVERIFY(changes.isEmpty());
        stack.undo();
        // And everything before the revert still undoes step by step.
        stack.undo();
        QVERIFY(!changes.isDeleted(key(2)));
        stack.undo();
        QVERIFY(!changes.pendingValue(key(1), 0));
        stack.undo();
        QVERIFY(changes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(EditCommandsTest)
#include "tst_editcommands.moc"
