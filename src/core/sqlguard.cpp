#include "sqlguard.h"

#include <QObject>
#include <QSet>

namespace Tabula {

namespace {

// Words that make a statement write, change the session, or reach outside the database.
const QSet<QString> &forbiddenWords()
{
    static const QSet<QString> words = [] {
        const QString list = QStringLiteral(
            "insert update delete drop alter create attach detach pragma replace truncate "
            "grant revoke vacuum reindex analyze copy call exec execute merge upsert lock "
            "unlock set rename commit rollback begin savepoint release into do handler load "
            "outfile dumpfile load_file load_extension sleep pg_sleep benchmark get_lock "
            "nextval setval set_config dblink dblink_exec lo_import lo_export lo_unlink "
            "pg_terminate_backend pg_cancel_backend pg_reload_conf pg_read_file pg_write_file "
            "pg_ls_dir pg_advisory_lock pg_notify writefile readfile edit fts3_tokenizer "
            // PostgreSQL built-ins that write, change server state, or run SQL from a string.
            "lo_create lo_creat lo_from_bytea lo_put lo_truncate lowrite lo_open "
            "pg_advisory_xact_lock pg_try_advisory_lock pg_try_advisory_xact_lock "
            "pg_stat_reset pg_stat_reset_shared pg_stat_reset_single_table_counters "
            "pg_switch_wal pg_create_restore_point pg_rotate_logfile pg_promote "
            "pg_logical_emit_message pg_file_write pg_file_unlink pg_file_rename "
            "pg_create_physical_replication_slot pg_create_logical_replication_slot "
            "pg_drop_replication_slot query_to_xml query_to_xmlschema "
            "query_to_xml_and_xmlschema setseed "
            // MySQL/MariaDB.
            "release_lock release_all_locks master_pos_wait sys_exec sys_eval ");
        const QStringList split = list.split(' ', Qt::SkipEmptyParts);
        return QSet<QString>(split.cbegin(), split.cend());
    }();
    return words;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == '_';
}

} // namespace

QString checkReadOnlyExpression(const QString &sql)
{
    if (sql.trimmed().isEmpty())
        return QObject::tr("The expression is empty.");
    // Each database reads a backslash in quoted text its own way (MySQL escapes the next
    // character, PostgreSQL only in E'' strings, SQLite never), so the guard and the database
    // could disagree on where a literal ends and let the rest run as SQL.
    if (sql.contains('\\'))
        return QObject::tr("Backslashes are not allowed in an expression: each database reads "
                           "them differently.");
    int depth = 0;
    const int n = int(sql.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c == '\'' || c == '"' || c == '`') {
            // Quotes inside are doubled; there is no other escape (backslashes are refused).
            int j = i + 1;
            for (; j < n; ++j) {
                if (sql.at(j) == c) {
                    if (j + 1 < n && sql.at(j + 1) == c) {
                        ++j;
                        continue;
                    }
                    break;
                }
            }
            if (j >= n)
                return QObject::tr("A quote %1 is not closed.").arg(c);
            i = j;
            continue;
        }
        if (c == '[') {
            // SQLite reads [...] as a quoted name, PostgreSQL as a subscript of expressions:
            // only content both read the same way (names, numbers, arithmetic) may be inside.
            // The words in it are checked like any others.
            const int close = int(sql.indexOf(']', i));
            if (close < 0)
                return QObject::tr("A \"[\" is not closed.");
            for (int j = i + 1; j < close; ++j) {
                const QChar b = sql.at(j);
                if (!(b.isLetterOrNumber() || b == '_' || b.isSpace() ||
                      QStringLiteral(".:+-*").contains(b)))
                    return QObject::tr("Only names and numbers may stand between [ and ].");
            }
            continue;
        }
        if (c == ';')
            return QObject::tr("Only one expression is allowed: \";\" would start another "
                               "statement.");
        if ((c == '-' && next == '-') || (c == '/' && next == '*') || c == '#')
            return QObject::tr("Comments are not allowed in an expression.");
        // Placeholders would take the values bound for the filter; $ also starts PostgreSQL's
        // dollar-quoted strings.
        if (c == '?' || c == '$' ||
            (c == ':' && (next.isLetter() || next == '_') && (i == 0 || sql.at(i - 1) != ':')))
            return QObject::tr("\"%1\" is not allowed here: the expression cannot take "
                               "parameters or dollar-quoted text.")
                .arg(c);
        if (c == ':' && next == '=')
            return QObject::tr("\":=\" is not allowed here: the expression may only read.");
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth < 0)
                return QObject::tr("A \")\" has no matching \"(\".");
        } else if (isWordChar(c)) {
            // A word starts with a letter, a digit or _, and may contain $ after a letter or _
            // (a$b is one name everywhere; 1$$ would be a number and a dollar quote).
            int j = i;
            const bool isName = !c.isDigit();
            while (j < n && (isWordChar(sql.at(j)) || (isName && sql.at(j) == '$')))
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
