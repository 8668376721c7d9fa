#include "conflictscan.h"
#include "valuetext.h"

#include "database.h"
#include "savemessages.h"

#include <QSqlError>

namespace Tabula {

ConflictScan::ConflictScan(const Database &database, const TableSchema &schema,
                           const ChangeSet &changes)
    : m_database(database), m_schema(schema), m_changes(changes),
      m_identity(database.dialect().rowIdentity(schema)), m_statements(database.connection())
{
}

bool ConflictScan::run(QVector<Conflict> *conflicts, QString *error)
{
    m_reportedDeleted.clear();
    m_error.clear();
    bool ok = scanStoredRows(conflicts);
    for (const ChangeSet::Bulk &bulk : m_changes.bulkOperations())
        ok = ok && scanBulk(*bulk, conflicts);
    m_statements.clear();
    if (!ok)
        *error = m_error;
    return ok;
}

bool ConflictScan::scanStoredRows(QVector<Conflict> *conflicts)
{
    QVector<RowKey> keys;
    const QHash<RowKey, ChangeSet::StoredRow> &stored = m_changes.storedRows();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (it->deleted || !it->edits.isEmpty())
            keys.append(it.key());
    }
    keys = sortedKeys(keys);
    for (qsizetype first = 0; first < keys.size(); first += kBatchSize) {
        const QVector<RowKey> batch = keys.mid(first, kBatchSize);
        QList<int> columns; // every column a row of the batch is checked in
        for (const RowKey &key : batch) {
            const ChangeSet::StoredRow &row = *stored.constFind(key);
            for (int c : (row.deleted ? row.originals : row.edits).keys()) {
                if (!columns.contains(c))
                    columns.append(c);
            }
        }
        std::sort(columns.begin(), columns.end());
        Rows rows;
        if (!readRows(batch, columns, &rows))
            return false;
        for (const RowKey &key : batch)
            compareStored({key, &*stored.constFind(key)}, columns, rows, conflicts);
    }
    return true;
}

// A pending delete is checked in every column it was loaded with (as Save checks it), an
// update in the columns it writes.
void ConflictScan::compareStored(const Pending &pending, const QList<int> &columns,
                                 const Rows &rows, QVector<Conflict> *conflicts)
{
    const auto found = rows.constFind(pending.key);
    if (found == rows.cend()) {
        addDeleted(pending.key, pending.row->deleted, conflicts);
        return;
    }
    const bool deleted = pending.row->deleted;
    const CellValues &checked = deleted ? pending.row->originals : pending.row->edits;
    for (auto v = checked.cbegin(); v != checked.cend(); ++v) {
        const QVariant loaded = pending.row->originals.value(v.key());
        const QVariant theirs = found->at(columns.indexOf(v.key()));
        if (sameValue(theirs, loaded))
            continue;
        Conflict conflict{pending.key, v.key(), loaded, theirs, QVariant(), false, deleted};
        if (!deleted)
            conflict.mine = v.value();
        conflicts->append(conflict);
    }
}

bool ConflictScan::scanBulk(const BulkOperation &bulk, QVector<Conflict> *conflicts)
{
    // Only the rows whose saved value comes from this edit: the others are checked where
    // their value comes from (a cell edit, a newer bulk edit, a delete).
    const std::vector<char> effective = m_changes.effectiveRows(bulk);
    const bool asIntegers =
        bulk.keys.isIntegers() &&
        !m_database.dialect().keyInIntegers(m_identity.columns().first(), nullptr, 0).isEmpty();
    const size_t batchSize = asIntegers ? kArrayBatchSize : kBatchSize;
    std::vector<qsizetype> positions;
    positions.reserve(qMin(batchSize, size_t(bulk.size())));
    for (qsizetype i = 0; i < bulk.size(); ++i) {
        if (!effective[size_t(i)])
            continue;
        positions.push_back(i);
        if (positions.size() == batchSize) {
            if (!scanBulkBatch(bulk, positions, asIntegers, conflicts))
                return false;
            positions.clear();
        }
    }
    return positions.empty() || scanBulkBatch(bulk, positions, asIntegers, conflicts);
}

bool ConflictScan::scanBulkBatch(const BulkOperation &bulk, const std::vector<qsizetype> &positions,
                                 bool asIntegers, QVector<Conflict> *conflicts)
{
    Rows rows;
    if (asIntegers) {
        std::vector<qint64> keys;
        keys.reserve(positions.size());
        for (qsizetype p : positions)
            keys.push_back(bulk.keys.integerAt(p));
        if (!readIntegerKeys(keys, bulk.column, &rows))
            return false;
    } else {
        QVector<RowKey> keys;
        keys.reserve(qsizetype(positions.size()));
        for (qsizetype p : positions)
            keys.append(bulk.keys.at(p));
        if (!readRows(keys, {bulk.column}, &rows))
            return false;
    }
    compareBulk(bulk, positions, rows, conflicts);
    return true;
}

void ConflictScan::compareBulk(const BulkOperation &bulk, const std::vector<qsizetype> &positions,
                               const Rows &rows, QVector<Conflict> *conflicts)
{
    for (qsizetype p : positions) {
        const RowKey key = bulk.keys.at(p);
        const auto found = rows.constFind(key);
        if (found == rows.cend()) {
            addDeleted(key, false, conflicts);
            continue;
        }
        const QVariant &loaded = bulk.loaded.at(p);
        if (!sameValue(found->first(), loaded))
            conflicts->append({key, bulk.column, loaded, found->first(), bulk.next.at(p)});
    }
}

void ConflictScan::addDeleted(const RowKey &key, bool mineDeleted, QVector<Conflict> *conflicts)
{
    if (m_reportedDeleted.contains(key))
        return;
    m_reportedDeleted.insert(key);
    Conflict conflict;
    conflict.key = key;
    conflict.theirsDeleted = true;
    conflict.mineDeleted = mineDeleted;
    conflicts->append(conflict);
}

bool ConflictScan::readRows(const QVector<RowKey> &keys, const QList<int> &columns, Rows *rows)
{
    QVector<RowKey> listed;
    QString error;
    for (const RowKey &key : keys) {
        if (RowIdentity::matchableInList(key) && keys.size() > 1) {
            listed.append(key);
            continue;
        }
        QSqlQuery &q = statement(selectSql(columns, m_identity.matchOne()));
        m_identity.bind(q, key, &error);
        if (!readQuery(q, columns, rows))
            return false;
    }
    if (listed.isEmpty())
        return true;
    QSqlQuery &q = statement(selectSql(columns, m_identity.matchMany(int(listed.size()))));
    for (const RowKey &key : std::as_const(listed))
        m_identity.bind(q, key, &error);
    return readQuery(q, columns, rows);
}

bool ConflictScan::readIntegerKeys(const std::vector<qint64> &keys, int column, Rows *rows)
{
    const SqlFragment match = m_database.dialect().keyInIntegers(
        m_identity.columns().first(), keys.data(), qsizetype(keys.size()));
    QSqlQuery &q = statement(selectSql({column}, match.sql));
    for (const QVariant &v : match.params)
        q.addBindValue(v);
    return readQuery(q, {column}, rows);
}

bool ConflictScan::readQuery(QSqlQuery &query, const QList<int> &columns, Rows *rows)
{
    if (!m_statements.exec(query)) {
        m_error = databaseMessage(query.lastError());
        return false;
    }
    const int first = m_identity.width();
    while (query.next()) {
        QVariantList values;
        values.reserve(columns.size());
        for (int i = 0; i < columns.size(); ++i)
            values << valueAsRead(m_schema.columns.at(columns.at(i)), query.value(first + i));
        rows->insert(m_identity.keyAt(query, 0), values);
    }
    const QSqlError error = query.lastError();
    query.finish(); // done reading: no lock is kept (SQLite holds one while a statement runs)
    if (error.isValid())
        m_error = databaseMessage(error);
    return !error.isValid();
}

QString ConflictScan::selectSql(const QList<int> &columns, const QString &match) const
{
    const Dialect &d = m_database.dialect();
    QStringList select = m_identity.readColumns();
    for (int c : columns)
        select << d.quoteIdentifier(m_schema.columns.at(c).name);
    return QStringLiteral("SELECT %1 FROM %2 WHERE %3")
        .arg(select.join(QStringLiteral(", ")), d.qualifiedName(m_schema.id), match);
}

} // namespace Tabula
