// TableModel: reading rows in windows (counting them: tablemodelcount.cpp).
#include "tablemodel.h"
#include "windowread.h"

#include "database.h"
#include "preparedquery.h"
#include "readonlyscope.h"
#include "valuetext.h"

#include <QScopedValueRollback>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Tabula {

namespace {

// Pages read at once at most while scrolling forward.
constexpr int kMaxReadAhead = 16;
// Windows read again at once after a Save: about a screen's worth.

QString messageOf(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText().trimmed();
}

} // namespace

QStringList TableModel::selectColumns() const
{
    QStringList columns;
    for (const ColumnInfo &c : m_schema.columns)
        columns << m_database.dialect().quoteIdentifier(c.name);
    // The key as row identity reads it, after the columns, where the columns themselves do
    // not give it back unchanged: the rowid, or a SQLite TEXT key as its bytes.
    const RowIdentity identity = m_database.dialect().rowIdentity(m_schema);
    if (m_schema.usesRowId() || identity.readsApart())
        columns << identity.readColumns();
    return columns;
}

// " FROM t WHERE (filter) AND extra", parameters in order.
SqlFragment TableModel::fromWhere(const SqlFragment &extra) const
{
    SqlFragment result{QStringLiteral(" FROM ") + m_database.dialect().qualifiedName(m_schema.id),
                       {}};
    QStringList conditions;
    if (!m_where.isEmpty()) {
        conditions << '(' + m_where.sql + ')';
        result.params += m_where.params;
    }
    if (!extra.isEmpty()) {
        conditions << '(' + extra.sql + ')';
        result.params += extra.params;
    }
    if (!conditions.isEmpty())
        result.sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    return result;
}

QString TableModel::selectStatement() const
{
    return QStringLiteral("SELECT ") + selectColumns().join(QStringLiteral(", ")) +
           fromWhere({}).sql + m_order->orderBy(false);
}

void TableModel::setSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    QSqlTableModel::setSort(column, order);
}

void TableModel::resetOrder()
{
    m_order.emplace(m_database.dialect(), m_schema, m_sortColumn, m_sortOrder);
}

SqlFragment TableModel::windowSelect(const WindowRequest &request) const
{
    SqlFragment keyset;
    if (request.anchor)
        keyset = m_order->after(*request.anchor, request.reversed);
    const SqlFragment from = fromWhere(keyset);
    SqlFragment select{QStringLiteral("SELECT ") + selectColumns().join(QStringLiteral(", ")) +
                           from.sql + m_order->orderBy(request.reversed) +
                           QStringLiteral(" LIMIT ? OFFSET ?"),
                       from.params};
    select.params << request.limit << request.offset;
    return select;
}

bool TableModel::readRows(const WindowRequest &request, QVector<QVariantList> *rows)
{
    ++m_rowReads;
    QSqlError error;
    if (!readWindow(m_database, m_schema, windowSelect(request), rows, &error)) {
        setLastError(error);
        return false;
    }
    if (request.reversed)
        std::reverse(rows->begin(), rows->end());
    return true;
}

// The cheapest way to the page: by keyset from a neighbour's anchor, else skipping the fewest
// rows from the nearest anchor, the start or the end (when the count is current, or while the
// estimate stands for it: then the page is placed from the estimated end, as is a page read
// from the anchor of one that was).
TableModel::WindowRequest TableModel::requestFor(int page) const
{
    const int size = m_windows.pageSize();
    const qint64 first = qint64(page) * size;
    WindowRequest best{std::nullopt, false, first, size};
    if (!m_order->isUsable())
        return best; // no key to page by: OFFSET from the start
    const int below = m_windows.nearestBelow(page);
    if (below >= 0) {
        const qint64 skip = qint64(page - below - 1) * size;
        if (skip < best.offset)
            best = {m_windows.lastAnchor(below), false, skip, size, m_tailPages.contains(below)};
    }
    const int above = m_windows.nearestAbove(page);
    if (above >= 0) {
        const qint64 skip = qint64(above - page - 1) * size;
        if (skip < best.offset)
            best = {m_windows.firstAnchor(above), true, skip, size, m_tailPages.contains(above)};
    }
    const qint64 total = m_total >= 0 && m_totalIsFresh ? m_total : m_tailBase;
    if (total >= 0) {
        const qint64 end = qMin<qint64>(first + size, total);
        const qint64 skip = total - end;
        if (skip < best.offset)
            best = {std::nullopt, true, skip, int(end - first), total == m_tailBase};
    }
    return best;
}

// Reading forward page after page (scrolling end to end) reads 4, then 16 pages at once, so
// that far fewer queries are issued; any other page resets to one. Bounded by a quarter of the
// cache budget, and by the rows shown.
int TableModel::readAheadPages(int page)
{
    const int size = m_windows.pageSize();
    const bool forward = page == m_lastLoaded + 1 && m_windows.nearestBelow(page) == page - 1;
    m_readAhead = forward ? qMin(m_readAhead * 4, kMaxReadAhead) : 1;
    m_lastLoaded = page;
    const int budget = qMax(1, m_windows.maxRows() / size / 4);
    const int shown = int((qint64(m_shown) + size - 1) / size) - page;
    return qMax(1, qMin(m_readAhead, qMin(budget, shown)));
}

bool TableModel::loadPage(int page)
{
    if (m_failedPages.contains(page))
        return false;
    WindowRequest request = requestFor(page);
    int pages = 1;
    if (request.anchor && !request.reversed && request.offset == 0) {
        pages = readAheadPages(page);
        request.limit = pages * m_windows.pageSize();
    } else {
        m_lastLoaded = page;
        m_readAhead = 1;
    }
    QVector<QVariantList> rows;
    if (!readRows(request, &rows)) {
        m_failedPages.insert(page);
        reportReadError(tr("Reading rows %L1 to %L2 failed: %3")
                            .arg(qint64(page) * m_windows.pageSize() + 1)
                            .arg(qint64(page + 1) * m_windows.pageSize())
                            .arg(messageOf(lastError())));
        return false;
    }
    storePages(page, std::move(rows), request.fromEstimatedEnd);
    m_lastLoaded = page + pages - 1;
    return true;
}

// Rows read from the start of `page` on, as pages; the first page is stored last, so that it
// is the most recently shown.
void TableModel::storePages(int page, QVector<QVariantList> rows, bool fromEstimatedEnd)
{
    const int size = m_windows.pageSize();
    const int pages = qMax(1, int((rows.size() + size - 1) / size));
    for (int i = pages - 1; i >= 0; --i)
        storePage(page + i, rows.mid(i * size, size), fromEstimatedEnd);
}

void TableModel::storePage(int page, QVector<QVariantList> rows, bool fromEstimatedEnd)
{
    if (fromEstimatedEnd)
        m_tailPages.insert(page);
    else
        m_tailPages.remove(page);
    QVector<RowKey> keys;
    keys.reserve(rows.size());
    const RowIdentity identity = m_database.dialect().rowIdentity(m_schema);
    const bool keyAfterColumns = m_schema.usesRowId() || identity.readsApart();
    for (const QVariantList &row : std::as_const(rows)) {
        QVariantList values;
        if (keyAfterColumns) {
            values = row.mid(m_schema.columns.size(), identity.width());
        } else {
            for (int c : m_schema.keyColumns)
                values << row.value(c);
        }
        keys.append(identity.keyFromRead(std::move(values)));
    }
    const QVariantList first = rows.isEmpty() ? QVariantList() : m_order->anchorOf(rows.first());
    const QVariantList last = rows.isEmpty() ? QVariantList() : m_order->anchorOf(rows.last());
    m_windows.insertPage(page, std::move(rows), std::move(keys), first, last);
}

const QVariantList *TableModel::storedRow(int row) const
{
    if (row < 0 || row >= m_shown)
        return nullptr;
    if (const QVariantList *cached = m_windows.row(row))
        return cached;
    if (m_windows.hasPage(m_windows.pageOf(row)))
        return nullptr; // its page ended before it: past the end the estimate put too far
    // Reading a window changes what is cached, not what the model shows.
    auto *self = const_cast<TableModel *>(this);
    if (!self->loadPage(m_windows.pageOf(row)))
        return nullptr;
    return m_windows.row(row);
}

RowKey TableModel::keyForRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    if (row >= m_shown)
        return RowKey::inserted(m_changes->insertedRows().at(row - m_shown).serial);
    if (!storedRow(row))
        return {};
    return *m_windows.key(row);
}

int TableModel::rowForKey(const RowKey &key) const
{
    if (key.isInserted()) {
        const int index = m_changes->insertedIndex(key.insertedSerial());
        return index < 0 ? -1 : m_shown + index;
    }
    return m_windows.rowOf(key);
}

QVariant TableModel::storedValue(int row, int column) const
{
    const QVariantList *values = storedRow(row);
    return values ? values->value(column) : QVariant();
}

// Reads the order values of the row with `key`, then counts the rows before it: an indexed
// count, so that a row far from every cached window is found without reading its neighbours.
int TableModel::locate(const RowKey &key)
{
    const int cached = rowForKey(key);
    if (cached >= 0 || key.isInserted() || !key.isValid() || !m_order->isUsable())
        return cached;
    const ReadOnlyScope readOnly(m_database);
    if (!readOnly.isActive())
        return -1;
    const RowIdentity identity = m_database.dialect().rowIdentity(m_schema);
    const SqlFragment from = fromWhere({identity.matchOne(), {}});
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    QString error;
    if (!prepareBound(query, {QStringLiteral("SELECT ") +
                                  selectColumns().join(QStringLiteral(", ")) + from.sql,
                              from.params}) ||
        !identity.bind(query, key, &error) || !query.exec() || !query.next())
        return -1;
    QVariantList row;
    for (int c = 0; c < query.record().count(); ++c)
        row << query.value(c);
    query.finish();
    const SqlFragment before = fromWhere(m_order->after(m_order->anchorOf(row), true));
    if (!execBound(query, {QStringLiteral("SELECT COUNT(*)") + before.sql, before.params}) ||
        !query.next())
        return -1;
    const qint64 position = query.value(0).toLongLong();
    query.finish();
    if (position >= m_shown)
        return -1;
    storedRow(int(position)); // reads its window, so that its neighbours are found too
    return rowForKey(key);
}

void TableModel::prefetch(int first, int last)
{
    const int size = m_windows.pageSize();
    for (int row = qMax(first, 0) / size * size; row <= qMin(last, m_shown - 1); row += size)
        storedRow(row);
}

bool TableModel::select()
{
    if (m_reading)
        return false;
    const QScopedValueRollback<bool> reading(m_reading, true);
    m_counter.cancel();
    resetOrder();
    dropFarRead();
    QVector<QVariantList> rows;
    if (!readRows({std::nullopt, false, 0, m_windows.pageSize()}, &rows))
        return false;
    beginResetModel();
    m_windows.clear();
    m_failedPages.clear();
    m_lastLoaded = 0;
    m_readAhead = 1;
    m_totalIsFresh = true;
    m_tailBase = -1;
    m_tailPages.clear();
    m_shown = int(rows.size());
    m_atEnd = m_shown < m_windows.pageSize();
    m_total = m_atEnd ? m_shown : -1;
    storePage(0, std::move(rows));
    endResetModel();
    if (m_atEnd)
        emit matchingRowCountChanged(m_total);
    else
        startCount();
    return true;
}

void TableModel::reload()
{
    if (m_reading)
        return;
    m_counter.cancel();
    dropFarRead();
    m_windows.clear();
    m_tailPages.clear();
    m_failedPages.clear();
    m_lastLoaded = -1;
    m_readAhead = 1;
    m_totalIsFresh = false;
    // Rows are read again when a view asks for them (the screen's at once, as it repaints),
    // from the start or the end where they are near one: anchors are gone, rows before them
    // may have been deleted. Nothing is read that nobody shows.
    if (m_shown > 0) {
        emit dataChanged(index(0, 0), index(m_shown - 1, columnCount() - 1));
        emit headerDataChanged(Qt::Vertical, 0, m_shown - 1);
    }
    // A table that was small is counted again at once; a big one on the worker, showing its
    // last count meanwhile: after a bulk edit the filter may match nothing any more, and a
    // bounded count would scan the whole table to find that out.
    startCount(m_total >= 0 && m_total <= kCountAtOnce);
}

bool TableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_total < 0 && !m_atEnd && !m_reading;
}

// While the count runs, rows are shown as far as they were read.
void TableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QScopedValueRollback<bool> reading(m_reading, true);
    const int page = m_windows.pageOf(m_shown);
    QVector<QVariantList> rows;
    if (!readRows(requestFor(page), &rows)) {
        m_atEnd = true; // a view asking again would only fail again
        reportReadError(tr("Reading more rows failed: %1").arg(messageOf(lastError())));
        return;
    }
    const int read = int(rows.size());
    m_atEnd = read < m_windows.pageSize();
    if (read > 0) {
        // Stored rows come before the inserted ones, so new stored rows go in between.
        beginInsertRows(QModelIndex(), m_shown, m_shown + read - 1);
        storePage(page, std::move(rows));
        m_shown += read;
        endInsertRows();
    }
    if (m_atEnd) {
        m_counter.cancel(); // every row was read: that is the count
        applyTotal(m_shown);
    }
}

void TableModel::setCacheBudget(int rows)
{
    m_windows.setMaxRows(rows);
}

void TableModel::reportReadError(const QString &message)
{
    // Reads happen while views paint: tell them once the painting is over.
    QMetaObject::invokeMethod(
        this, [this, message] { emit readFailed(message); }, Qt::QueuedConnection);
}

} // namespace Tabula
