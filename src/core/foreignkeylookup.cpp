#include "foreignkeylookup.h"

#include "database.h"
#include "preparedquery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

ForeignKeyLookup::ForeignKeyLookup(const Database &database, const ForeignKey &key)
    : m_database(database), m_key(key)
{
    m_referenced = database.schema(TableInfo{key.referencedTable, false});
    m_labelColumn = chooseLabelColumn(m_referenced, key.referencedColumns.value(0));
}

QString ForeignKeyLookup::chooseLabelColumn(const TableSchema &schema, const QString &keyColumn)
{
    static const QStringList readable{QStringLiteral("name"), QStringLiteral("title"),
                                      QStringLiteral("label"), QStringLiteral("email")};
    for (const QString &word : readable) {
        for (const ColumnInfo &column : schema.columns) {
            if (column.kind == ValueKind::Text && column.name != keyColumn &&
                column.name.contains(word, Qt::CaseInsensitive))
                return column.name;
        }
    }
    for (const ColumnInfo &column : schema.columns) {
        if (column.kind == ValueKind::Text && column.name != keyColumn)
            return column.name;
    }
    return {};
}

SqlFragment ForeignKeyLookup::pageQuery(const QString &search, const QVariant &after,
                                        int limit) const
{
    const Dialect &dialect = m_database.dialect();
    const QString key = dialect.quoteIdentifier(m_key.referencedColumns.value(0));
    const QString label =
        m_labelColumn.isEmpty() ? QStringLiteral("NULL") : dialect.quoteIdentifier(m_labelColumn);
    QList<SqlFragment> conditions;
    if (!search.isEmpty()) {
        const QString pattern = Dialect::containsPattern(search);
        SqlFragment match{dialect.containsPredicate(key), {pattern}};
        if (!m_labelColumn.isEmpty()) {
            match.sql =
                '(' + match.sql + QStringLiteral(" OR ") + dialect.containsPredicate(label) + ')';
            match.params << pattern;
        }
        conditions << match;
    }
    if (!after.isNull())
        conditions << SqlFragment{key + QStringLiteral(" > ?"), {after}};
    const SqlFragment where = joinFragments(conditions, QStringLiteral(" AND "));
    SqlFragment query;
    query.sql = QStringLiteral("SELECT %1, %2 FROM %3")
                    .arg(key, label, dialect.qualifiedName(m_key.referencedTable));
    if (!where.isEmpty())
        query.sql += QStringLiteral(" WHERE ") + where.sql;
    // The limit is ours, not the user's: a number in the text.
    query.sql += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(key).arg(qMax(limit, 1));
    query.params = where.params;
    return query;
}

QList<ReferencedRow> ForeignKeyLookup::page(const QString &search, const QVariant &after, int limit,
                                            QString *error) const
{
    const SqlFragment statement = pageQuery(search, after, limit);
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    QList<ReferencedRow> rows;
    if (!execBound(q, statement)) {
        *error = q.lastError().text();
        return rows;
    }
    while (q.next())
        rows.append({q.value(0), q.value(1).toString()});
    error->clear();
    return rows;
}

} // namespace Tabula
