#pragma once

#include <QHashFunctions>
#include <QVariantList>

namespace Tabula {

// Identifies a row independently of where it is shown: the values of its key columns
// (primary key, or SQLite's rowid), or, for a row inserted but not yet saved, a serial number.
class RowKey
{
public:
    RowKey() = default;
    static RowKey stored(const QVariantList &values);
    static RowKey inserted(quint64 serial);

    bool isValid() const { return m_serial != 0 || !m_values.isEmpty(); }
    bool isInserted() const { return m_serial != 0; }
    quint64 insertedSerial() const { return m_serial; }
    const QVariantList &values() const { return m_values; }
    size_t hash() const { return m_hash; }

    bool operator==(const RowKey &other) const;
    bool operator!=(const RowKey &other) const { return !(*this == other); }

private:
    QVariantList m_values;
    quint64 m_serial = 0;
    size_t m_hash = 0;
};

inline size_t qHash(const RowKey &key, size_t seed = 0)
{
    return key.hash() ^ seed;
}

// Whether two values are the same for the purpose of "did this cell change": NULL equals only
// NULL, numbers compare by value across integer and floating types, everything else by type
// and content.
bool sameValue(const QVariant &a, const QVariant &b);

// A hash that agrees with sameValue() for integers, and with equality of type and content.
size_t valueHash(const QVariant &value);

// A null QString or QByteArray inside a QVariant is not NULL to the model (Qt 6's isNull() is
// false there), yet Qt's SQL drivers bind it as NULL. Pending values hold the empty value the
// grid shows instead; NULL is only ever a QVariant with no value.
QVariant storableValue(const QVariant &value);

} // namespace Tabula
