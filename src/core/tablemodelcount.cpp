// TableModel: counting the rows, and the catalog's estimate standing for the count meanwhile.
#include "tablemodel.h"

#include "database.h"
#include "preparedquery.h"
#include "readonlyscope.h"

#include <QSqlQuery>

namespace Tabula {

// Counts at once what is cheap to count; starts the full count on a worker thread otherwise.
// `atOnce` false: straight to the worker (a table known to be big, re-counted after a Save).
void TableModel::startCount(bool atOnce)
{
    m_lowerBound = -1;
    m_estimate = -1;
    const SqlFragment from = fromWhere({});
    if (!atOnce) {
        m_counter.start({QStringLiteral("SELECT COUNT(*)") + from.sql, from.params});
        emit matchingRowCountChanged(m_total);
        return;
    }
    SqlFragment bounded{QStringLiteral("SELECT COUNT(*) FROM (SELECT 1") + from.sql +
                            QStringLiteral(" LIMIT ?) AS bounded"),
                        from.params};
    bounded.params << kCountAtOnce + 1;
    bool ok = false;
    {
        const ReadOnlyScope readOnly(m_database);
        QSqlQuery query(m_database.connection());
        if (readOnly.isActive() && execBound(query, bounded) && query.next()) {
            ok = true;
            m_lowerBound = query.value(0).toLongLong();
        }
    }
    if (ok && m_lowerBound <= kCountAtOnce) {
        applyTotal(m_lowerBound);
        return;
    }
    if (m_where.isEmpty())
        m_estimate = readEstimate();
    if (m_totalIsFresh) {
        m_total = -1;
        showEstimate();
    }
    emit matchingRowCountChanged(m_total);
    m_counter.start({QStringLiteral("SELECT COUNT(*)") + from.sql, from.params});
}

// Until the count comes, the model shows as many rows as the catalog estimates, so that the
// scroll bar is about right and Ctrl+End reads one window from the end at once.
void TableModel::showEstimate()
{
    if (m_estimate <= m_shown || m_estimate > kMostRows || m_tailBase >= 0)
        return;
    m_headRows = m_shown;
    m_tailBase = m_estimate;
    m_atEnd = true; // nothing to fetch: every row is there to be read
    beginInsertRows(QModelIndex(), m_shown, int(m_estimate) - 1);
    m_shown = int(m_estimate);
    endInsertRows();
}

// The estimate stops standing for the count: `total` rows from now on, or (-1: the count was
// cancelled or failed) the rows read from the start, as far as the user scrolls on. Pages
// placed from the estimated end move with the end: they are read again where they belong.
void TableModel::leaveEstimate(qint64 total)
{
    if (m_tailBase < 0)
        return;
    const bool moved = total != m_tailBase;
    int firstMoved = m_shown;
    if (moved) {
        for (int page : std::as_const(m_tailPages))
            firstMoved = qMin(firstMoved, page * m_windows.pageSize());
        m_windows.forgetPagesAndAnchors(m_tailPages);
        if (m_farPage >= 0 && m_farFromEstimatedEnd)
            dropFarRead();
    }
    m_tailPages.clear();
    m_tailBase = -1;
    if (total < 0) {
        beginRemoveRows(QModelIndex(), m_headRows, m_shown - 1);
        m_shown = m_headRows;
        endRemoveRows();
        m_atEnd = false; // not before: views fetch more from the signals
        return;
    }
    const int last = int(qMin<qint64>(total, m_shown)) - 1;
    if (moved && firstMoved <= last)
        emit dataChanged(index(firstMoved, 0), index(last, columnCount() - 1));
}

qint64 TableModel::readEstimate() const
{
    const SqlFragment statement = m_database.dialect().estimatedRowCount(m_schema.id);
    if (statement.isEmpty())
        return -1;
    QSqlQuery query(m_database.connection());
    if (!execBound(query, statement) || !query.next() || query.value(0).isNull())
        return -1;
    return query.value(0).toLongLong();
}

// The count came: the model shows that many stored rows from now on.
void TableModel::applyTotal(qint64 total)
{
    const int rows = int(qMin<qint64>(total, kMostRows));
    leaveEstimate(rows);
    // Before the rows change: views ask canFetchMore() from the signals.
    m_total = total;
    m_totalIsFresh = true;
    m_atEnd = true;
    if (rows > m_shown) {
        beginInsertRows(QModelIndex(), m_shown, rows - 1);
        m_shown = rows;
        endInsertRows();
    } else if (rows < m_shown) {
        beginRemoveRows(QModelIndex(), rows, m_shown - 1);
        m_shown = rows;
        endRemoveRows();
    }
    emit matchingRowCountChanged(m_total);
}

void TableModel::cancelCount()
{
    if (!m_counter.isRunning())
        return;
    m_counter.cancel();
    leaveEstimate(-1);
    emit matchingRowCountChanged(m_total);
}

void TableModel::takeCount(qint64 total)
{
    if (total < 0)
        startCount(false);
    else
        applyTotal(total);
}

bool TableModel::waitForCount(int msecs)
{
    return m_counter.wait(msecs) && m_total >= 0;
}

} // namespace Tabula
