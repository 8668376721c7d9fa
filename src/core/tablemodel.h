#pragma once

#include "backgroundquery.h"
#include "backgroundrows.h"
#include "changeset.h"
#include "keysetorder.h"
#include "rowwindows.h"
#include "savejob.h"
#include "sqlfragment.h"
#include "tableschema.h"

#include <QSqlTableModel>
#include <limits>

class QUndoStack;

namespace Tabula {

class Database;

// The grid's model. Rows are read in windows of positions, by keyset (the rows after a known
// one in the shown order, an indexed range) rather than OFFSET, each read to the end and
// closed, so no open cursor holds a lock; only a budget of windows stays in memory (RowWindows),
// so a table of ten million rows costs what its visible part does. The first window shows
// before any count; a count too big to take at once runs on a worker thread. The ChangeSet is
// laid over what was read: pending changes are keyed by row, not position, and survive both
// eviction and re-reads. Qt's own edit cache is never used (keyed by position, it loses edits
// on select()); the QSqlTableModel members that would use it are overridden to do what they
// say with the change set, or to refuse.
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
    // The table turned read-only while open (a check found the file damaged): no edit from
    // now on; pending ones stay, for the journal and for a copy of the file.
    void setReadOnlyReason(const QString &reason) { m_schema.readOnlyReason = reason; }
    const Database &database() const { return m_database; }

    // The WHERE condition of the grid (without the keyword), values bound.
    void setWhere(const SqlFragment &where) { m_where = where; }
    const SqlFragment &where() const { return m_where; }
    // Rows the current filter matches in the database, whether read or not; -1 while they
    // are being counted. Meanwhile rowCount() is the catalog's estimate where there is one
    // (rowCountIsEstimated(): the last rows are read from the end, so Ctrl+End needs no count),
    // else the rows read so far (it grows as they are read); either way it becomes the count
    // when that comes.
    qint64 matchingRowCount() const { return m_total; }
    bool rowCountIsEstimated() const { return m_tailBase >= 0; }
    // While counting: at least this many match (the bounded count), and the catalog's estimate
    // of the whole table where the database keeps one and no filter is set (else -1).
    qint64 rowCountLowerBound() const { return m_lowerBound; }
    qint64 rowCountEstimate() const { return m_estimate; }
    bool isCounting() const { return m_counter.isRunning(); }
    void cancelCount();
    // The matching rows were counted by a scan made elsewhere (a bulk-edit plan of the filter's
    // rows): the count stops being needed. -1: they were not, count again on the worker.
    void takeCount(qint64 total);
    // Blocks until the count is known (tests and tools; the window never waits).
    bool waitForCount(int msecs = 60000);
    // Rows kept in memory at most (windows of 256); the least recently shown go first.
    void setCacheBudget(int rows);
    int cachedRowCount() const { return m_windows.cachedRows(); }
    // Queries that read rows since the model was made (tests: read-ahead issues fewer).
    int rowReadCount() const { return m_rowReads; }

    // Reads from the start: rows, order and count afresh (filter or sort changed).
    bool select() override;
    // Re-reads what is shown where it is shown (after a Save): no model reset, so the current
    // cell, selection and scroll position stay; the count is taken again.
    void reload();
    void setSort(int column, Qt::SortOrder order) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    QString selectStatement() const override;

    // QSqlTableModel's editing members, on the change set. Called through a QSqlTableModel
    // pointer, Qt's non-virtual submitAll(), revertAll() and isDirty() cannot be reached:
    // these hide them (and are the slots found by name).
    SaveResult saveChanges();
    // What saveChanges() does once the writing is over (a Save on a worker thread ends here):
    // on success the undo history and the change set are cleared; either way the rows are
    // re-read in place and a failed row is marked.
    void finishSave(const SaveResult &result);
    // While a Save on a worker thread reads the change set, every edit is refused and no cell
    // is editable.
    void setSaving(bool saving) { m_saving = saving; }
    bool isSaving() const { return m_saving; }
    void setFilter(const QString &filter) override; // a raw WHERE, through the SQL guard
    void setTable(const QString &tableName) override;
    void setEditStrategy(EditStrategy strategy) override;
    bool insertRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    bool deleteRows(const QList<int> &rows); // any rows, as one undo step
    void revertRow(int row) override;
    bool selectRow(int row) override;
    bool isDirty() const;
    bool isDirty(const QModelIndex &index) const;
    void clear() override;
public slots:
    bool submit() override { return true; } // edits are never written row by row
    void revert() override {}               // nor dropped row by row (revertAll() does)
    bool submitAll();                       // Save
    void revertAll();                       // drops everything pending, as one undo step

public:
    bool canFetchMore(const QModelIndex &parent = QModelIndex()) const override;
    void fetchMore(const QModelIndex &parent = QModelIndex()) override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int storedRowCount() const { return m_shown; }
    RowKey keyForRow(int row) const;
    int rowForKey(const RowKey &key) const; // -1 when its window is not in memory
    // The row with `key` wherever it is, reading its window (-1 when no row has it).
    int locate(const RowKey &key);
    // Makes sure the rows from `first` to `last` are in memory (a view about to show them).
    void prefetch(int first, int last);
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

    // Pages the model can reach only by skipping more than `rows` rows (an OFFSET far from
    // any row read: a scroll-bar jump into a huge table) are read on a worker, so that the
    // window keeps painting: data() is empty for those rows until they arrive (dataChanged).
    // 0: every page not in memory (the grid: no read blocks the window). -1, the default:
    // every page is read when it is asked for (tests, tools).
    void setFarReadRows(int rows) { m_farReadRows = rows; }
    bool isReadingFar() const { return m_farPage >= 0; }

signals:
    void matchingRowCountChanged(qint64 count);
    // A window or the count could not be read: the message, for the user.
    void readFailed(const QString &message);

private:
    // Up to this many matching rows are counted before the first screen shows (a bounded count
    // costs no more than reading them); past it the count runs on a worker thread.
    static constexpr int kCountAtOnce = 10000;
    // A column header's tooltip: name, type, NOT NULL, key, and the table it references.
    static QString columnToolTip(const ColumnInfo &column, const ForeignKey *reference);
    // The most rows the model shows (an int, with room for the rows inserted after them).
    static constexpr int kMostRows = std::numeric_limits<int>::max() - 1000000;

    struct WindowRequest
    {
        std::optional<QVariantList> anchor; // read after this row (before it when reversed)
        bool reversed = false;
        qint64 offset = 0;
        int limit = 0;
        bool fromEstimatedEnd = false; // placed by the estimate: moved when the count comes
    };
    const QVariantList *storedRow(int row) const;
    bool loadPage(int page);
    int readAheadPages(int page);
    void storePage(int page, QVector<QVariantList> rows, bool fromEstimatedEnd = false);
    void storePages(int page, QVector<QVariantList> rows, bool fromEstimatedEnd);
    qint64 readEstimate() const;
    WindowRequest requestFor(int page) const;
    bool readRows(const WindowRequest &request, QVector<QVariantList> *rows);
    SqlFragment windowSelect(const WindowRequest &request) const;
    bool defersRow(int row) const;
    void startFarRead(int page, const WindowRequest &request);
    void finishFarRead(const QVector<QVariantList> &rows, const QString &error);
    void dropFarRead();
    SqlFragment fromWhere(const SqlFragment &extra) const;
    QStringList selectColumns() const;
    void resetOrder();
    void startCount(bool atOnce = true);
    void showEstimate();
    void leaveEstimate(qint64 total);
    void applyTotal(qint64 total);
    void reportReadError(const QString &what);
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
    std::optional<KeysetOrder> m_order;
    RowWindows m_windows;
    QSet<int> m_failedPages; // not read again until the next select()
    int m_shown = 0;         // stored rows the model shows: the count, or read so far
    qint64 m_total = 0;      // -1 while counting
    qint64 m_lowerBound = -1;
    qint64 m_estimate = -1;
    bool m_totalIsFresh = true; // false between reload() and its count: no paging from the end
    // While counting, the estimate the model shows as its rows (-1: none): the last pages are
    // read from there, and are placed afresh when the count comes (m_tailPages, anchors too).
    qint64 m_tailBase = -1;
    QSet<int> m_tailPages;
    int m_headRows = 0;     // rows read from the start when the estimate was shown
    bool m_atEnd = true;    // reading forward reached the last row
    bool m_reading = false; // views call fetchMore() from our own signals; ignore that
    int m_lastLoaded = -1;  // the page read last: reading forward from it reads ahead
    int m_readAhead = 1;    // pages read at once while scrolling forward: 1, 4, 16
    int m_rowReads = 0;
    BackgroundQuery m_counter;
    BackgroundRows m_farReader;
    int m_farReadRows = -1;
    int m_farPage = -1; // the page being read on the worker
    bool m_farReversed = false;
    bool m_farFromEstimatedEnd = false;
    RowKey m_failedKey;
    int m_failedColumn = -1;
    bool m_saving = false;
};

} // namespace Tabula
