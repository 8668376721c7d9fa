#include "changeset.h"

#include <algorithm>

namespace Tabula {

ChangeSet::ChangeSet(QObject *parent) : QObject(parent) {}

std::optional<QVariant> ChangeSet::pendingValue(const RowKey &key, int column) const
{
    if (key.isInserted()) {
        const int index = insertedIndex(key.insertedSerial());
        if (index < 0)
            return std::nullopt;
        const auto &values = m_inserted.at(index).values;
        const QVariant *value = values.lookup(column);
        return value ? std::optional<QVariant>(*value) : std::nullopt;
    }
    const auto row = m_stored.constFind(key);
    if (row == m_stored.cend())
        return std::nullopt;
    const QVariant *value = row->edits.lookup(column);
    return value ? std::optional<QVariant>(*value) : std::nullopt;
}

bool ChangeSet::isDeleted(const RowKey &key) const
{
    const auto row = m_stored.constFind(key);
    return row != m_stored.cend() && row->deleted;
}

bool ChangeSet::hasChanges(const RowKey &key) const
{
    if (key.isInserted())
        return insertedIndex(key.insertedSerial()) >= 0;
    return m_stored.contains(key);
}

void ChangeSet::applyOne(const CellChange &change)
{
    if (change.key.isInserted()) {
        const int index = insertedIndex(change.key.insertedSerial());
        if (index < 0)
            return;
        auto &values = m_inserted[index].values;
        if (change.value)
            values.insert(change.column, storableValue(*change.value));
        else
            values.remove(change.column);
        return;
    }
    const bool clean = !change.value || sameValue(*change.value, change.original);
    auto row = m_stored.find(change.key);
    if (clean) {
        if (row == m_stored.end())
            return;
        if (row->edits.remove(change.column)) {
            row->originals.remove(change.column);
            m_editCount -= row->deleted ? 0 : 1;
        }
        if (row->edits.isEmpty() && !row->deleted)
            m_stored.erase(row);
        return;
    }
    if (row == m_stored.end())
        row = m_stored.insert(change.key, StoredRow());
    if (!row->edits.contains(change.column) && !row->deleted)
        ++m_editCount;
    row->edits.insert(change.column, storableValue(*change.value));
    row->originals.insert(change.column, change.original);
}

void ChangeSet::notify(const ChangeScope &scope)
{
    emit touched(scope);
    emit changed();
}

void ChangeSet::apply(const QVector<CellChange> &changes)
{
    if (changes.isEmpty())
        return;
    ChangeScope scope;
    scope.keys.reserve(changes.size());
    for (const CellChange &change : changes) {
        applyOne(change);
        scope.keys.append(change.key);
        if (!scope.columns.contains(change.column))
            scope.columns.append(change.column);
    }
    std::sort(scope.columns.begin(), scope.columns.end());
    notify(scope);
}

void ChangeSet::setDeleted(const QVector<RowKey> &keys, bool deleted)
{
    for (const RowKey &key : keys) {
        if (key.isInserted())
            continue;
        auto row = m_stored.find(key);
        if (row == m_stored.end()) {
            if (!deleted)
                continue;
            row = m_stored.insert(key, StoredRow());
        }
        if (row->deleted == deleted)
            continue;
        row->deleted = deleted;
        m_deletedCount += deleted ? 1 : -1;
        // A deleted row counts once, whatever was edited in it before.
        m_editCount += (deleted ? -1 : 1) * int(row->edits.size());
        if (!deleted && row->edits.isEmpty())
            m_stored.erase(row);
    }
    notify({keys, false, {}});
}

int ChangeSet::insertedIndex(quint64 serial) const
{
    for (int i = 0; i < m_inserted.size(); ++i) {
        if (m_inserted.at(i).serial == serial)
            return i;
    }
    return -1;
}

void ChangeSet::insertRow(int index, const InsertedRow &row)
{
    index = qBound(0, index, int(m_inserted.size()));
    m_lastSerial = qMax(m_lastSerial, row.serial);
    emit insertedRowAboutToBeAdded(index);
    m_inserted.insert(index, row);
    emit insertedRowAdded(index);
    notify({{RowKey::inserted(row.serial)}, false, {}});
}

ChangeSet::InsertedRow ChangeSet::removeInsertedRow(quint64 serial)
{
    const int index = insertedIndex(serial);
    if (index < 0)
        return {};
    emit insertedRowAboutToBeRemoved(index);
    InsertedRow row = m_inserted.takeAt(index);
    emit insertedRowRemoved(index);
    notify({{RowKey::inserted(serial)}, false, {}});
    return row;
}

void ChangeSet::restore(const Snapshot &snapshot)
{
    // Row by row, so that a model showing inserted rows can follow without a reset.
    while (!m_inserted.isEmpty()) {
        const int last = int(m_inserted.size()) - 1;
        emit insertedRowAboutToBeRemoved(last);
        m_inserted.removeLast();
        emit insertedRowRemoved(last);
    }
    m_stored = snapshot.stored;
    for (const InsertedRow &row : snapshot.inserted) {
        const int index = int(m_inserted.size());
        m_lastSerial = qMax(m_lastSerial, row.serial);
        emit insertedRowAboutToBeAdded(index);
        m_inserted.append(row);
        emit insertedRowAdded(index);
    }
    recount();
    notify({{}, true, {}});
}

void ChangeSet::recount()
{
    m_editCount = 0;
    m_deletedCount = 0;
    for (const StoredRow &row : std::as_const(m_stored)) {
        m_editCount += row.deleted ? 0 : int(row.edits.size());
        m_deletedCount += row.deleted ? 1 : 0;
    }
}

} // namespace Tabula
