#pragma once

#include "changeset.h"
#include "conflictscan.h"

#include <QUndoCommand>

namespace Tabula {

enum class Resolution
{
    KeepMine,   // overwrite theirs: Save checks for their value from now on, and writes mine
    TakeTheirs, // drop my edit of the cell (or my delete of the row): the grid shows theirs
};

// Keeping mine needs a row to write it to: not for a row they deleted.
inline bool canKeepMine(const Conflict &conflict)
{
    return !conflict.theirsDeleted;
}

// The user's choices for a Save's conflicts, applied to the change set as one undo step.
//
// Keep mine sets the loaded value of the cell to theirs, so that the next Save's check
// passes and writes mine: on a cell edit or a deleted row, its originals; on a bulk edit's
// row, the operation's loaded value for that row. Take theirs drops my edit of the cell
// (the row of a bulk edit leaves the operation, so no pending value is left for it to
// write or to show: cheaper to save and truer on screen than a cell edit setting theirs over
// theirs), or undoes my delete. A row they deleted always takes theirs: every edit of it,
// and my delete, is dropped. For a row I deleted, one Take theirs keeps the whole row.
// Bulk edits with rows changed are replaced by a copy (ChangeSet::replaceBulk), so that
// undo swaps the two back and the journal records the copy.
class ResolveConflictsCommand : public QUndoCommand
{
public:
    ResolveConflictsCommand(ChangeSet *changes, const QVector<Conflict> &conflicts,
                            const QVector<Resolution> &choices);
    void redo() override;
    void undo() override;

private:
    struct BulkChange // what happens to some rows of one bulk edit, by position
    {
        QSet<qsizetype> dropped;
        QHash<qsizetype, QVariant> loaded;
    };
    void keepMine(const Conflict &conflict);
    void takeTheirs(const Conflict &conflict);
    void dropCellEdit(const RowKey &key, int column);
    void dropFromBulk(const RowKey &key, int column); // column -1: every bulk edit
    void undelete(const RowKey &key);
    void setLoaded(const RowKey &key, int column, const QVariant &value);
    void buildBulkReplacements();

    ChangeSet *m_changes;
    QVector<CellChange> m_editsBefore, m_editsAfter; // cell edits dropped
    ChangeSet::LoadedRows m_originalsBefore, m_originalsAfter;
    QVector<RowKey> m_undeleted;
    ChangeSet::LoadedRows m_undeletedLoaded;
    QHash<const BulkOperation *, BulkChange> m_bulkChanges;
    QVector<QPair<ChangeSet::Bulk, ChangeSet::Bulk>> m_bulk; // before, after
};

// A bulk edit without the rows at `dropped`, and with the loaded values in `loaded` instead.
ChangeSet::Bulk rebuiltBulk(const BulkOperation &bulk, const QSet<qsizetype> &dropped,
                            const QHash<qsizetype, QVariant> &loaded);

} // namespace Tabula
