#pragma once

#include "tableschema.h"

#include <QSet>
#include <QString>

namespace Tabula {

class Database;
class TableDocument;

// Sorting by a column that leads an index (or by the first key column) reads one window at a
// time; by any other column the database sorts every matching row for each window read.
//
// The names of the columns of `schema`'s table that lead an index, the key's first column
// included. On a failed read, `error` says why and only the key column is listed.
QSet<QString> indexedColumns(const Database &db, const TableSchema &schema, QString *error);

// What the window says after sorting by `column` over `rows` matching rows (-1: not known
// yet): a warning when no index covers the column and the rows are at least `threshold`,
// else nothing.
QString sortHint(const TableSchema &schema, int column, const QSet<QString> &indexed, qint64 rows,
                 qint64 threshold);

// The same for the table `document` shows, over the rows it matches (counted, or at least
// the bounded count or the catalog's estimate while counting).
QString sortHint(const TableDocument &document, int column, qint64 threshold);

} // namespace Tabula
