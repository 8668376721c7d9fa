#pragma once

#include "dialect.h"

#include <optional>

namespace Tabula {

// Dialect::readRows on Tabula's PostgreSQL driver, streamed: libpq's single-row mode hands
// each row over as the server sends it, so the rows are converted while the server is still
// scanning, and the whole result is never held at once (a million-row plan kept ~50 MB of
// libpq's result alive through QSqlQuery). Values are those PgResult (QSqlQuery) gives.
//
// Rows handed to `row` before a failure (an error at the thousandth row) stand; the caller
// drops them when this returns false.
//
// Returns nothing, without reading, when `db` is not on Tabula's driver: the caller reads
// through QSqlQuery then. Otherwise whether the statement ran, with `error` saying why not.
std::optional<bool> readPgRows(const QSqlDatabase &db, const SqlFragment &select, int columns,
                               const Dialect::RowSink &row, QString *error);

} // namespace Tabula
