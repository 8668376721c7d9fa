// TableModel: pages far from every row read, read on a worker (setFarReadRows).
#include "tablemodel.h"

namespace Tabula {

// Whether the row is not there yet because its page is being read on a worker, or now starts
// to be. Rows next to a page under way wait for it: once it is there they are one keyset read
// away.
bool TableModel::defersRow(int row) const
{
    if (m_farReadRows < 0 || row < 0 || row >= m_shown || m_windows.row(row))
        return false;
    const int page = m_windows.pageOf(row);
    if (m_farPage >= 0 && qAbs(page - m_farPage) <= 1)
        return true;
    if (m_failedPages.contains(page))
        return false;
    const WindowRequest request = requestFor(page);
    if (request.offset < m_farReadRows)
        return false;
    const_cast<TableModel *>(this)->startFarRead(page, request);
    return true;
}

// One far read at a time: a new one (the user scrolled on) drops the one under way.
void TableModel::startFarRead(int page, const WindowRequest &request)
{
    ++m_rowReads;
    m_farPage = page;
    m_farReversed = request.reversed;
    m_farFromEstimatedEnd = request.fromEstimatedEnd;
    m_farReader.start(m_schema, windowSelect(request));
}

void TableModel::finishFarRead(const QVector<QVariantList> &read, const QString &error)
{
    const int page = m_farPage;
    m_farPage = -1;
    if (page < 0)
        return;
    const int size = m_windows.pageSize();
    if (!error.isEmpty()) {
        m_failedPages.insert(page);
        reportReadError(tr("Reading rows %L1 to %L2 failed: %3")
                            .arg(qint64(page) * size + 1)
                            .arg(qint64(page + 1) * size)
                            .arg(error));
    } else {
        QVector<QVariantList> rows = read;
        if (m_farReversed)
            std::reverse(rows.begin(), rows.end());
        storePage(page, std::move(rows), m_farFromEstimatedEnd);
        m_lastLoaded = page;
        m_readAhead = 1;
    }
    // The page and its neighbours, which waited for it, are painted again.
    const int first = qMax(0, (page - 1) * size);
    const int last = qMin(m_shown - 1, (page + 2) * size - 1);
    if (first <= last)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void TableModel::dropFarRead()
{
    m_farReader.cancel();
    m_farPage = -1;
}

} // namespace Tabula
