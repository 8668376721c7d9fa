#pragma once

#include "sqlfragment.h"
#include "tableschema.h"

#include <QStringList>
#include <QVariantList>

namespace Tabula {

class Dialect;

// The order the grid shows rows in (the sort column, then the row key to break ties) and the
// conditions that read it in windows by keyset instead of OFFSET: "the rows after this one"
// is an indexed range however deep in the table it is, so reaching row n costs one window,
// not n skipped rows. NULLs are placed as the database places them (Dialect::nullsAreSmallest).
class KeysetOrder
{
public:
    // `sortColumn` < 0: key order only.
    KeysetOrder(const Dialect &dialect, const TableSchema &schema, int sortColumn,
                Qt::SortOrder order);

    // Whether rows have a key to page by (views and keyless tables are read with OFFSET).
    bool isUsable() const { return !m_columns.isEmpty() && m_hasKey; }
    // "ORDER BY …" in the shown order, or its exact reverse (to read backwards from a row or
    // from the end). Empty when there is nothing to order by.
    QString orderBy(bool reversed) const;
    // The condition "comes after `anchor` in the shown order" (before it when `reversed`),
    // `anchor` being anchorOf() a row. Values bound.
    SqlFragment after(const QVariantList &anchor, bool reversed) const;
    // The values of the order columns in a row read with the grid's select list (the table's
    // columns, then the rowid if used).
    QVariantList anchorOf(const QVariantList &row) const;

private:
    struct Part
    {
        QString sql;    // quoted column
        int rowIndex;   // where its value is in a read row
        bool ascending; // in the shown order
        bool nullable;
    };
    QString strictlyAfter(const Part &part, const QVariant &value, bool ascending,
                          QVariantList *params) const;
    QString equalTo(const Part &part, const QVariant &value, QVariantList *params) const;

    QList<Part> m_columns;
    bool m_hasKey = false;
    bool m_nullsAreSmallest = true;
};

} // namespace Tabula
