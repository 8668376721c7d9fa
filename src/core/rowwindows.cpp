#include "rowwindows.h"

namespace Tabula {

RowWindows::RowWindows(int pageSize, int maxRows) : m_pageSize(pageSize), m_maxRows(maxRows) {}

void RowWindows::clear()
{
    clearPagesOnly();
    m_firstAnchors.clear();
    m_lastAnchors.clear();
}

void RowWindows::clearPagesOnly()
{
    m_pages.clear();
    m_rowOfKey.clear();
    m_cachedRows = 0;
}

QList<int> RowWindows::recentPages(int count) const
{
    QList<QPair<quint64, int>> pages;
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it)
        pages.append({it->lastShown, it.key()});
    std::sort(pages.begin(), pages.end(), std::greater<>());
    QList<int> recent;
    for (int i = 0; i < qMin<qsizetype>(count, pages.size()); ++i)
        recent << pages.at(i).second;
    return recent;
}

const QVariantList *RowWindows::row(int row) const
{
    const auto it = m_pages.constFind(pageOf(row));
    if (it == m_pages.constEnd())
        return nullptr;
    const int offset = row - it.key() * m_pageSize;
    if (offset >= it->rows.size())
        return nullptr;
    it->lastShown = ++m_clock;
    return &it->rows.at(offset);
}

const RowKey *RowWindows::key(int row) const
{
    const auto it = m_pages.constFind(pageOf(row));
    if (it == m_pages.constEnd())
        return nullptr;
    const int offset = row - it.key() * m_pageSize;
    return offset < it->keys.size() ? &it->keys.at(offset) : nullptr;
}

void RowWindows::insertPage(int page, QVector<QVariantList> rows, QVector<RowKey> keys,
                            const QVariantList &firstAnchor, const QVariantList &lastAnchor)
{
    const auto old = m_pages.find(page);
    if (old != m_pages.end())
        dropPage(old);
    if (!rows.isEmpty()) {
        m_firstAnchors.insert(page, firstAnchor);
        m_lastAnchors.insert(page, lastAnchor);
    }
    for (int i = 0; i < keys.size(); ++i)
        m_rowOfKey.insert(keys.at(i), page * m_pageSize + i);
    m_cachedRows += int(rows.size());
    Page &stored = m_pages[page];
    stored.rows = std::move(rows);
    stored.keys = std::move(keys);
    stored.lastShown = ++m_clock;
    evict();
}

void RowWindows::forgetPagesAndAnchors(const QSet<int> &pages)
{
    for (int page : pages) {
        forgetPage(page);
        m_firstAnchors.remove(page);
        m_lastAnchors.remove(page);
    }
}

void RowWindows::evict()
{
    while (m_cachedRows > m_maxRows && m_pages.size() > 1) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastShown < oldest->lastShown)
                oldest = it;
        }
        dropPage(oldest);
    }
}

void RowWindows::dropPage(QHash<int, Page>::iterator it)
{
    for (const RowKey &key : std::as_const(it->keys))
        m_rowOfKey.remove(key);
    m_cachedRows -= int(it->rows.size());
    m_pages.erase(it);
}

std::optional<QVariantList> RowWindows::firstAnchor(int page) const
{
    const auto it = m_firstAnchors.constFind(page);
    return it == m_firstAnchors.constEnd() ? std::nullopt : std::optional(*it);
}

std::optional<QVariantList> RowWindows::lastAnchor(int page) const
{
    const auto it = m_lastAnchors.constFind(page);
    return it == m_lastAnchors.constEnd() ? std::nullopt : std::optional(*it);
}

int RowWindows::nearestBelow(int page) const
{
    auto it = m_lastAnchors.lowerBound(page);
    if (it == m_lastAnchors.constBegin())
        return -1;
    return (--it).key();
}

int RowWindows::nearestAbove(int page) const
{
    const auto it = m_firstAnchors.upperBound(page);
    return it == m_firstAnchors.constEnd() ? -1 : it.key();
}

} // namespace Tabula
