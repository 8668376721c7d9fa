#include "keysetorder.h"

#include "dialect.h"

namespace Tabula {

KeysetOrder::KeysetOrder(const Dialect &dialect, const TableSchema &schema, int sortColumn,
                         Qt::SortOrder order)
    : m_nullsAreSmallest(dialect.nullsAreSmallest())
{
    const bool ascending = order == Qt::AscendingOrder;
    if (sortColumn >= 0 && sortColumn < schema.columns.size()) {
        const ColumnInfo &c = schema.columns.at(sortColumn);
        m_columns.append({dialect.quoteIdentifier(c.name), sortColumn, ascending, !c.notNull});
    }
    // The key breaks ties, so rows keep one order across reads.
    if (schema.usesRowId()) {
        m_columns.append({schema.rowIdName, int(schema.columns.size()), true, false});
        m_hasKey = true;
    } else {
        for (int k : schema.keyColumns) {
            const ColumnInfo &c = schema.columns.at(k);
            if (k != sortColumn)
                m_columns.append({dialect.quoteIdentifier(c.name), k, true, !c.notNull});
        }
        m_hasKey = !schema.keyColumns.isEmpty();
    }
}

QString KeysetOrder::orderBy(bool reversed) const
{
    QStringList terms;
    for (const Part &part : m_columns) {
        const bool ascending = part.ascending != reversed;
        terms << part.sql + (ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" ORDER BY ") + terms.join(", ");
}

QVariantList KeysetOrder::anchorOf(const QVariantList &row) const
{
    QVariantList anchor;
    anchor.reserve(m_columns.size());
    for (const Part &part : m_columns)
        anchor << row.value(part.rowIndex);
    return anchor;
}

// The column's value comes strictly after `value` in an order that is `ascending` for it.
// NULL is the smallest or the largest value, as the database sorts it.
QString KeysetOrder::strictlyAfter(const Part &part, const QVariant &value, bool ascending,
                                   QVariantList *params) const
{
    const bool nullsFirst = m_nullsAreSmallest == ascending;
    if (value.isNull())
        return nullsFirst ? part.sql + QStringLiteral(" IS NOT NULL") : QStringLiteral("1 = 0");
    params->append(value);
    const QString compare =
        part.sql + (ascending ? QStringLiteral(" > ?") : QStringLiteral(" < ?"));
    if (!part.nullable || nullsFirst)
        return compare;
    return QStringLiteral("(%1 OR %2 IS NULL)").arg(compare, part.sql);
}

QString KeysetOrder::equalTo(const Part &part, const QVariant &value, QVariantList *params) const
{
    if (value.isNull())
        return part.sql + QStringLiteral(" IS NULL");
    params->append(value);
    return part.sql + QStringLiteral(" = ?");
}

// Lexicographic: c0 after, or c0 equal and (c1 after, or c1 equal and …). The first column
// also gets a plain range ("c0 >= ?") where it is exact, so the database seeks into its index
// instead of filtering from the first row.
SqlFragment KeysetOrder::after(const QVariantList &anchor, bool reversed) const
{
    SqlFragment result;
    QString tail;
    QVariantList tailParams;
    for (qsizetype i = m_columns.size() - 1; i >= 0; --i) {
        const Part &part = m_columns.at(i);
        const bool ascending = part.ascending != reversed;
        QVariantList params;
        QString sql = strictlyAfter(part, anchor.value(i), ascending, &params);
        if (!tail.isEmpty()) {
            const QString equal = equalTo(part, anchor.value(i), &params);
            sql = QStringLiteral("(%1 OR (%2 AND %3))").arg(sql, equal, tail);
            params += tailParams;
        }
        tail = sql;
        tailParams = params;
    }
    result.sql = tail;
    result.params = tailParams;
    const QVariant first = anchor.value(0);
    const bool nullsFirst =
        m_columns.isEmpty() || m_nullsAreSmallest == (m_columns.first().ascending != reversed);
    if (m_columns.size() > 1 && !first.isNull() && (!m_columns.first().nullable || nullsFirst)) {
        const bool ascending = m_columns.first().ascending != reversed;
        result.sql = QStringLiteral("%1 %2 ? AND %3")
                         .arg(m_columns.first().sql, ascending ? ">=" : "<=", result.sql);
        result.params.prepend(first);
    }
    return result;
}

} // namespace Tabula
