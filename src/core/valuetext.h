#pragma once

#include "tableschema.h"

#include <QVariant>
#include <optional>

namespace Tabula {

// Turns what a user typed into the value stored for a column of `kind`, or says why not.
// Text stays text (empty text is empty text, not NULL); for numbers and dates empty input
// means NULL.
QVariant valueFromText(const ColumnInfo &column, const QString &text, QString *error);

// true/false, t/f, yes/no, 1/0, in any case; nothing for anything else.
std::optional<bool> parseBoolean(const QString &text);

// A value as Tabula keeps it, from what the driver read for `column`: JSON that a driver hands
// over as bytes (MariaDB's) is its text, where it is valid UTF-8. Every read of column values
// goes through here, so that the grid, the bulk plan, Save's checks and the conflict scan
// compare like with like.
QVariant valueAsRead(const ColumnInfo &column, const QVariant &value);

// How a value reads in a grid cell: short, one line, blobs as their size.
QString displayText(const QVariant &value);

// How a value reads in an editor: the full text.
QString editText(const QVariant &value);

} // namespace Tabula
