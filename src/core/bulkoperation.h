#pragma once

#include "rowkey.h"

#include <QDataStream>
#include <QHash>
#include <QVector>
#include <vector>

namespace Tabula {

struct CellChange;

// Row keys of a bulk operation, sorted, so that a row is found by binary search and Save
// writes in key order. A key that is one integer (a rowid, an INTEGER primary key: nearly
// every table) costs 8 bytes; other keys are kept as RowKeys.
class KeyList
{
public:
    void reserve(qsizetype n);
    void append(const RowKey &key);
    // The same as append(RowKey::stored({key})), without making the RowKey.
    void appendInteger(qint64 key);
    // Sorts the keys; returns, for each position after sorting, the position it had before.
    std::vector<quint32> sort();

    // Whether every key is one integer; then integerAt() gives it without making a RowKey.
    bool isIntegers() const { return m_integers; }
    qint64 integerAt(qsizetype i) const { return m_ints[size_t(i)]; }

    qsizetype size() const
    {
        return m_integers ? qsizetype(m_ints.size()) : qsizetype(m_keys.size());
    }
    bool isEmpty() const { return size() == 0; }
    RowKey at(qsizetype i) const;
    // The key's position, or -1. Only after sort().
    qsizetype indexOf(const RowKey &key) const;
    friend QDataStream &operator<<(QDataStream &out, const KeyList &keys);
    friend QDataStream &operator>>(QDataStream &in, KeyList &keys);
    // Sets flags[i] to 0 for each of these keys that `other` holds too (both sorted).
    void clearWhereIn(const KeyList &other, std::vector<char> &flags) const;

private:
    void convertToKeys();

    bool m_integers = true;
    std::vector<qint64> m_ints;
    std::vector<RowKey> m_keys;
};

// One value per row, each distinct value stored once: a bulk edit's new value is one value
// for every row, and the values it replaces are usually few ('inactive').
class ValueList
{
public:
    void reserve(qsizetype n) { m_codes.reserve(size_t(n)); }
    void append(const QVariant &value);
    qsizetype size() const { return qsizetype(m_codes.size()); }
    const QVariant &at(qsizetype i) const { return m_distinct.at(m_codes[size_t(i)]); }
    quint32 codeAt(qsizetype i) const { return m_codes[size_t(i)]; }
    const QVariant &distinct(quint32 code) const { return m_distinct.at(code); }
    // Appends the value appended last again (there must be one).
    void repeatLast() { m_codes.push_back(m_codes.back()); }
    friend QDataStream &operator<<(QDataStream &out, const ValueList &values);
    friend QDataStream &operator>>(QDataStream &in, ValueList &values);
    // Reorders the values as KeyList::sort() reordered their keys, and frees the look-up.
    void permute(const std::vector<quint32> &order);

private:
    struct Entry
    {
        QVariant value;
        bool operator==(const Entry &o) const;
    };
    friend size_t qHash(const Entry &e, size_t seed) { return valueHash(e.value) ^ seed; }

    QVector<QVariant> m_distinct;
    std::vector<quint32> m_codes;
    QHash<Entry, quint32> m_lookup;
};

// One column set on many stored rows by one bulk edit, held as one operation rather than
// one cell change per row: the rows (sorted keys), the value each had in the database when
// the edit was planned (what Save checks is still there), and each row's new value.
struct BulkOperation
{
    int column = -1;
    KeyList keys;
    ValueList loaded;
    ValueList next;

    qsizetype size() const { return keys.size(); }
    bool isEmpty() const { return keys.isEmpty(); }
    void append(const RowKey &key, const QVariant &loadedValue, const QVariant &nextValue);
    void appendInteger(qint64 key, const QVariant &loadedValue, const QVariant &nextValue);
    // The same as appendInteger(key, ...) with the values of the row appended last.
    void repeatInteger(qint64 key);
    // Call once all rows are in: sorts them by key.
    void finish();
    CellChange at(qsizetype i) const;
};

QDataStream &operator<<(QDataStream &out, const BulkOperation &operation);
// A stream that ends early, or holds values that do not fit, is left with a bad status.
QDataStream &operator>>(QDataStream &in, BulkOperation &operation);

} // namespace Tabula
