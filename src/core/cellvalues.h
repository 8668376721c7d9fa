#pragma once

#include <QList>
#include <QVariant>
#include <algorithm>
#include <initializer_list>
#include <utility>

namespace Tabula {

// A few values of one row, by column: a sorted small vector, since a row rarely has more than
// a handful of pending cells and a bulk edit makes one for each of 100,000 rows (a QHash per
// row costs its own spans and made clearing such a change set take a third of a second).
class CellValues
{
    using Entry = std::pair<int, QVariant>;
    using List = QList<Entry>;

public:
    CellValues() = default;
    CellValues(std::initializer_list<Entry> entries)
    {
        for (const Entry &e : entries)
            insert(e.first, e.second);
    }

    class const_iterator
    {
    public:
        explicit const_iterator(List::const_iterator it) : m_it(it) {}
        int key() const { return m_it->first; }
        const QVariant &value() const { return m_it->second; }
        const QVariant &operator*() const { return m_it->second; }
        const_iterator &operator++()
        {
            ++m_it;
            return *this;
        }
        bool operator==(const const_iterator &o) const { return m_it == o.m_it; }
        bool operator!=(const const_iterator &o) const { return m_it != o.m_it; }

    private:
        List::const_iterator m_it;
    };

    bool isEmpty() const { return m_entries.isEmpty(); }
    qsizetype size() const { return m_entries.size(); }
    bool contains(int column) const { return find(column) != m_entries.cend(); }
    // The column's value, or null when it has none (a NULL value is a QVariant, not null).
    const QVariant *lookup(int column) const
    {
        const auto it = find(column);
        return it == m_entries.cend() ? nullptr : &it->second;
    }
    QVariant value(int column) const
    {
        const auto it = find(column);
        return it == m_entries.cend() ? QVariant() : it->second;
    }
    void insert(int column, const QVariant &value)
    {
        const auto it = lowerBound(column);
        if (it != m_entries.cend() && it->first == column)
            m_entries[it - m_entries.cbegin()].second = value;
        else
            m_entries.insert(it - m_entries.cbegin(), Entry(column, value));
    }
    bool remove(int column)
    {
        const auto it = find(column);
        if (it == m_entries.cend())
            return false;
        m_entries.remove(it - m_entries.cbegin());
        return true;
    }
    // Columns in ascending order.
    QList<int> keys() const
    {
        QList<int> columns;
        columns.reserve(m_entries.size());
        for (const Entry &e : m_entries)
            columns.append(e.first);
        return columns;
    }
    const_iterator cbegin() const { return const_iterator(m_entries.cbegin()); }
    const_iterator cend() const { return const_iterator(m_entries.cend()); }
    const_iterator begin() const { return cbegin(); }
    const_iterator end() const { return cend(); }

    bool operator==(const CellValues &o) const { return m_entries == o.m_entries; }

private:
    List::const_iterator lowerBound(int column) const
    {
        return std::lower_bound(m_entries.cbegin(), m_entries.cend(), column,
                                [](const Entry &e, int c) { return e.first < c; });
    }
    List::const_iterator find(int column) const
    {
        const auto it = lowerBound(column);
        return it != m_entries.cend() && it->first == column ? it : m_entries.cend();
    }

    List m_entries;
};

} // namespace Tabula
