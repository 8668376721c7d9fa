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
//   =v <>v !=v <v <=v >v >=v   comparison with v
//   a..b        between a and b, inclusive
//   NULL / NOT NULL            is (not) NULL
//   ''          is the empty text
class FilterExpression
{
public:
    void setColumnFilter(int column, const QString &text);
    QString columnFilter(int column) const { return m_columns.value(column); }
    void setRawWhere(const QString &sql) { m_rawWhere = sql.trimmed(); }
    QString rawWhere() const { return m_rawWhere; }
    bool isEmpty() const { return m_columns.isEmpty() && m_rawWhere.isEmpty(); }
    void clear();

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
