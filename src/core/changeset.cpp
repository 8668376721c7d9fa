#include "changeset.h"

#include <algorithm>

namespace Tabula {

ChangeSet::ChangeSet(QObject *parent) : QObject(parent) {}

std::optional<QVariant> ChangeSet::pendingValue(const RowKey &key, int column) const
{
    if (auto edit = cellEdit(key, column))
        return edit;
    qsizetype position = -1;
    if (const BulkOperation *bulk = bulkFor(key, column, &position))
        return bulk->next.at(position);
    return std::nullopt;
}

std::optional<QVariant> ChangeSet::cellEdit(const RowKey &key, int column) const
{
    const CellValues *values = nullptr;
    if (key.isInserted()) {
        const int index = insertedIndex(key.insertedSerial());
        values = index < 0 ? nullptr : &m_inserted.at(index).values;
    } else {
        const auto row = m_stored.constFind(key);
        values = row == m_stored.cend() ? nullptr : &row->edits;
    }
    const QVariant *value = values ? values->lookup(column) : nullptr;
    return value ? std::optional<QVariant>(*value) : std::nullopt;
}

const BulkOperation *ChangeSet::bulkFor(const RowKey &key, int column, qsizetype *position) const
{
    if (key.isInserted())
        return nullptr;
    for (auto it = m_bulk.crbegin(); it != m_bulk.crend(); ++it) {
        if ((*it)->column != column)
            continue;
        const qsizetype at = (*it)->keys.indexOf(key);
        if (at >= 0) {
            if (position)
                *position = at;
            return it->get();
        }
    }
    return nullptr;
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
    if (m_stored.contains(key))
        return true;
    for (const Bulk &bulk : m_bulk) {
        if (bulk->keys.indexOf(key) >= 0)
            return true;
    }
    return false;
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
    // Under a bulk edit, a value equal to the saved one is still an edit: it overrides the bulk.
    const bool covered = bulkCovers(change.key, change.column);
    const bool clean = !change.value || (!covered && sameValue(*change.value, change.original));
    auto row = m_stored.find(change.key);
    if (clean) {
        if (row == m_stored.end())
            return;
        if (row->edits.remove(change.column)) {
            row->originals.remove(change.column);
            m_editCount -= row->deleted ? 0 : 1;
            m_bulkCount += covered && !row->deleted ? 1 : 0;
        }
        if (row->edits.isEmpty() && !row->deleted)
            m_stored.erase(row);
        return;
    }
    if (row == m_stored.end())
        row = m_stored.insert(change.key, StoredRow());
    if (!row->edits.contains(change.column) && !row->deleted) {
        ++m_editCount;
        m_bulkCount -= covered ? 1 : 0;
    }
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
    if (m_recorder)
        m_recorder->applied(changes);
    notify(scope);
}

void ChangeSet::setDeleted(const QVector<RowKey> &keys, bool deleted, const LoadedRows &loaded)
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
        const auto values = loaded.constFind(key);
        if (values != loaded.cend()) {
            for (auto v = values->cbegin(); v != values->cend(); ++v) {
                if (!row->originals.contains(v.key()))
                    row->originals.insert(v.key(), v.value());
            }
        }
        if (row->deleted == deleted)
            continue;
        row->deleted = deleted;
        m_deletedCount += deleted ? 1 : -1;
        m_bulkCount += (deleted ? -1 : 1) * bulkCellsShownIn(key);
        // A deleted row counts once, whatever was edited in it before.
        m_editCount += (deleted ? -1 : 1) * int(row->edits.size());
        if (!deleted && row->edits.isEmpty())
            m_stored.erase(row);
    }
    if (m_recorder)
        m_recorder->deletedSet(keys, deleted, loaded);
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
    if (m_recorder)
        m_recorder->rowInserted(index, row);
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
    if (m_recorder)
        m_recorder->insertedRowRemoved(serial);
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
    m_bulk = snapshot.bulk;
    for (const InsertedRow &row : snapshot.inserted) {
        const int index = int(m_inserted.size());
        m_lastSerial = qMax(m_lastSerial, row.serial);
        emit insertedRowAboutToBeAdded(index);
        m_inserted.append(row);
        emit insertedRowAdded(index);
    }
    recount();
    if (m_recorder)
        m_recorder->restored(snapshot);
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
    m_bulkCount = 0;
    for (const Bulk &bulk : std::as_const(m_bulk)) {
        const std::vector<char> effective = effectiveRows(*bulk);
        m_bulkCount += std::count(effective.cbegin(), effective.cend(), char(1));
    }
}

int ChangeSet::bulkCellsShownIn(const RowKey &key) const
{
    QList<int> columns;
    for (const Bulk &bulk : std::as_const(m_bulk)) {
        if (!columns.contains(bulk->column) && bulk->keys.indexOf(key) >= 0)
            columns.append(bulk->column);
    }
    const auto row = m_stored.constFind(key);
    int shown = 0;
    for (int column : std::as_const(columns))
        shown += row != m_stored.cend() && row->edits.contains(column) ? 0 : 1;
    return shown;
}

std::vector<char> ChangeSet::effectiveRows(const BulkOperation &operation) const
{
    std::vector<char> effective(size_t(operation.size()), 1);
    bool newer = false;
    for (const Bulk &bulk : m_bulk) {
        if (newer && bulk->column == operation.column)
            operation.keys.clearWhereIn(bulk->keys, effective);
        newer = newer || bulk.get() == &operation;
    }
    for (auto it = m_stored.cbegin(); it != m_stored.cend(); ++it) {
        if (!it->deleted && !it->edits.contains(operation.column))
            continue;
        const qsizetype at = operation.keys.indexOf(it.key());
        if (at >= 0)
            effective[size_t(at)] = 0;
    }
    return effective;
}

QVector<CellChange> ChangeSet::addBulk(const Bulk &operation)
{
    // The newer action wins: cell edits of the column on the bulk edit's rows give way.
    QVector<CellChange> displaced;
    for (auto it = m_stored.begin(); it != m_stored.end();) {
        const QVariant *value = it->edits.lookup(operation->column);
        if (value && operation->keys.indexOf(it.key()) >= 0) {
            displaced.append(
                {it.key(), operation->column, *value, it->originals.value(operation->column)});
            it->edits.remove(operation->column);
            it->originals.remove(operation->column);
        }
        if (it->edits.isEmpty() && !it->deleted)
            it = m_stored.erase(it);
        else
            ++it;
    }
    m_bulk.append(operation);
    recount();
    if (m_recorder)
        m_recorder->bulkAdded(*operation);
    notify({{}, true, {operation->column}});
    return displaced;
}

void ChangeSet::removeBulk(const Bulk &operation)
{
    const int index = int(m_bulk.indexOf(operation));
    if (index < 0)
        return;
    m_bulk.remove(index);
    recount();
    if (m_recorder)
        m_recorder->bulkRemoved(index);
    notify({{}, true, {operation->column}});
}

void ChangeSet::setOriginals(const LoadedRows &rows)
{
    QVector<RowKey> keys;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const auto row = m_stored.find(it.key());
        if (row == m_stored.end())
            continue;
        for (auto v = it->cbegin(); v != it->cend(); ++v) {
            if (row->originals.contains(v.key()))
                row->originals.insert(v.key(), v.value());
        }
        keys.append(it.key());
    }
    if (m_recorder)
        m_recorder->originalsSet(rows);
    notify({keys, false, {}});
}

void ChangeSet::replaceBulk(const Bulk &operation, const Bulk &replacement)
{
    const int index = int(m_bulk.indexOf(operation));
    if (index < 0 || !replacement)
        return;
    m_bulk[index] = replacement;
    recount();
    if (m_recorder)
        m_recorder->bulkReplaced(index, *replacement);
    notify({{}, true, {replacement->column}});
}

} // namespace Tabula
