#pragma once

#include "changeset.h"
#include "sqlfragment.h"
#include "tableschema.h"

#include <QSqlTableModel>

class QUndoStack;

namespace Tabula {

class Database;

// The grid's model: rows are read in windows (LIMIT/OFFSET, our own SELECT with identifiers
// quoted by the dialect and filter values bound), each read to the end and closed, so no open
// cursor holds a lock or a whole result set; the ChangeSet is laid over what was read.
// Qt's own edit cache is never used: it is keyed by row position and loses edits on select().
class TableModel : public QSqlTableModel
{
    Q_OBJECT
public:
    enum Role
    {
        IsNullRole = Qt::UserRole + 1, // bool: the cell shows NULL
        RowStateRole,                  // RowState
        IsPendingRole,                 // bool: the cell holds an unsaved value
        StoredValueRole,               // the value as loaded from the database
        IsDefaultRole,                 // bool: a new row's cell the database will fill
        FailedRole,                    // FailedMark: where the last Save stopped
    };
    enum FailedMark
    {
        NotFailed,
        FailedRowCell, // another cell of the row Save stopped at
        FailedCell     // the cell Save stopped at (every cell of the row if no column known)
    };
    Q_ENUM(FailedMark)
    enum RowState
    {
        Clean,
        Edited,
        Inserted,
        Deleted
    };
    Q_ENUM(RowState)

    TableModel(const Database &database, TableSchema schema, ChangeSet *changes,
               QUndoStack *undoStack, QObject *parent = nullptr);

    const TableSchema &schema() const { return m_schema; }
    const Database &database() const { return m_database; }

    // The WHERE condition of the grid (without the keyword), values bound.
    void setWhere(const SqlFragment &where) { m_where = where; }
    const SqlFragment &where() const { return m_where; }
    // Rows the current filter matches in the database, whether fetched or not.
    qint64 matchingRowCount() const { return m_matchingRows; }

    bool select() override;
    void setSort(int column, Qt::SortOrder order) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    QString selectStatement() const override;
    bool submit() override { return true; } // edits are never written row by row

    bool canFetchMore(const QModelIndex &parent = QModelIndex()) const override;
    void fetchMore(const QModelIndex &parent = QModelIndex()) override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int storedRowCount() const { return int(m_rows.size()); }
    RowKey keyForRow(int row) const;
    int rowForKey(const RowKey &key) const; // -1 when not fetched
    QVariant storedValue(int row, int column) const;
    QVariant currentValue(int row, int column) const; // pending value, or the stored one

    // Edits as undo commands. `text` names the action for Edit > Undo.
    bool setCells(const QModelIndexList &cells, const QVariant &value, const QString &text);
    // Cells with values of their own (a paste), as one undo step.
    bool setCellValues(const QList<QPair<QModelIndex, QVariant>> &cells, const QString &text);
    bool canEdit(const QModelIndex &index) const;

    // The row a failed Save stopped at, shown until it has nothing pending or the next Save.
    void setFailedRow(const RowKey &key, const QString &column);
    RowKey failedRow() const { return m_failedKey; }

signals:
    void matchingRowCountChanged(qint64 count);

private:
    bool readWindow(int offset, int limit, QVector<QVariantList> *rows);
    void countMatchingRows();
    void onChangesTouched(const ChangeScope &scope);
    void emitRowsChanged(QList<int> rows, int firstColumn, int lastColumn);
    std::optional<CellChange> changeFor(const QModelIndex &index, const QVariant &value) const;

    const Database &m_database;
    TableSchema m_schema;
    ChangeSet *m_changes;
    QUndoStack *m_undoStack;
    SqlFragment m_where;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_matchingRows = 0;
    QVector<QVariantList> m_rows; // rows read so far: the columns, then the rowid if used
    bool m_atEnd = true;
    bool m_reading = false;         // views call fetchMore() from our own signals; ignore that
    mutable QVector<RowKey> m_keys; // per fetched row, filled as rows are shown
    mutable QHash<RowKey, int> m_rowOfKey; // rows 0 .. m_indexedRows - 1, built on demand
    mutable int m_indexedRows = 0;
    RowKey m_failedKey;
    int m_failedColumn = -1;
};

} // namespace Tabula
