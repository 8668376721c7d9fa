#pragma once

#include <QString>
#include <QVariantList>

namespace Tabula {

// A piece of SQL with '?' placeholders and the values bound to them, in order.
// Values typed by users always travel as parameters, never pasted into the text.
struct SqlFragment
{
    QString sql;
    QVariantList params;

    bool isEmpty() const { return sql.isEmpty(); }
};

// Joins non-empty fragments with `separator` (" AND ", ", "), concatenating parameters in order.
SqlFragment joinFragments(const QList<SqlFragment> &parts, const QString &separator);

} // namespace Tabula
