#include "sqlguard.h"

#include "dialect.h"
#include "sqltokens.h"

#include <QObject>
#include <QSet>

namespace Tabula {

namespace {

QSet<QString> wordSet(const char *list)
{
    const QStringList split = QString::fromLatin1(list).split(' ', Qt::SkipEmptyParts);
    return QSet<QString>(split.cbegin(), split.cend());
}

// Keywords that make a statement write, change the session, or reach outside the database.
// Function names are not listed: every call is checked against the dialect's pure functions.
const QSet<QString> &forbiddenWords()
{
    static const QSet<QString> words = wordSet(
        "insert update delete drop alter create attach detach pragma replace truncate grant "
        "revoke vacuum reindex analyze copy call exec execute merge upsert lock unlock set "
        "rename commit rollback begin savepoint release into do handler load outfile dumpfile "
        // PostgreSQL's U&"..." UESCAPE '!' would spell a name the guard cannot read.
        "uescape");
    return words;
}

// Unquoted words no database lets name a function: "(" after one opens a list, a subquery or
// a group, never a call.
const QSet<QString> &reservedBeforeParenthesis()
{
    static const QSet<QString> words =
        wordSet("in exists any all some array row and or not when then else case select from "
                "where on as between distinct values union except intersect with limit offset "
                "group order having using lateral to");
    return words;
}

// Keywords PostgreSQL also takes as function names (like(…) may be a user's function): a
// keyword only right after an operand (x LIKE (…), t JOIN (…), f(x) OVER (…)).
const QSet<QString> &keywordsAfterOperand()
{
    static const QSet<QString> words = wordSet("like ilike join over filter escape");
    return words;
}

bool isWord(const SqlToken &token, const char *word)
{
    return token.kind == SqlToken::Kind::Word &&
           token.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

// Whether tokens[i] ends an operand: a name, a literal, a number or a closing parenthesis.
bool endsOperand(const QList<SqlToken> &tokens, int i)
{
    if (i < 0)
        return false;
    const SqlToken &token = tokens.at(i);
    if (token.kind == SqlToken::Kind::Symbol)
        return token.text == QLatin1String(")");
    // Keywords an expression follows: ORDER BY like(…) calls like.
    static const QSet<QString> keywords =
        wordSet("by is zone at partition interval collate similar");
    const QString word = token.text.toLower();
    return token.kind != SqlToken::Kind::Word ||
           !(reservedBeforeParenthesis().contains(word) || keywordsAfterOperand().contains(word) ||
             keywords.contains(word));
}

// Whether the unqualified word before the "(" at tokens[open] is a keyword, not a call.
bool isKeywordBeforeParenthesis(const QList<SqlToken> &tokens, int open)
{
    const SqlToken &word = tokens.at(open - 1);
    if (word.kind != SqlToken::Kind::Word)
        return false;
    const QString name = word.text.toLower();
    if (reservedBeforeParenthesis().contains(name))
        return true;
    int before = open - 2;
    if (before >= 0 && isWord(tokens.at(before), "not")) // x NOT LIKE (…)
        --before;
    if (keywordsAfterOperand().contains(name))
        return endsOperand(tokens, before);
    // ORDER BY (…), GROUP BY (…), PARTITION BY (…)
    return name == QLatin1String("by") && before >= 0 &&
           (isWord(tokens.at(before), "order") || isWord(tokens.at(before), "group") ||
            isWord(tokens.at(before), "partition"));
}

// The name a token stands for, as the database compares it: unquoted names fold case, quoted
// ones are compared as written (PostgreSQL's "LOWER" is not lower).
QString nameOf(const SqlToken &token)
{
    return token.kind == SqlToken::Kind::Word ? token.text.toLower() : token.text;
}

QString refusedFunction(const QString &name)
{
    return QObject::tr("The function %1 is not allowed here: only functions that read are.")
        .arg(name);
}

// The call whose "(" is tokens[open]: refused unless the function is one the dialect knows is
// pure, and, when qualified, lives in pg_catalog (any other schema could hold anything).
QString checkCall(const QList<SqlToken> &tokens, int open, const Dialect &dialect)
{
    const SqlToken &name = tokens.at(open - 1);
    const bool qualified = open >= 3 && tokens.at(open - 2).isSymbol('.');
    // A keyword is one only unqualified: myschema.any(1) calls a function named any.
    if (!qualified && isKeywordBeforeParenthesis(tokens, open))
        return {};
    if (qualified) {
        const SqlToken &schema = tokens.at(open - 3);
        const bool deeper = open >= 4 && tokens.at(open - 4).isSymbol('.');
        if (!schema.isName() || nameOf(schema) != QLatin1String("pg_catalog") || deeper)
            return refusedFunction(schema.text + '.' + name.text);
    }
    if (!dialect.pureFunctions().contains(nameOf(name)))
        return refusedFunction(name.text);
    return {};
}

} // namespace

QString checkReadOnlyExpression(const QString &sql, const Dialect &dialect)
{
    if (sql.trimmed().isEmpty())
        return QObject::tr("The expression is empty.");
    QString error;
    const QList<SqlToken> tokens = tokenizeUserSql(sql, &error);
    if (!error.isEmpty())
        return error;
    for (int i = 0; i < tokens.size(); ++i) {
        const SqlToken &token = tokens.at(i);
        const bool beforeParenthesis = i + 1 < tokens.size() && tokens.at(i + 1).isSymbol('(');
        if (beforeParenthesis && token.isName()) {
            error = checkCall(tokens, i + 1, dialect);
            if (!error.isEmpty())
                return error;
        } else if (token.kind == SqlToken::Kind::Word &&
                   forbiddenWords().contains(token.text.toLower())) {
            return QObject::tr("\"%1\" is not allowed here: the expression may only read.")
                .arg(token.text);
        }
    }
    return {};
}

} // namespace Tabula
