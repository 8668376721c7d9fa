#include "tablemodel.h"

#include "database.h"
#include "editcommands.h"
#include "readonlyscope.h"
#include "savejob.h"
#include "valuetext.h"

#include <QFont>
#include <QUndoStack>

namespace Tabula {

namespace {

// Long values are cut in the names of undo steps, which are one line in the history.
constexpr int kValueInStepName = 40;

// Rows per window, and windows kept: about 20 MB of a 7-column table, whatever its size.
constexpr int kWindowRows = 256;
constexpr int kCachedRows = 128 * kWindowRows;

} // namespace

TableModel::TableModel(const Database &database, TableSchema schema, ChangeSet *changes,
                       QUndoStack *undoStack, QObject *parent)
    : QSqlTableModel(parent, database.connection()), m_database(database),
      m_schema(std::move(schema)), m_changes(changes), m_undoStack(undoStack),
      m_windows(kWindowRows, kCachedRows), m_counter(database), m_farReader(database)
{
    connect(&m_farReader, &BackgroundRows::finished, this, &TableModel::finishFarRead);
    resetOrder();
    connect(&m_counter, &BackgroundQuery::finished, this,
            [this](const QVariant &count) { applyTotal(count.toLongLong()); });
    connect(&m_counter, &BackgroundQuery::failed, this, [this](const QString &message) {
        leaveEstimate(-1);
        reportReadError(tr("Counting the rows failed: %1").arg(message));
        emit matchingRowCountChanged(m_total);
    });
    setEditStrategy(OnManualSubmit);
    QSqlTableModel::setTable(m_schema.id.displayName());
    connect(m_changes, &ChangeSet::touched, this, &TableModel::onChangesTouched);
    connect(m_changes, &ChangeSet::insertedRowAboutToBeAdded, this, [this](int i) {
        const int row = storedRowCount() + i;
        beginInsertRows(QModelIndex(), row, row);
    });
    connect(m_changes, &ChangeSet::insertedRowAdded, this, [this] { endInsertRows(); });
    connect(m_changes, &ChangeSet::insertedRowAboutToBeRemoved, this, [this](int i) {
        const int row = storedRowCount() + i;
        beginRemoveRows(QModelIndex(), row, row);
    });
    connect(m_changes, &ChangeSet::insertedRowRemoved, this, [this] { endRemoveRows(); });
}

int TableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return storedRowCount() + int(m_changes->insertedRows().size());
}

int TableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schema.columns.size());
}

QVariant TableModel::currentValue(int row, int column) const
{
    const RowKey key = keyForRow(row);
    if (const auto pending = m_changes->pendingValue(key, column))
        return *pending;
    return key.isInserted() ? QVariant() : storedValue(row, column);
}

QVariant TableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= columnCount())
        return {};
    const int row = index.row();
    const int column = index.column();
    if (defersRow(row))
        return {}; // read on a worker: dataChanged() when it is there
    const RowKey key = keyForRow(row);
    const auto pending = m_changes->pendingValue(key, column);
    const bool inserted = key.isInserted();
    const bool isDefault = inserted && !pending; // an inserted cell the database will fill
    const QVariant value = pending ? *pending : (inserted ? QVariant() : storedValue(row, column));

    switch (role) {
    case Qt::DisplayRole:
        if (isDefault)
            return m_schema.columns.at(column).autoIncrement ? tr("(auto)") : tr("(default)");
        return displayText(value);
    case Qt::EditRole:
        return value;
    case Qt::ToolTipRole:
        if (pending && !inserted)
            return tr("Unsaved: was %1").arg(displayText(storedValue(row, column)));
        return {};
    case Qt::TextAlignmentRole:
        if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int ||
            value.typeId() == QMetaType::Double)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IsNullRole:
        return !isDefault && value.isNull();
    case IsDefaultRole:
        return isDefault;
    case IsPendingRole:
        return bool(pending);
    case StoredValueRole:
        return inserted ? QVariant() : storedValue(row, column);
    case FailedRole:
        if (!m_failedKey.isValid() || key != m_failedKey)
            return NotFailed;
        return m_failedColumn < 0 || m_failedColumn == column ? FailedCell : FailedRowCell;
    case RowStateRole:
        if (inserted)
            return Inserted;
        if (m_changes->isDeleted(key))
            return Deleted;
        return m_changes->hasChanges(key) ? Edited : Clean;
    default:
        return {};
    }
}

bool TableModel::canEdit(const QModelIndex &index) const
{
    if (!index.isValid() || !m_schema.isEditable() || m_saving)
        return false;
    if (!m_schema.columns.at(index.column()).writable)
        return false;
    // A row still being read on a worker is not editable yet; finding out must not read it
    // here (views ask flags() of every cell they paint).
    if (defersRow(index.row()))
        return false;
    // A new row's cells are part of its INSERT; a stored row's are an UPDATE.
    const RowKey key = keyForRow(index.row());
    if (key.isInserted() ? !m_schema.canInsert() : !m_schema.canUpdate(index.column()))
        return false;
    return !m_changes->isDeleted(key);
}

Qt::ItemFlags TableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (canEdit(index))
        f |= Qt::ItemIsEditable;
    return f;
}

bool TableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    // The step names the cell and the value, so the Pending Changes list says what it holds.
    QString shown = displayText(value);
    if (shown.size() > kValueInStepName)
        shown = shown.left(kValueInStepName - 1) + QChar(0x2026);
    const QString text = tr("%1 of %2: %3")
                             .arg(m_schema.columns.value(index.column()).name,
                                  describeRow(m_schema, *m_changes, keyForRow(index.row())), shown);
    return setCells({index}, value, text);
}

std::optional<CellChange> TableModel::changeFor(const QModelIndex &index,
                                                const QVariant &value) const
{
    if (!canEdit(index))
        return std::nullopt;
    const RowKey key = keyForRow(index.row());
    const QVariant current = currentValue(index.row(), index.column());
    const bool wasDefault = key.isInserted() && !m_changes->pendingValue(key, index.column());
    if (!wasDefault && sameValue(current, value) && current.typeId() == value.typeId())
        return std::nullopt;
    return CellChange{key, index.column(), value, storedValue(index.row(), index.column())};
}

bool TableModel::setCells(const QModelIndexList &cells, const QVariant &value, const QString &text)
{
    QList<QPair<QModelIndex, QVariant>> values;
    values.reserve(cells.size());
    for (const QModelIndex &index : cells)
        values.append({index, value});
    return setCellValues(values, text);
}

bool TableModel::setCellValues(const QList<QPair<QModelIndex, QVariant>> &cells,
                               const QString &text)
{
    QVector<CellChange> changes;
    for (const auto &[index, value] : cells) {
        if (auto change = changeFor(index, value))
            changes.append(std::move(*change));
    }
    if (changes.isEmpty())
        return false;
    m_undoStack->push(new SetCellsCommand(m_changes, std::move(changes), text));
    return true;
}

QString TableModel::columnToolTip(const ColumnInfo &c, const ForeignKey *reference)
{
    QString tip = QStringLiteral("%1 %2%3%4")
                      .arg(c.name, c.declaredType.isEmpty() ? tr("(no type)") : c.declaredType,
                           c.notNull ? tr(" NOT NULL") : QString(),
                           c.primaryKeyPosition > 0 ? tr(" (primary key)") : QString());
    if (reference)
        tip += '\n' + tr("References %1 (%2)")
                          .arg(reference->referencedTable.displayName(),
                               reference->referencedColumns.join(QStringLiteral(", ")));
    return tip;
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_schema.columns.size())
            return {};
        const ColumnInfo &c = m_schema.columns.at(section);
        if (role == Qt::DisplayRole)
            return c.name;
        const ForeignKey *reference = m_schema.foreignKeyAt(section);
        if (role == Qt::FontRole && (c.primaryKeyPosition > 0 || reference)) {
            // As in a schema diagram: key columns underlined, columns that reference another
            // table's rows in italics.
            QFont font;
            font.setUnderline(c.primaryKeyPosition > 0);
            font.setItalic(reference);
            return font;
        }
        if (role == Qt::ToolTipRole)
            return columnToolTip(c, reference);
        return {};
    }
    if (role == Qt::DisplayRole) {
        const int stored = storedRowCount();
        if (section >= stored)
            return QStringLiteral("+");
        return QString::number(section + 1);
    }
    return {};
}

void TableModel::setFailedRow(const RowKey &key, const QString &column)
{
    const int oldRow = m_failedKey.isValid() ? rowForKey(m_failedKey) : -1;
    m_failedKey = key;
    m_failedColumn = m_schema.columnIndex(column);
    const int newRow = key.isValid() ? rowForKey(key) : -1;
    QList<int> rows;
    for (int row : {oldRow, newRow}) {
        if (row >= 0)
            rows << row;
    }
    emitRowsChanged(rows, 0, columnCount() - 1);
}

void TableModel::onChangesTouched(const ChangeScope &scope)
{
    // A failed row undone to nothing pending is no longer what Save stopped at.
    if (m_failedKey.isValid() && !m_changes->hasChanges(m_failedKey))
        setFailedRow({}, {});
    const int rows = rowCount();
    if (rows == 0 || columnCount() == 0)
        return;
    const int first = scope.columns.isEmpty() ? 0 : scope.columns.first();
    const int last = scope.columns.isEmpty() ? columnCount() - 1 : scope.columns.last();
    if (scope.allRows) {
        emit dataChanged(index(0, first), index(rows - 1, last));
        return;
    }
    QList<int> touched;
    touched.reserve(scope.keys.size());
    for (const RowKey &key : scope.keys) {
        const int row = rowForKey(key);
        if (row >= 0) // rows not fetched are read with their changes when they are
            touched << row;
    }
    emitRowsChanged(touched, first, last);
}

// One dataChanged (and row header update) per run of adjacent rows.
void TableModel::emitRowsChanged(QList<int> rows, int firstColumn, int lastColumn)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        emit dataChanged(index(rows.at(i), firstColumn), index(rows.at(j), lastColumn));
        emit headerDataChanged(Qt::Vertical, rows.at(i), rows.at(j));
        i = j + 1;
    }
}

} // namespace Tabula
