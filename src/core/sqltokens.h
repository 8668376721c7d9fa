#pragma once

#include <QList>
#include <QString>

namespace Tabula {

// One token of SQL a user typed, read the way every database Tabula speaks could read it.
struct SqlToken
{
    enum class Kind
    {
        Word,       // an unquoted name or keyword, as typed
        QuotedName, // "…", `…` or […], unquoted: the name it stands for
        Literal,    // '…', unquoted
        Number,
        Symbol // one character of punctuation or an operator
    };
    Kind kind;
    QString text;

    bool isSymbol(QChar c) const { return kind == Kind::Symbol && text == QString(c); }
    // A token that can name a function when "(" follows.
    bool isName() const { return kind != Kind::Number && kind != Kind::Symbol; }
};

// Splits `sql` into tokens, or says in `error` why it cannot be one read-only expression on
// every database: statement separators, comments, placeholders, backslashes, unclosed quotes
// or brackets, unbalanced parentheses. Whitespace is dropped.
QList<SqlToken> tokenizeUserSql(const QString &sql, QString *error);

} // namespace Tabula
