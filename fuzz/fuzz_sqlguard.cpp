// The guard of user SQL (checkReadOnlyExpression) on arbitrary text, as each dialect checks it.
// SQLite also judges it: an expression the guard accepts is compiled (never run) by SQLite
// with an authorizer that reports every function it would call and every action besides
// reading; any that the SQLite dialect does not list as pure is a hole in the guard.

#include "dialect.h"
#include "sqlguard.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sqlite3.h>

using namespace Tabula;

namespace {

struct Verdict
{
    const Dialect *dialect;
    QString violation;
};

// Functions SQLite calls for operators and keywords, not for a name before "(".
bool isOperatorFunction(const QString &name)
{
    static const QSet<QString> names = {"like",         "glob",         "match",
                                        "regexp",       "->",           "->>",
                                        "current_date", "current_time", "current_timestamp"};
    return names.contains(name);
}

int authorize(void *data, int action, const char *, const char *name, const char *, const char *)
{
    auto *verdict = static_cast<Verdict *>(data);
    if (action == SQLITE_SELECT || action == SQLITE_READ || action == SQLITE_RECURSIVE)
        return SQLITE_OK;
    const QString function = QString::fromUtf8(name).toLower();
    if (action == SQLITE_FUNCTION &&
        (verdict->dialect->pureFunctions().contains(function) || isOperatorFunction(function)))
        return SQLITE_OK;
    verdict->violation = QStringLiteral("action %1 on %2").arg(action).arg(function);
    return SQLITE_DENY;
}

sqlite3 *judge()
{
    static sqlite3 *db = [] {
        sqlite3 *opened = nullptr;
        sqlite3_open(":memory:", &opened);
        sqlite3_exec(opened,
                     "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INT, "
                     "price REAL, tags TEXT)",
                     nullptr, nullptr, nullptr);
        return opened;
    }();
    return db;
}

void judgeOnSqlite(const Dialect &dialect, const QString &sql)
{
    Verdict verdict{&dialect, {}};
    sqlite3_set_authorizer(judge(), &authorize, &verdict);
    const QByteArray select = "SELECT 1 FROM t WHERE (" + sql.toUtf8() + ")";
    sqlite3_stmt *statement = nullptr;
    sqlite3_prepare_v2(judge(), select.constData(), int(select.size()), &statement, nullptr);
    sqlite3_finalize(statement);
    sqlite3_set_authorizer(judge(), nullptr, nullptr);
    if (!verdict.violation.isEmpty()) {
        fprintf(stderr, "guard accepted %s: %s\n", select.constData(),
                qPrintable(verdict.violation));
        abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::unique_ptr<Dialect> dialects[] = {Dialect::create(DatabaseKind::SQLite),
                                                        Dialect::create(DatabaseKind::PostgreSQL),
                                                        Dialect::create(DatabaseKind::MySQL)};
    const QString sql = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const auto &dialect : dialects) {
        if (!checkReadOnlyExpression(sql, *dialect).isEmpty())
            continue;
        // No accepted expression holds a backslash, wherever it stands: each database reads
        // one differently, so the guard and the database could split the text differently.
        if (sql.contains('\\'))
            abort();
        if (dialect->kind() == DatabaseKind::SQLite)
            judgeOnSqlite(*dialect, sql);
    }
    return 0;
}
