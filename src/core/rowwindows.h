#pragma once

#include "rowkey.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QVariantList>
#include <QVector>
#include <optional>

namespace Tabula {

// The rows the grid has read, as fixed windows of positions ("pages"), at most a budget of
// rows in all: the page shown least recently goes first. Each page read leaves its first and
// last row's order values behind (anchors, a few bytes each), so that a neighbouring page is
// read by keyset from there even after the page itself was evicted. Keys of cached rows map
// back to positions. No SQL here: TableModel reads, this remembers.
class RowWindows
{
public:
    RowWindows(int pageSize, int maxRows);

    int pageSize() const { return m_pageSize; }
    int pageOf(int row) const { return row / m_pageSize; }
    void clear();          // pages and anchors
    void clearPagesOnly(); // keeps the anchors
    int cachedRows() const { return m_cachedRows; }
    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows)
    {
        m_maxRows = qMax(rows, m_pageSize);
        evict();
    }

    // The `count` pages shown most recently, most recent first.
    QList<int> recentPages(int count) const;
    // Drops a page, keeping its anchors (it is read again from its neighbours).
    void forgetPage(int page)
    {
        const auto it = m_pages.find(page);
        if (it != m_pages.end())
            dropPage(it);
    }
    // Drops pages with their anchors: where they were placed is no longer true (they were
    // placed from an estimated end, and the count came out different).
    void forgetPagesAndAnchors(const QSet<int> &pages);
    bool hasPage(int page) const { return m_pages.contains(page); }
    // The row at `row`, or null when its page is not cached. Marks the page as just shown.
    const QVariantList *row(int row) const;
    const RowKey *key(int row) const;
    // The position of a cached row, or -1.
    int rowOf(const RowKey &key) const { return m_rowOfKey.value(key, -1); }

    // Stores a page read from the database; `keys` and `anchors` per row. Evicts the least
    // recently shown pages beyond the budget (never this one).
    void insertPage(int page, QVector<QVariantList> rows, QVector<RowKey> keys,
                    const QVariantList &firstAnchor, const QVariantList &lastAnchor);

    std::optional<QVariantList> firstAnchor(int page) const;
    std::optional<QVariantList> lastAnchor(int page) const;
    // The nearest page below `page` whose last anchor is known, and the nearest above whose
    // first anchor is; -1 when there is none.
    int nearestBelow(int page) const;
    int nearestAbove(int page) const;

private:
    struct Page
    {
        QVector<QVariantList> rows;
        QVector<RowKey> keys;
        mutable quint64 lastShown = 0;
    };
    void evict();
    void dropPage(QHash<int, Page>::iterator it);

    int m_pageSize;
    int m_maxRows;
    int m_cachedRows = 0;
    QHash<int, Page> m_pages;
    QHash<RowKey, int> m_rowOfKey;
    QMap<int, QVariantList> m_firstAnchors;
    QMap<int, QVariantList> m_lastAnchors;
    mutable quint64 m_clock = 0;
};

} // namespace Tabula
