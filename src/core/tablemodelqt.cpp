// TableModel: the members inherited from QSqlTableModel, on the change set. Each does what
// its name says or refuses with a warning and lastError(); none touches Qt's own edit cache.
#include "tablemodel.h"

#include "database.h"
#include "editcommands.h"
#include "sqlguard.h"

#include <QSqlError>
#include <QUndoStack>

namespace Tabula {

namespace {

QSqlError refusal(const QString &text)
{
    return QSqlError(text, QString(), QSqlError::StatementError);
}

} // namespace

SaveResult TableModel::saveChanges()
{
    SaveResult result;
    if (m_saving) {
        result.error.message = tr("A Save is running already.");
        return result;
    }
    setFailedRow({}, {});
    if (m_changes->isEmpty()) {
        result.ok = true;
        return result;
    }
    result = SaveJob(m_database, m_schema, *m_changes).run();
    finishSave(result);
    return result;
}

void TableModel::finishSave(const SaveResult &result)
{
    if (result.ok) {
        m_undoStack->clear();
        m_changes->clear();
    } else {
        setLastError(refusal(result.error.describe(m_schema.id)));
    }
    // Re-read either way, in place: saved rows show what the database holds now. Pending
    // changes are keyed by row, so none is lost.
    reload();
    if (!result.ok)
        setFailedRow(result.error.key, result.error.column);
}

bool TableModel::submitAll()
{
    return saveChanges().ok;
}

void TableModel::revertAll()
{
    if (!m_changes->isEmpty() && !m_saving)
        m_undoStack->push(new RevertCommand(m_changes));
}

bool TableModel::isDirty() const
{
    return !m_changes->isEmpty();
}

bool TableModel::isDirty(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return false;
    const RowKey key = keyForRow(index.row());
    return key.isInserted() || m_changes->isDeleted(key) ||
           m_changes->pendingValue(key, index.column()).has_value();
}

void TableModel::setFilter(const QString &filter)
{
    const QString refused = checkReadOnlyExpression(filter, m_database.dialect());
    if (!filter.trimmed().isEmpty() && !refused.isEmpty()) {
        qWarning("TableModel::setFilter: refused: %s", qPrintable(refused));
        setLastError(refusal(refused));
        return;
    }
    const SqlFragment previous = m_where;
    m_where = filter.trimmed().isEmpty() ? SqlFragment() : SqlFragment{filter, {}};
    if (!select()) {
        m_where = previous;
        return;
    }
    QSqlTableModel::setFilter(filter);
}

void TableModel::setTable(const QString &tableName)
{
    if (tableName == m_schema.id.displayName()) {
        QSqlTableModel::setTable(tableName);
        return;
    }
    qWarning("TableModel::setTable: a TableModel shows one table (%s), not %s",
             qPrintable(m_schema.id.displayName()), qPrintable(tableName));
    setLastError(refusal(tr("This model shows %1 only.").arg(m_schema.id.displayName())));
}

void TableModel::setEditStrategy(EditStrategy strategy)
{
    if (strategy == OnManualSubmit) {
        QSqlTableModel::setEditStrategy(strategy);
        return;
    }
    qWarning("TableModel::setEditStrategy: edits are kept until Save (OnManualSubmit only)");
    setLastError(refusal(tr("Edits are kept until Save.")));
}

// New rows go after the others, whatever `row` says: the database decides where they sort.
bool TableModel::insertRows(int row, int count, const QModelIndex &parent)
{
    Q_UNUSED(row);
    if (parent.isValid() || count < 1 || !m_schema.canInsert() || m_saving)
        return false;
    m_undoStack->beginMacro(count == 1 ? tr("Insert row") : tr("Insert %L1 rows").arg(count));
    for (int i = 0; i < count; ++i) {
        ChangeSet::InsertedRow inserted;
        inserted.serial = m_changes->nextSerial();
        m_undoStack->push(new InsertRowCommand(m_changes, inserted));
    }
    m_undoStack->endMacro();
    return true;
}

bool TableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    QList<int> rows;
    for (int r = row; r < row + count; ++r)
        rows << r;
    return deleteRows(rows);
}

// Marks stored rows deleted (removed at Save) and drops new ones, as one undo step.
bool TableModel::deleteRows(const QList<int> &rows)
{
    if (!m_schema.isEditable() || m_saving)
        return false;
    // New rows can always be dropped; stored ones only with the DELETE privilege.
    for (int row : rows) {
        if (!m_schema.canDelete() && !keyForRow(row).isInserted())
            return false;
    }
    QVector<RowKey> keys;
    ChangeSet::LoadedRows loaded; // what Save checks is still there before deleting
    for (int row : rows) {
        const RowKey key = keyForRow(row);
        if (!key.isValid())
            continue;
        keys.append(key);
        if (key.isInserted())
            continue;
        CellValues values;
        for (int c = 0; c < m_schema.columns.size(); ++c)
            values.insert(c, storedValue(row, c));
        loaded.insert(key, values);
    }
    if (keys.isEmpty())
        return false;
    m_undoStack->push(new DeleteRowsCommand(m_changes, keys, std::move(loaded)));
    return true;
}

void TableModel::revertRow(int row)
{
    Q_UNUSED(row);
    qWarning("TableModel::revertRow: pending changes are undone step by step (Edit > Undo) or "
             "all at once (revertAll())");
    setLastError(refusal(tr("Undo the row's changes, or revert them all.")));
}

// Reads the row's window again; its pending changes stay on top.
bool TableModel::selectRow(int row)
{
    if (row < 0 || row >= m_shown)
        return false;
    const int page = m_windows.pageOf(row);
    m_windows.forgetPage(page);
    m_failedPages.remove(page);
    const int first = page * m_windows.pageSize();
    const int last = qMin(first + m_windows.pageSize(), m_shown) - 1;
    emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    return storedRow(row) != nullptr;
}

// Releases what it holds (cached windows, a running count); the rows are read again as they
// are shown. The table, filter, sort and pending changes stay: this model shows one table.
void TableModel::clear()
{
    m_counter.cancel();
    dropFarRead();
    m_windows.clearPagesOnly();
    m_failedPages.clear();
}

} // namespace Tabula
