#pragma once

#include "bulkoperation.h"
#include "cellvalues.h"
#include "rowkey.h"

#include <QHash>
#include <QObject>
#include <QVector>
#include <memory>
#include <optional>

namespace Tabula {

// One pending value for one cell. `value` empty means "no pending value" for a stored row
// (the cell is clean) and "the column's default" for an inserted row.
struct CellChange
{
    RowKey key;
    int column = -1;
    std::optional<QVariant> value;
    QVariant original; // the value as loaded, for stored rows
};

// What one change to a ChangeSet touched, so that a view repaints just that.
struct ChangeScope
{
    QVector<RowKey> keys; // the rows touched, stored or inserted
    bool allRows = false; // any row may have changed (a bulk edit, a restore): ignore `keys`
    QList<int> columns;   // the columns touched, ascending; empty: whole rows
};

class ChangeRecorder;

// The single source of truth for everything not yet saved to one table, keyed by row
// identity so that sorting, filtering and re-selecting never lose it. Undo commands change
// it; Save drains it only after COMMIT succeeded.
class ChangeSet : public QObject
{
    Q_OBJECT
public:
    struct StoredRow
    {
        CellValues edits;     // column -> pending value
        CellValues originals; // column -> value when loaded (for conflict checks)
        bool deleted = false;
    };
    struct InsertedRow
    {
        quint64 serial = 0;
        CellValues values; // columns not present take their default
    };
    using Bulk = std::shared_ptr<const BulkOperation>;
    struct Snapshot
    {
        QHash<RowKey, StoredRow> stored;
        QVector<InsertedRow> inserted;
        QVector<Bulk> bulk;
    };

    explicit ChangeSet(QObject *parent = nullptr);

    bool isEmpty() const { return pendingCount() == 0; }
    // Edited cells of rows not deleted (a bulk edit's rows included) + deleted rows + inserted
    // rows: what the status bar counts.
    int pendingCount() const
    {
        return int(m_editCount + m_bulkCount + m_deletedCount + m_inserted.size());
    }
    int editedCellCount() const { return int(m_editCount + m_bulkCount); }

    // What the cell will be saved as: its own edit, else the newest bulk edit covering it.
    std::optional<QVariant> pendingValue(const RowKey &key, int column) const;
    // Only the cell's own edit (what undoing a cell edit goes back to).
    std::optional<QVariant> cellEdit(const RowKey &key, int column) const;
    bool isDeleted(const RowKey &key) const;
    bool hasChanges(const RowKey &key) const;

    // Applies many cell changes as one, with a single changed() signal. A stored cell set
    // back to its original value becomes clean again.
    void apply(const QVector<CellChange> &changes);
    // `loaded`: the rows' values as loaded, by key, so that Save can tell whether someone
    // changed a row before deleting it; kept in the row's originals.
    using LoadedRows = QHash<RowKey, CellValues>;
    void setDeleted(const QVector<RowKey> &keys, bool deleted, const LoadedRows &loaded = {});

    const QVector<InsertedRow> &insertedRows() const { return m_inserted; }
    int insertedIndex(quint64 serial) const;
    quint64 nextSerial() { return ++m_lastSerial; }
    void insertRow(int index, const InsertedRow &row);
    InsertedRow removeInsertedRow(quint64 serial);

    const QHash<RowKey, StoredRow> &storedRows() const { return m_stored; }

    // Bulk edits, oldest first. A newer one wins over an older one of the same column; a cell
    // edit wins over both (adding a bulk edit drops the cell edits it covers, and returns them
    // so that undo can bring them back).
    const QVector<Bulk> &bulkOperations() const { return m_bulk; }
    QVector<CellChange> addBulk(const Bulk &operation);
    void removeBulk(const Bulk &operation);
    // The newest bulk edit covering the cell, and the row's position in it.
    const BulkOperation *bulkFor(const RowKey &key, int column, qsizetype *position) const;
    // For each row of `operation`, whether the value saved for it comes from this operation:
    // no newer bulk edit of the column covers it, it has no cell edit there, it is not deleted.
    std::vector<char> effectiveRows(const BulkOperation &operation) const;

    Snapshot snapshot() const { return {m_stored, m_inserted, m_bulk}; }
    void restore(const Snapshot &snapshot);
    // Told of every change after it is made (the crash journal); null for none.
    void setRecorder(ChangeRecorder *recorder) { m_recorder = recorder; }
    void clear() { restore({}); }

    // For resolving conflicts (conflictresolution.h). Sets the loaded value of cells that
    // hold one already (edited cells, a deleted row's columns): what Save checks is still
    // there. Other cells, and rows with nothing pending, are left alone.
    void setOriginals(const LoadedRows &rows);
    // Puts `replacement` in `operation`'s place among the bulk edits, so that newer ones
    // still win over it: the same edit with some rows dropped or loaded anew.
    void replaceBulk(const Bulk &operation, const Bulk &replacement);

signals:
    // After every change: what it touched, then that counts may have changed.
    void touched(const Tabula::ChangeScope &scope);
    void changed();
    void insertedRowAboutToBeAdded(int index);
    void insertedRowAdded(int index);
    void insertedRowAboutToBeRemoved(int index);
    void insertedRowRemoved(int index);

private:
    void applyOne(const CellChange &change);
    void notify(const ChangeScope &scope);
    void recount();
    int bulkCellsShownIn(const RowKey &key) const;
    bool bulkCovers(const RowKey &key, int column) const { return bulkFor(key, column, nullptr); }

    QHash<RowKey, StoredRow> m_stored;
    QVector<InsertedRow> m_inserted;
    QVector<Bulk> m_bulk;
    ChangeRecorder *m_recorder = nullptr;
    quint64 m_lastSerial = 0;
    qint64 m_editCount = 0;
    qint64 m_bulkCount = 0; // bulk-edited cells of rows not deleted and without a cell edit
    qint64 m_deletedCount = 0;
};

// Told of every call that changed a ChangeSet, in order, with what it was called with:
// making the same calls on an empty ChangeSet rebuilds it exactly.
class ChangeRecorder
{
public:
    virtual ~ChangeRecorder() = default;
    virtual void applied(const QVector<CellChange> &changes) = 0;
    virtual void deletedSet(const QVector<RowKey> &keys, bool deleted,
                            const ChangeSet::LoadedRows &loaded) = 0;
    virtual void rowInserted(int index, const ChangeSet::InsertedRow &row) = 0;
    virtual void insertedRowRemoved(quint64 serial) = 0;
    virtual void bulkAdded(const BulkOperation &operation) = 0;
    virtual void bulkRemoved(int index) = 0;
    virtual void restored(const ChangeSet::Snapshot &snapshot) = 0;
    virtual void originalsSet(const ChangeSet::LoadedRows &rows) = 0;
    virtual void bulkReplaced(int index, const BulkOperation &replacement) = 0;
};

} // namespace Tabula
