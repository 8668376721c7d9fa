#pragma once

#include "sqlfragment.h"
#include "tableschema.h"

#include <QVariant>

namespace Tabula {

class Database;

// One row a foreign-key column may point to: its key, and a readable column of it.
struct ReferencedRow
{
    QVariant key;
    QString label;
};

// Reads the rows a single-column foreign key may point to, a page at a time: ordered by the
// referenced key, continued after the last key read (not by OFFSET, so the millionth row is
// as quick as the first), optionally only those whose key or label contains a search text.
// Values are bound, identifiers quoted by the dialect.
class ForeignKeyLookup
{
public:
    ForeignKeyLookup(const Database &database, const ForeignKey &key);

    const ForeignKey &foreignKey() const { return m_key; }
    // The referenced table as read (its columns), and the column shown beside the key:
    // empty when the table has no text column to show.
    const TableSchema &referencedSchema() const { return m_referenced; }
    QString labelColumn() const { return m_labelColumn; }

    // Up to `limit` rows whose key or label contains `search` (every row when empty), in key
    // order, after the key `after` (from the first when `after` is null). On failure, an
    // empty list and the database's message in `error`.
    QList<ReferencedRow> page(const QString &search, const QVariant &after, int limit,
                              QString *error) const;
    SqlFragment pageQuery(const QString &search, const QVariant &after, int limit) const;

    // The text column a person reads a row by: the first named like name, else like title,
    // label or email (in that order), else the first text column that is not `keyColumn`; empty if
    // there is none.
    static QString chooseLabelColumn(const TableSchema &schema, const QString &keyColumn);

private:
    const Database &m_database;
    ForeignKey m_key;
    TableSchema m_referenced;
    QString m_labelColumn;
};

} // namespace Tabula
