#include "conflictresolution.h"

namespace Tabula {

ResolveConflictsCommand::ResolveConflictsCommand(ChangeSet *changes,
                                                 const QVector<Conflict> &conflicts,
                                                 const QVector<Resolution> &choices)
    : m_changes(changes)
{
    // A row I deleted is kept whole as soon as one of its conflicts takes theirs.
    QSet<RowKey> keptRows;
    for (qsizetype i = 0; i < conflicts.size(); ++i) {
        const Conflict &c = conflicts.at(i);
        if (c.mineDeleted && (c.theirsDeleted || choices.value(i) == Resolution::TakeTheirs))
            keptRows.insert(c.key);
    }
    for (qsizetype i = 0; i < conflicts.size(); ++i) {
        const Conflict &c = conflicts.at(i);
        const bool keep =
            choices.value(i) == Resolution::KeepMine && canKeepMine(c) && !keptRows.contains(c.key);
        if (keep)
            keepMine(c);
        else
            takeTheirs(c);
    }
    buildBulkReplacements();
    const int n = int(conflicts.size());
    setText(n == 1 ? QObject::tr("Resolve 1 conflict")
                   : QObject::tr("Resolve %L1 conflicts").arg(n));
}

void ResolveConflictsCommand::keepMine(const Conflict &c)
{
    qsizetype position = -1;
    const BulkOperation *bulk = nullptr;
    if (!c.mineDeleted && !m_changes->cellEdit(c.key, c.column))
        bulk = m_changes->bulkFor(c.key, c.column, &position);
    if (bulk)
        m_bulkChanges[bulk].loaded.insert(position, c.theirs);
    else
        setLoaded(c.key, c.column, c.theirs);
}

void ResolveConflictsCommand::takeTheirs(const Conflict &c)
{
    if (c.mineDeleted) {
        undelete(c.key);
        if (!c.theirsDeleted)
            return; // my edits from before the delete come back with the row
    }
    if (c.column >= 0) {
        dropCellEdit(c.key, c.column);
        dropFromBulk(c.key, c.column);
        return;
    }
    // They deleted the row: nothing of mine for it is left to save.
    const auto row = m_changes->storedRows().constFind(c.key);
    if (row != m_changes->storedRows().cend()) {
        for (int column : row->edits.keys())
            dropCellEdit(c.key, column);
    }
    dropFromBulk(c.key, -1);
}

void ResolveConflictsCommand::dropCellEdit(const RowKey &key, int column)
{
    const std::optional<QVariant> edit = m_changes->cellEdit(key, column);
    if (!edit)
        return;
    const QVariant original = m_changes->storedRows().value(key).originals.value(column);
    m_editsBefore.append({key, column, edit, original});
    m_editsAfter.append({key, column, std::nullopt, original});
}

void ResolveConflictsCommand::dropFromBulk(const RowKey &key, int column)
{
    for (const ChangeSet::Bulk &bulk : m_changes->bulkOperations()) {
        if (column >= 0 && bulk->column != column)
            continue;
        const qsizetype position = bulk->keys.indexOf(key);
        if (position >= 0)
            m_bulkChanges[bulk.get()].dropped.insert(position);
    }
}

void ResolveConflictsCommand::undelete(const RowKey &key)
{
    if (m_undeleted.contains(key) || !m_changes->isDeleted(key))
        return;
    m_undeleted.append(key);
    m_undeletedLoaded.insert(key, m_changes->storedRows().value(key).originals);
}

void ResolveConflictsCommand::setLoaded(const RowKey &key, int column, const QVariant &value)
{
    const QVariant *before = m_changes->storedRows().value(key).originals.lookup(column);
    if (!before)
        return;
    if (!m_originalsBefore[key].contains(column))
        m_originalsBefore[key].insert(column, *before);
    m_originalsAfter[key].insert(column, value);
}

void ResolveConflictsCommand::buildBulkReplacements()
{
    for (const ChangeSet::Bulk &bulk : m_changes->bulkOperations()) {
        const auto change = m_bulkChanges.constFind(bulk.get());
        if (change != m_bulkChanges.cend())
            m_bulk.append({bulk, rebuiltBulk(*bulk, change->dropped, change->loaded)});
    }
    m_bulkChanges.clear();
}

// Cell edits come and go while the bulk edits are as they were before the resolution (a
// cell edit under a bulk edit is kept even when it equals the loaded value).
void ResolveConflictsCommand::redo()
{
    m_changes->apply(m_editsAfter);
    if (!m_originalsAfter.isEmpty())
        m_changes->setOriginals(m_originalsAfter);
    if (!m_undeleted.isEmpty())
        m_changes->setDeleted(m_undeleted, false);
    for (const auto &[before, after] : std::as_const(m_bulk))
        m_changes->replaceBulk(before, after);
}

void ResolveConflictsCommand::undo()
{
    for (const auto &[before, after] : std::as_const(m_bulk))
        m_changes->replaceBulk(after, before);
    if (!m_undeleted.isEmpty())
        m_changes->setDeleted(m_undeleted, true, m_undeletedLoaded);
    if (!m_originalsBefore.isEmpty())
        m_changes->setOriginals(m_originalsBefore);
    m_changes->apply(m_editsBefore);
}

ChangeSet::Bulk rebuiltBulk(const BulkOperation &bulk, const QSet<qsizetype> &dropped,
                            const QHash<qsizetype, QVariant> &loaded)
{
    auto rebuilt = std::make_shared<BulkOperation>();
    rebuilt->column = bulk.column;
    rebuilt->keys.reserve(bulk.size() - dropped.size());
    for (qsizetype i = 0; i < bulk.size(); ++i) {
        if (dropped.contains(i))
            continue;
        const QVariant value = loaded.value(i, bulk.loaded.at(i));
        if (bulk.keys.isIntegers())
            rebuilt->appendInteger(bulk.keys.integerAt(i), value, bulk.next.at(i));
        else
            rebuilt->append(bulk.keys.at(i), value, bulk.next.at(i));
    }
    rebuilt->finish(); // already in key order: only frees the look-up
    return rebuilt;
}

} // namespace Tabula
