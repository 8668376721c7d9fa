#pragma once

#include <QString>

namespace Tabula {

class Dialect;

// Checks SQL a user typed for the places that take one expression (the raw WHERE field, a
// bulk edit's expression): exactly one expression that only reads. Refuses statement
// separators, comments, unbalanced parentheses or quotes, keywords that write or change the
// session, and every function call (however its name is quoted or qualified) to a function
// the dialect does not list as pure. Returns the reason, or an empty string when it is
// acceptable. The expression is then prepared by the database, which catches everything
// else as a syntax error, and runs inside a ReadOnlyScope.
QString checkReadOnlyExpression(const QString &sql, const Dialect &dialect);

} // namespace Tabula
