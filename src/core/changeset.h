#pragma once

#include "cellvalues.h"
#include "rowkey.h"

#include <QHash>
#include <QObject>
#include <QVector>
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
    struct Snapshot
    {
        QHash<RowKey, StoredRow> stored;
        QVector<InsertedRow> inserted;
    };

    explicit ChangeSet(QObject *parent = nullptr);

    bool isEmpty() const { return pendingCount() == 0; }
    // Edited cells of rows not deleted + deleted rows + inserted rows: what the status bar counts.
    int pendingCount() const { return m_editCount + m_deletedCount + int(m_inserted.size()); }
    int editedCellCount() const { return m_editCount; }

    std::optional<QVariant> pendingValue(const RowKey &key, int column) const;
    bool isDeleted(const RowKey &key) const;
    bool hasChanges(const RowKey &key) const;

    // Applies many cell changes as one, with a single changed() signal. A stored cell set
    // back to its original value becomes clean again.
    void apply(const QVector<CellChange> &changes);
    void setDeleted(const QVector<RowKey> &keys, bool deleted);

    const QVector<InsertedRow> &insertedRows() const { return m_inserted; }
    int insertedIndex(quint64 serial) const;
    quint64 nextSerial() { return ++m_lastSerial; }
    void insertRow(int index, const InsertedRow &row);
    InsertedRow removeInsertedRow(quint64 serial);

    const QHash<RowKey, StoredRow> &storedRows() const { return m_stored; }

    Snapshot snapshot() const { return {m_stored, m_inserted}; }
    void restore(const Snapshot &snapshot);
    void clear() { restore({}); }

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

    QHash<RowKey, StoredRow> m_stored;
    QVector<InsertedRow> m_inserted;
    quint64 m_lastSerial = 0;
    int m_editCount = 0;
    int m_deletedCount = 0;
};

} // namespace Tabula
