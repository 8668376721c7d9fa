#include "sqlguard.h"

#include <QObject>
#include <QSet>

namespace Tabula {

namespace {

// Words that make a statement write, change the session, or reach outside the database.
const QSet<QString> &forbiddenWords()
{
    static const QSet<QString> words = {
        "insert",   "update",      "delete",   "drop",       "alter",     "create",
        "attach",   "detach",      "pragma",   "replace",    "truncate",  "grant",
        "revoke",   "vacuum",      "reindex",  "analyze",    "copy",      "call",
        "exec",     "execute",     "merge",    "upsert",     "lock",      "unlock",
        "set",      "rename",      "commit",   "rollback",   "begin",     "savepoint",
        "release",  "into",        "do",       "handler",    "load",      "outfile",
        "dumpfile", "load_file",   "load_extension",         "sleep",     "pg_sleep",
        "benchmark", "get_lock",   "nextval",  "setval",     "set_config", "dblink",
        "dblink_exec", "lo_import", "lo_export", "lo_unlink", "pg_terminate_backend",
        "pg_cancel_backend", "pg_reload_conf", "pg_read_file", "pg_write_file", "pg_ls_dir",
        "pg_advisory_lock", "pg_notify", "writefile", "readfile", "edit", "fts3_tokenizer",
    };
    return words;
}

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == '_' || c == '$'; }

} // namespace

QString checkReadOnlyExpression(const QString &sql)
{
    if (sql.trimmed().isEmpty())
        return QObject::tr("The expression is empty.");
    int depth = 0;
    const int n = int(sql.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = sql.at(i);
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            const QChar close = c == '[' ? QChar(']') : c;
            int j = i + 1;
            for (; j < n; ++j) {
                if (sql.at(j) == close) {
                    if (close != ']' && j + 1 < n && sql.at(j + 1) == close) {
                        ++j; // doubled quote inside the literal
                        continue;
                    }
                    break;
                }
                // MySQL reads a backslash as an escape inside string literals.
                if (sql.at(j) == '\\' && (c == '\'' || c == '"'))
                    ++j;
            }
            if (j >= n)
                return QObject::tr("A quote %1 is not closed.").arg(c);
            i = j;
            continue;
        }
        if (c == ';')
            return QObject::tr("Only one expression is allowed: \";\" would start another "
                               "statement.");
        if ((c == '-' && i + 1 < n && sql.at(i + 1) == '-') ||
            (c == '/' && i + 1 < n && sql.at(i + 1) == '*') || c == '#')
            return QObject::tr("Comments are not allowed in an expression.");
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth < 0)
                return QObject::tr("A \")\" has no matching \"(\".");
        } else if (isWordChar(c)) {
            int j = i;
            while (j < n && isWordChar(sql.at(j)))
                ++j;
            const QString word = sql.mid(i, j - i).toLower();
            if (forbiddenWords().contains(word))
                return QObject::tr("\"%1\" is not allowed here: the expression may only read.")
                    .arg(sql.mid(i, j - i));
            i = j - 1;
        }
    }
    if (depth != 0)
        return QObject::tr("A \"(\" is not closed.");
    return {};
}

} // namespace Tabula
