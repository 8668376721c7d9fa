#include "rowidentity.h"

#include "bulkoperation.h"
#include "dialect.h"

#include <QSqlQuery>
#include <QStringDecoder>

namespace Tabula {

namespace {

QString literalForMessage(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    if (v.typeId() == QMetaType::QString)
        return '\'' + v.toString().left(60) + '\'';
    return v.toString();
}

} // namespace

RowIdentity::RowIdentity(const Dialect &dialect, const TableSchema &schema)
    : m_dialect(dialect), m_schema(schema)
{
    if (schema.usesRowId()) {
        m_columns << schema.rowIdName;
        m_reads = m_columns;
        m_placeholders << QStringLiteral("?");
        return;
    }
    for (int c : schema.keyColumns) {
        const ColumnInfo &column = schema.columns.at(c);
        m_columns << dialect.quoteIdentifier(column.name);
        m_reads << dialect.keyColumnRead(column, m_columns.last());
        m_placeholders << dialect.keyPlaceholder(column);
    }
}

QString RowIdentity::matchOne() const
{
    QStringList parts;
    for (int i = 0; i < width(); ++i)
        parts << m_dialect.keyEquals(m_columns.at(i), m_placeholders.at(i));
    return parts.join(QStringLiteral(" AND "));
}

QString RowIdentity::matchMany(int count) const
{
    const bool single = m_columns.size() == 1;
    const QString one =
        single ? m_placeholders.first() : '(' + m_placeholders.join(QStringLiteral(", ")) + ')';
    const QString lhs =
        single ? m_columns.first() : '(' + m_columns.join(QStringLiteral(", ")) + ')';
    return lhs + QStringLiteral(" IN (") + QStringList(count, one).join(QStringLiteral(", ")) + ')';
}

bool RowIdentity::bind(QSqlQuery &query, const RowKey &key, QString *error) const
{
    const QVariantList &values = key.values();
    for (int i = 0; i < values.size(); ++i) {
        if (m_schema.usesRowId())
            query.addBindValue(values.at(i));
        else
            query.addBindValue(m_dialect.boundValue(m_schema.columns.at(m_schema.keyColumns.at(i)),
                                                    values.at(i), error));
    }
    return error->isEmpty();
}

RowKey RowIdentity::keyAt(const QSqlQuery &query, int first) const
{
    QVariantList values;
    values.reserve(width());
    for (int i = 0; i < width(); ++i)
        values << query.value(first + i);
    return keyFromRead(std::move(values));
}

RowKey RowIdentity::keyFromRead(QVariantList values) const
{
    for (int i = 0; i < qMin(width(), int(values.size())); ++i) {
        QVariant &value = values[i];
        if (m_reads.at(i) == m_columns.at(i) || value.typeId() != QMetaType::QByteArray ||
            value.isNull())
            continue;
        const QByteArray bytes = value.toByteArray();
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(bytes);
        if (!utf8.hasError())
            value = text;
    }
    return RowKey::stored(values);
}

bool RowIdentity::matchableInList(const RowKey &key)
{
    for (const QVariant &v : key.values()) {
        if (v.isNull())
            return false;
    }
    return true;
}

QString describeKey(const TableSchema &schema, const RowKey &key)
{
    QStringList parts;
    const QVariantList &values = key.values();
    for (int i = 0; i < values.size(); ++i) {
        const QString name = schema.usesRowId()
                                 ? schema.rowIdName
                                 : schema.columns.value(schema.keyColumns.value(i)).name;
        parts << name + QStringLiteral(" = ") + literalForMessage(values.at(i));
    }
    return parts.size() == 1 ? parts.first() : '(' + parts.join(QStringLiteral(", ")) + ')';
}

QVector<RowKey> sortedKeys(const QVector<RowKey> &keys)
{
    KeyList list;
    list.reserve(keys.size());
    for (const RowKey &key : keys)
        list.append(key);
    list.sort();
    QVector<RowKey> sorted;
    sorted.reserve(keys.size());
    for (qsizetype i = 0; i < list.size(); ++i)
        sorted.append(list.at(i));
    return sorted;
}

} // namespace Tabula
