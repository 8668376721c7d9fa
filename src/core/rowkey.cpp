#include "rowkey.h"

namespace Tabula {

namespace {

bool isIntegral(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Long:
    case QMetaType::ULong:
        return true;
    default:
        return false;
    }
}

bool isFloating(const QVariant &v)
{
    return v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float;
}

// Drivers hand back the same key as int, qlonglong or string depending on the path;
// keys compare and hash on one canonical form.
QVariant canonical(const QVariant &v)
{
    if (v.isNull())
        return QVariant();
    if (isIntegral(v))
        return QVariant(v.toLongLong());
    if (isFloating(v))
        return QVariant(v.toDouble());
    if (v.typeId() == QMetaType::QByteArray)
        return v;
    return QVariant(v.toString());
}

size_t canonicalHash(const QVariant &c)
{
    if (c.isNull())
        return 0x51ed27;
    if (c.typeId() == QMetaType::LongLong)
        return ::qHash(c.toLongLong());
    if (c.typeId() == QMetaType::Double)
        return ::qHash(c.toDouble());
    if (c.typeId() == QMetaType::QByteArray)
        return ::qHash(c.toByteArray());
    return ::qHash(c.toString());
}

} // namespace

size_t valueHash(const QVariant &value)
{
    return canonicalHash(canonical(value));
}

RowKey RowKey::stored(const QVariantList &values)
{
    RowKey key;
    size_t h = 0x9e3779b9;
    for (const QVariant &v : values) {
        const QVariant c = canonical(v);
        key.m_values.append(c);
        h ^= canonicalHash(c) + 0x9e3779b9 + (h << 6) + (h >> 2);
    }
    key.m_hash = h;
    return key;
}

RowKey RowKey::inserted(quint64 serial)
{
    RowKey key;
    key.m_serial = serial;
    key.m_hash = ::qHash(serial) ^ 0xabcdefu;
    return key;
}

bool RowKey::operator==(const RowKey &other) const
{
    if (m_hash != other.m_hash || m_serial != other.m_serial)
        return false;
    if (m_values.size() != other.m_values.size())
        return false;
    for (int i = 0; i < m_values.size(); ++i) {
        const QVariant &a = m_values.at(i);
        const QVariant &b = other.m_values.at(i);
        if (a.isNull() != b.isNull() || a.typeId() != b.typeId() || a != b)
            return false;
    }
    return true;
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    const bool aNumber = isIntegral(a) || isFloating(a);
    const bool bNumber = isIntegral(b) || isFloating(b);
    if (aNumber && bNumber) {
        if (isIntegral(a) && isIntegral(b))
            return a.toLongLong() == b.toLongLong();
        return a.toDouble() == b.toDouble();
    }
    if (a.typeId() != b.typeId())
        return false;
    return a == b;
}

QVariant storableValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString && !value.isNull() && value.toString().isNull())
        return QVariant(QString(QLatin1String("")));
    if (value.typeId() == QMetaType::QByteArray && !value.isNull() && value.toByteArray().isNull())
        return QVariant(QByteArray(""));
    return value;
}

} // namespace Tabula
