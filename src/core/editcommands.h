#pragma once

#include "changeset.h"

#include <QUndoCommand>

namespace Tabula {

// Every user action on the change set is one of these, so every action is one undo step.
// Each stores the change set's state before and after and swaps between them.

// Sets many cells at once: a cell edit, Set NULL on a selection, or a bulk edit.
class SetCellsCommand : public QUndoCommand
{
public:
    SetCellsCommand(ChangeSet *changes, QVector<CellChange> after, const QString &text);
    void undo() override { m_changes->apply(m_before); }
    void redo() override { m_changes->apply(m_after); }
    int changeCount() const { return int(m_after.size()); }

private:
    ChangeSet *m_changes;
    QVector<CellChange> m_before;
    QVector<CellChange> m_after;
};

// A bulk edit: one operation over many stored rows (and cell changes for selected new rows).
// Cell edits it overrides come back on undo.
class BulkEditCommand : public QUndoCommand
{
public:
    BulkEditCommand(ChangeSet *changes, ChangeSet::Bulk operation,
                    QVector<CellChange> newRowChanges, const QString &text);
    void undo() override;
    void redo() override;

private:
    ChangeSet *m_changes;
    ChangeSet::Bulk m_operation;
    QVector<CellChange> m_newRowsAfter;
    QVector<CellChange> m_newRowsBefore;
    QVector<CellChange> m_displaced;
};

class InsertRowCommand : public QUndoCommand
{
public:
    InsertRowCommand(ChangeSet *changes, ChangeSet::InsertedRow row);
    void undo() override;
    void redo() override;
    quint64 serial() const { return m_row.serial; }

private:
    ChangeSet *m_changes;
    ChangeSet::InsertedRow m_row;
    int m_index = -1;
};

// Marks stored rows deleted and drops inserted ones.
class DeleteRowsCommand : public QUndoCommand
{
public:
    // `loaded`: the stored rows' values as loaded (see ChangeSet::setDeleted).
    DeleteRowsCommand(ChangeSet *changes, const QVector<RowKey> &keys,
                      ChangeSet::LoadedRows loaded = {});
    void undo() override;
    void redo() override;

private:
    ChangeSet *m_changes;
    QVector<RowKey> m_stored;
    ChangeSet::LoadedRows m_loaded;
    QVector<QPair<int, ChangeSet::InsertedRow>> m_inserted; // index before removal, row
};

// Drops every pending change on purpose; undoable like anything else.
class RevertCommand : public QUndoCommand
{
public:
    explicit RevertCommand(ChangeSet *changes);
    void undo() override { m_changes->restore(m_before); }
    void redo() override { m_changes->clear(); }

private:
    ChangeSet *m_changes;
    ChangeSet::Snapshot m_before;
};

// Brings back a saved state of the change set (from a crash journal); undo goes back to
// what was pending before.
class RestoreChangesCommand : public QUndoCommand
{
public:
    RestoreChangesCommand(ChangeSet *changes, ChangeSet::Snapshot after, const QString &text)
        : QUndoCommand(text), m_changes(changes), m_before(changes->snapshot()),
          m_after(std::move(after))
    {
    }
    void undo() override { m_changes->restore(m_before); }
    void redo() override { m_changes->restore(m_after); }

private:
    ChangeSet *m_changes;
    ChangeSet::Snapshot m_before;
    ChangeSet::Snapshot m_after;
};

} // namespace Tabula
