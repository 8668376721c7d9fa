#pragma once

#include <QString>

namespace Tabula {

// Checks SQL a user typed for the places that take one expression (the raw WHERE field, a
// bulk edit's expression): exactly one expression that only reads. Refuses statement
// separators, comments, unbalanced parentheses or quotes, and any keyword or function that
// writes or changes state. Returns the reason, or an empty string when it is acceptable.
// The check is lexical; the expression is then prepared by the database, which catches
// everything else as a syntax error before anything runs.
QString checkReadOnlyExpression(const QString &sql);

} // namespace Tabula
