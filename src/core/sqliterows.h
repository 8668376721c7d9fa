#pragma once

#include "dialect.h"

#include <optional>

typedef struct sqlite3 sqlite3;

namespace Tabula {

// Dialect::readRows on SQLite's own API: the same values Qt's driver makes (BLOB as
// QByteArray, INTEGER as qint64, REAL as double, TEXT as QString, NULL as a null QString),
// without Qt's row cache, and a TEXT or BLOB equal to the row before's handed out again
// instead of converted anew. Parameters bind as Qt's driver binds them.
//
// Returns nothing, without reading, when it cannot stand in for Qt's driver (a parameter of
// a type it does not bind, a precision policy other than doubles): the caller reads through
// QSqlQuery then. Otherwise whether the statement ran, with `error` saying why not.
std::optional<bool> readSqliteRows(sqlite3 *connection, QSql::NumericalPrecisionPolicy policy,
                                   const SqlFragment &select, int columns,
                                   const Dialect::RowSink &row, QString *error);

} // namespace Tabula
