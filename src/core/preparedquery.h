#pragma once

#include "sqlfragment.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <unordered_map>

namespace Tabula {

// Never exec() a query whose prepare() failed. Qt then falls back to its emulation
// (QSqlResult::exec): it pastes the bound values into the text with formatValue() and sends
// the string as it is, which MariaDB runs even when it holds several statements. These
// functions prepare, check, and only then run.

// Prepares `statement` on `query` and binds its values in order. False when the database
// refused to prepare it; query.lastError() says why.
bool prepareBound(QSqlQuery &query, const SqlFragment &statement);

// prepareBound(), then exec().
bool execBound(QSqlQuery &query, const SqlFragment &statement);

// Statements prepared once each and run many times (Save, the conflict scan), by their SQL.
// A reference from statement() stays valid while the cache lives.
class StatementCache
{
public:
    explicit StatementCache(const QSqlDatabase &database) : m_database(database) {}

    // The statement, prepared (forward only) the first time it is asked for.
    QSqlQuery &statement(const QString &sql);
    // Runs a statement of this cache. False, the database's refusal left in lastError(), for
    // one it refused to prepare: that one is never run.
    bool exec(QSqlQuery &query) const;
    // Ends every statement's result set (a transaction can then commit).
    void finishAll();
    // Frees the statements (on PostgreSQL only once the transaction they ran in has ended).
    void clear();

private:
    QSqlDatabase m_database;
    std::unordered_map<QString, QSqlQuery> m_statements; // nodes: references stay valid
    QSet<const QSqlQuery *> m_refused;
};

} // namespace Tabula
