#pragma once

#include "tableschema.h"

#include <QList>
#include <QString>

class QSqlError;
class QVariant;

namespace Tabula {

// Words for what went wrong in a Save, shared by its parts.
QString databaseMessage(const QSqlError &error);
// The column a constraint message names ("NOT NULL constraint failed: users.name", "column
// \"age\" of relation ...", "Column 'name' cannot be null"): one the statement wrote, else
// one an INSERT left to its default (`unwritten`), else the only column written.
QString columnNamedIn(const QString &message, const TableSchema &schema, const QList<int> &written,
                      const QList<int> &unwritten);
// A value as a message shows it: 'text' quoted, at most 60 characters.
QString shownValue(const QVariant &value);

} // namespace Tabula
