#pragma once

#include "tableschema.h"

namespace Tabula {

class Database;

// Fills schema.refusals with what the connection's role may not do to the table's rows:
// UPDATE, INSERT, DELETE, each found by asking the server to plan (EXPLAIN, which runs
// nothing and locks no row) such a statement that would touch no row. A role without the
// privilege is refused with the server's words; any other failure refuses nothing here (Save
// reports what really happens). Nothing is read for SQLite or for a read-only table.
void readPrivileges(const Database &database, TableSchema &schema);

} // namespace Tabula
