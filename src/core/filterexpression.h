#pragma once

#include "dialect.h"
#include "sqlfragment.h"
#include "tableschema.h"

#include <QMap>

namespace Tabula {

// The grid's filters: one small expression per column, plus an optional raw SQL WHERE
// expression for power users. Column filters are data: every value the user typed is bound
// as a parameter, so O'Brien, %, _, \ and "1 OR 1=1" match literally.
//
// Column filter syntax (case-insensitive keywords):
//   text        the column's text contains "text" (case-insensitive)
//   =v <v <=v >v >=v           comparison with v; numbers compare as numbers
//   <>v !=v                    not v: every other row, NULL included
//   a..b        between a and b, inclusive
//   NULL / NOT NULL            is (not) NULL
//   ''          is the empty text
// Anything else, including text that looks like an operator or a LIKE pattern, is matched
// literally by "contains". Filters read the saved values, not pending edits.
//
// The raw WHERE expression must pass checkReadOnlyExpression (see sqlguard.h).
class FilterExpression
{
public:
    void setColumnFilter(int column, const QString &text);
    QString columnFilter(int column) const { return m_columns.value(column); }
    void setRawWhere(const QString &sql) { m_rawWhere = sql.trimmed(); }
    QString rawWhere() const { return m_rawWhere; }
    bool isEmpty() const { return m_columns.isEmpty() && m_rawWhere.isEmpty(); }
    void clear();
    bool operator==(const FilterExpression &o) const
    {
        return m_columns == o.m_columns && m_rawWhere == o.m_rawWhere;
    }

    // The WHERE condition, or an error naming the column and what is wrong with it.
    SqlFragment toSql(const Dialect &dialect, const TableSchema &schema, QString *error) const;

    // One column's condition; `error` says what is wrong with the text.
    static SqlFragment compileColumn(const Dialect &dialect, const ColumnInfo &column,
                                     const QString &text, QString *error);

private:
    QMap<int, QString> m_columns;
    QString m_rawWhere;
};

} // namespace Tabula
