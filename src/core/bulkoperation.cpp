#include "bulkoperation.h"

#include "changeset.h"

#include <algorithm>
#include <numeric>

namespace Tabula {

namespace {

bool isSingleInteger(const RowKey &key)
{
    return key.values().size() == 1 && key.values().first().typeId() == QMetaType::LongLong;
}

// A total order on canonical key values: NULL, numbers, text, bytes.
int rank(const QVariant &v)
{
    if (v.isNull())
        return 0;
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Double:
        return 1;
    case QMetaType::QByteArray:
        return 3;
    default:
        return 2;
    }
}

int compareValues(const QVariant &a, const QVariant &b)
{
    const int ra = rank(a), rb = rank(b);
    if (ra != rb || ra == 0)
        return ra - rb;
    if (ra == 1) {
        if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong)
            return a.toLongLong() < b.toLongLong() ? -1 : a.toLongLong() > b.toLongLong();
        return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble();
    }
    if (ra == 3)
        return a.toByteArray().compare(b.toByteArray());
    return a.toString().compare(b.toString());
}

bool keyLess(const RowKey &a, const RowKey &b)
{
    const QVariantList &va = a.values(), &vb = b.values();
    for (qsizetype i = 0; i < qMin(va.size(), vb.size()); ++i) {
        if (const int c = compareValues(va.at(i), vb.at(i)))
            return c < 0;
    }
    return va.size() < vb.size();
}

template <typename T, typename Less>
std::vector<quint32> sortWithOrder(std::vector<T> &items, Less less)
{
    std::vector<quint32> order(items.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](quint32 a, quint32 b) { return less(items[a], items[b]); });
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (quint32 i : order)
        sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
    return order;
}

} // namespace

void KeyList::reserve(qsizetype n)
{
    if (m_integers)
        m_ints.reserve(size_t(n));
    else
        m_keys.reserve(size_t(n));
}

void KeyList::convertToKeys()
{
    m_keys.reserve(m_ints.size());
    for (qint64 v : m_ints)
        m_keys.push_back(RowKey::stored({QVariant(v)}));
    m_ints = {};
    m_integers = false;
}

void KeyList::append(const RowKey &key)
{
    if (m_integers && !isSingleInteger(key))
        convertToKeys();
    if (m_integers)
        m_ints.push_back(key.values().first().toLongLong());
    else
        m_keys.push_back(key);
}

void KeyList::appendInteger(qint64 key)
{
    if (m_integers)
        m_ints.push_back(key);
    else
        m_keys.push_back(RowKey::stored({QVariant(key)}));
}

std::vector<quint32> KeyList::sort()
{
    if (m_integers)
        return sortWithOrder(m_ints, std::less<qint64>());
    return sortWithOrder(m_keys, keyLess);
}

RowKey KeyList::at(qsizetype i) const
{
    return m_integers ? RowKey::stored({QVariant(m_ints[size_t(i)])}) : m_keys[size_t(i)];
}

qsizetype KeyList::indexOf(const RowKey &key) const
{
    if (m_integers) {
        if (!isSingleInteger(key))
            return -1;
        const qint64 v = key.values().first().toLongLong();
        const auto it = std::lower_bound(m_ints.cbegin(), m_ints.cend(), v);
        return it != m_ints.cend() && *it == v ? it - m_ints.cbegin() : -1;
    }
    const auto it = std::lower_bound(m_keys.cbegin(), m_keys.cend(), key, keyLess);
    return it != m_keys.cend() && *it == key ? it - m_keys.cbegin() : -1;
}

void KeyList::clearWhereIn(const KeyList &other, std::vector<char> &flags) const
{
    if (m_integers && other.m_integers) {
        size_t j = 0;
        for (size_t i = 0; i < m_ints.size(); ++i) {
            while (j < other.m_ints.size() && other.m_ints[j] < m_ints[i])
                ++j;
            if (j < other.m_ints.size() && other.m_ints[j] == m_ints[i])
                flags[i] = 0;
        }
        return;
    }
    for (qsizetype i = 0; i < size(); ++i) {
        if (other.indexOf(at(i)) >= 0)
            flags[size_t(i)] = 0;
    }
}

bool ValueList::Entry::operator==(const Entry &o) const
{
    return value.isNull() == o.value.isNull() && value.typeId() == o.value.typeId() &&
           (value.isNull() || value == o.value);
}

void ValueList::append(const QVariant &value)
{
    // The last value is the likeliest next one; skip the look-up then.
    if (!m_codes.empty() && Entry{m_distinct.at(m_codes.back())} == Entry{value}) {
        m_codes.push_back(m_codes.back());
        return;
    }
    auto it = m_lookup.constFind(Entry{value});
    if (it == m_lookup.cend()) {
        it = m_lookup.insert(Entry{value}, quint32(m_distinct.size()));
        m_distinct.append(value);
    }
    m_codes.push_back(*it);
}

void ValueList::permute(const std::vector<quint32> &order)
{
    std::vector<quint32> codes;
    codes.reserve(order.size());
    for (quint32 i : order)
        codes.push_back(m_codes[i]);
    m_codes = std::move(codes);
    m_lookup = {};
}

void BulkOperation::append(const RowKey &key, const QVariant &loadedValue,
                           const QVariant &nextValue)
{
    keys.append(key);
    loaded.append(loadedValue);
    next.append(storableValue(nextValue));
}

void BulkOperation::appendInteger(qint64 key, const QVariant &loadedValue,
                                  const QVariant &nextValue)
{
    keys.appendInteger(key);
    loaded.append(loadedValue);
    next.append(storableValue(nextValue));
}

void BulkOperation::repeatInteger(qint64 key)
{
    keys.appendInteger(key);
    loaded.repeatLast();
    next.repeatLast();
}

void BulkOperation::finish()
{
    const std::vector<quint32> order = keys.sort();
    loaded.permute(order);
    next.permute(order);
}

CellChange BulkOperation::at(qsizetype i) const
{
    return {keys.at(i), column, next.at(i), loaded.at(i)};
}

QDataStream &operator<<(QDataStream &out, const KeyList &keys)
{
    out << keys.m_integers << quint64(keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (keys.m_integers)
            out << keys.m_ints[size_t(i)];
        else
            out << keys.m_keys[size_t(i)].values();
    }
    return out;
}

QDataStream &operator>>(QDataStream &in, KeyList &keys)
{
    quint64 n = 0;
    keys = KeyList();
    in >> keys.m_integers >> n;
    for (quint64 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        if (keys.m_integers) {
            qint64 v = 0;
            in >> v;
            keys.m_ints.push_back(v);
        } else {
            QVariantList values;
            in >> values;
            keys.m_keys.push_back(RowKey::stored(values));
        }
    }
    return in;
}

QDataStream &operator<<(QDataStream &out, const ValueList &values)
{
    out << values.m_distinct << quint64(values.m_codes.size());
    for (quint32 code : values.m_codes)
        out << code;
    return out;
}

QDataStream &operator>>(QDataStream &in, ValueList &values)
{
    quint64 n = 0;
    values = ValueList();
    in >> values.m_distinct >> n;
    for (quint64 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        quint32 code = 0;
        in >> code;
        if (code >= quint32(values.m_distinct.size()))
            in.setStatus(QDataStream::ReadCorruptData);
        values.m_codes.push_back(code);
    }
    return in;
}

QDataStream &operator<<(QDataStream &out, const BulkOperation &operation)
{
    return out << qint32(operation.column) << operation.keys << operation.loaded << operation.next;
}

QDataStream &operator>>(QDataStream &in, BulkOperation &operation)
{
    qint32 column = -1;
    in >> column >> operation.keys >> operation.loaded >> operation.next;
    operation.column = column;
    if (operation.loaded.size() != operation.keys.size() ||
        operation.next.size() != operation.keys.size())
        in.setStatus(QDataStream::ReadCorruptData);
    return in;
}

} // namespace Tabula
