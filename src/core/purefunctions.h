#pragma once

#include <QSet>
#include <QString>

namespace Tabula {

// The functions user SQL may call on each database (Dialect::pureFunctions()), in lower case:
// ones that compute from their arguments or read, never ones that write, wait, take a lock,
// change the session or run SQL given as text. A name missing here is refused, so a new
// side effect in a server release is refused too.
const QSet<QString> &sqlitePureFunctions();
const QSet<QString> &postgresPureFunctions();
const QSet<QString> &mysqlPureFunctions();

} // namespace Tabula
