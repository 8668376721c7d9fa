#pragma once

#include "tableschema.h"

class QSqlQuery;

namespace Tabula {

// Reads the rows of a dialect's foreign-key query into keys, one per constraint. The query's
// columns are: constraint name, table schema, table name, column, referenced schema,
// referenced table name, referenced column; ordered by table, constraint, then position.
QList<ForeignKey> readForeignKeys(QSqlQuery &query);

} // namespace Tabula
