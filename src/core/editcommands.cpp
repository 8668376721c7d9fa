#include "editcommands.h"

#include <algorithm>

namespace Tabula {

SetCellsCommand::SetCellsCommand(ChangeSet *changes, QVector<CellChange> after, const QString &text)
    : QUndoCommand(text), m_changes(changes), m_after(std::move(after))
{
    m_before.reserve(m_after.size());
    for (const CellChange &c : std::as_const(m_after))
        m_before.append({c.key, c.column, m_changes->cellEdit(c.key, c.column), c.original});
}

BulkEditCommand::BulkEditCommand(ChangeSet *changes, ChangeSet::Bulk operation,
                                 QVector<CellChange> newRowChanges, const QString &text)
    : QUndoCommand(text), m_changes(changes), m_operation(std::move(operation)),
      m_newRowsAfter(std::move(newRowChanges))
{
    for (const CellChange &c : std::as_const(m_newRowsAfter))
        m_newRowsBefore.append({c.key, c.column, m_changes->cellEdit(c.key, c.column), c.original});
}

void BulkEditCommand::redo()
{
    if (m_operation && !m_operation->isEmpty())
        m_displaced = m_changes->addBulk(m_operation);
    m_changes->apply(m_newRowsAfter);
}

void BulkEditCommand::undo()
{
    m_changes->apply(m_newRowsBefore);
    if (m_operation && !m_operation->isEmpty())
        m_changes->removeBulk(m_operation);
    m_changes->apply(m_displaced);
}

InsertRowCommand::InsertRowCommand(ChangeSet *changes, ChangeSet::InsertedRow row)
    : QUndoCommand(QObject::tr("Insert row")), m_changes(changes), m_row(std::move(row))
{
    m_index = int(m_changes->insertedRows().size());
}

void InsertRowCommand::redo()
{
    m_changes->insertRow(m_index, m_row);
}

void InsertRowCommand::undo()
{
    // Keep values typed into the row since, so redo brings them back.
    m_index = m_changes->insertedIndex(m_row.serial);
    m_row = m_changes->removeInsertedRow(m_row.serial);
}

DeleteRowsCommand::DeleteRowsCommand(ChangeSet *changes, const QVector<RowKey> &keys,
                                     ChangeSet::LoadedRows loaded)
    : m_changes(changes), m_loaded(std::move(loaded))
{
    for (const RowKey &key : keys) {
        if (key.isInserted()) {
            const int index = changes->insertedIndex(key.insertedSerial());
            if (index >= 0)
                m_inserted.append({index, changes->insertedRows().at(index)});
        } else if (!changes->isDeleted(key)) {
            m_stored.append(key);
        }
    }
    std::sort(m_inserted.begin(), m_inserted.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    const int n = int(m_stored.size() + m_inserted.size());
    setText(n == 1 ? QObject::tr("Delete row") : QObject::tr("Delete %L1 rows").arg(n));
}

void DeleteRowsCommand::redo()
{
    if (!m_stored.isEmpty())
        m_changes->setDeleted(m_stored, true, m_loaded);
    for (auto it = m_inserted.crbegin(); it != m_inserted.crend(); ++it)
        m_changes->removeInsertedRow(it->second.serial);
}

void DeleteRowsCommand::undo()
{
    for (const auto &entry : std::as_const(m_inserted))
        m_changes->insertRow(entry.first, entry.second);
    if (!m_stored.isEmpty())
        m_changes->setDeleted(m_stored, false);
}

RevertCommand::RevertCommand(ChangeSet *changes)
    : QUndoCommand(QObject::tr("Revert %L1 changes").arg(changes->pendingCount())),
      m_changes(changes), m_before(changes->snapshot())
{
}

} // namespace Tabula
