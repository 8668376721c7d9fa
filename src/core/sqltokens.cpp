#include "sqltokens.h"

#include <QObject>

namespace Tabula {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == '_';
}

class Lexer
{
public:
    explicit Lexer(const QString &sql) : m_sql(sql), m_n(int(sql.size())) {}
    QList<SqlToken> run(QString *error);
    QString refusalFor(QChar c) const { return refusal(c, QChar()); }

private:
    QChar at(int i) const { return i < m_n ? m_sql.at(i) : QChar(); }
    bool quoted(QChar quote);
    bool bracketed();
    void word();
    QString refusal(QChar c, QChar next) const;

    const QString &m_sql;
    const int m_n;
    int m_i = 0;
    QList<SqlToken> m_tokens;
    QString m_error;
};

// Quotes inside are doubled; there is no other escape (backslashes are refused).
bool Lexer::quoted(QChar quote)
{
    QString text;
    for (int j = m_i + 1; j < m_n; ++j) {
        if (m_sql.at(j) != quote) {
            text += m_sql.at(j);
        } else if (at(j + 1) == quote) {
            text += quote;
            ++j;
        } else {
            const auto kind = quote == '\'' ? SqlToken::Kind::Literal : SqlToken::Kind::QuotedName;
            m_tokens.append({kind, text});
            m_i = j + 1;
            return true;
        }
    }
    m_error = QObject::tr("A quote %1 is not closed.").arg(quote);
    return false;
}

// SQLite reads [...] as a quoted name, PostgreSQL as a subscript of expressions: only content
// both read the same way (names, numbers, arithmetic) may be inside. The guard treats it as a
// name, so that [load_extension](...) is checked as the call it is on SQLite.
bool Lexer::bracketed()
{
    const int close = int(m_sql.indexOf(']', m_i));
    if (close < 0) {
        m_error = QObject::tr("A \"[\" is not closed.");
        return false;
    }
    for (int j = m_i + 1; j < close; ++j) {
        const QChar b = m_sql.at(j);
        if (!(isWordChar(b) || b.isSpace() || QStringLiteral(".:+-*").contains(b))) {
            m_error = QObject::tr("Only names and numbers may stand between [ and ].");
            return false;
        }
    }
    m_tokens.append({SqlToken::Kind::QuotedName, m_sql.mid(m_i + 1, close - m_i - 1)});
    m_i = close + 1;
    return true;
}

// A word starts with a letter, a digit or _, and may contain $ after a letter or _ (a$b is
// one name everywhere; 1$$ would be a number and a dollar quote).
void Lexer::word()
{
    const bool isName = !m_sql.at(m_i).isDigit();
    int j = m_i;
    while (j < m_n && (isWordChar(m_sql.at(j)) || (isName && m_sql.at(j) == '$')))
        ++j;
    m_tokens.append(
        {isName ? SqlToken::Kind::Word : SqlToken::Kind::Number, m_sql.mid(m_i, j - m_i)});
    m_i = j;
}

QString Lexer::refusal(QChar c, QChar next) const
{
    // Each database reads a backslash in quoted text its own way (MySQL escapes the next
    // character, PostgreSQL only in E'' strings, SQLite never), so the guard and the database
    // could disagree on where a literal ends and let the rest run as SQL.
    if (c == '\\')
        return QObject::tr("Backslashes are not allowed in an expression: each database reads "
                           "them differently.");
    if (c == ';')
        return QObject::tr("Only one expression is allowed: \";\" would start another "
                           "statement.");
    if ((c == '-' && next == '-') || (c == '/' && next == '*') || c == '#')
        return QObject::tr("Comments are not allowed in an expression.");
    // Placeholders would take the values bound for the filter; $ also starts PostgreSQL's
    // dollar-quoted strings.
    const bool afterColon = m_i > 0 && m_sql.at(m_i - 1) == ':';
    if (c == '?')
        return QObject::tr("\"?\" is not allowed here: the expression cannot take parameters. "
                           "For PostgreSQL's jsonb operators ?, ?| and ?&, write "
                           "jsonb_exists(column, 'key'), jsonb_exists_any(column, '{a,b}') or "
                           "jsonb_exists_all(column, '{a,b}').");
    if (c == '$' || (c == ':' && (next.isLetter() || next == '_') && !afterColon))
        return QObject::tr("\"%1\" is not allowed here: the expression cannot take "
                           "parameters or dollar-quoted text.")
            .arg(c);
    if (c == ':' && next == '=')
        return QObject::tr("\":=\" is not allowed here: the expression may only read.");
    return {};
}

QList<SqlToken> Lexer::run(QString *error)
{
    int depth = 0;
    while (m_error.isEmpty() && m_i < m_n) {
        const QChar c = m_sql.at(m_i);
        if (c.isSpace()) {
            ++m_i;
        } else if (c == '\'' || c == '"' || c == '`') {
            quoted(c);
        } else if (c == '[') {
            bracketed();
        } else if (isWordChar(c)) {
            word();
        } else if (m_error = refusal(c, at(m_i + 1)); m_error.isEmpty()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
                m_error = QObject::tr("A \")\" has no matching \"(\".");
            m_tokens.append({SqlToken::Kind::Symbol, QString(c)});
            ++m_i;
        }
    }
    if (m_error.isEmpty() && depth != 0)
        m_error = QObject::tr("A \"(\" is not closed.");
    *error = m_error;
    return m_error.isEmpty() ? m_tokens : QList<SqlToken>();
}

} // namespace

QList<SqlToken> tokenizeUserSql(const QString &sql, QString *error)
{
    // Refused anywhere, in quoted text too: see Lexer::refusal().
    if (sql.contains('\\')) {
        *error = Lexer(sql).refusalFor('\\');
        return {};
    }
    return Lexer(sql).run(error);
}

} // namespace Tabula
