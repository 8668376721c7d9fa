#include "preparedquery.h"

namespace Tabula {

bool prepareBound(QSqlQuery &query, const SqlFragment &statement)
{
    if (!query.prepare(statement.sql))
        return false;
    for (const QVariant &value : statement.params)
        query.addBindValue(value);
    return true;
}

bool execBound(QSqlQuery &query, const SqlFragment &statement)
{
    return prepareBound(query, statement) && query.exec();
}

QSqlQuery &StatementCache::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        it = m_statements.emplace(sql, QSqlQuery(m_database)).first;
        it->second.setForwardOnly(true);
        // A refusal shows up when the statement is run, with the row that needed it.
        if (!it->second.prepare(sql))
            m_refused.insert(&it->second);
    }
    return it->second;
}

bool StatementCache::exec(QSqlQuery &query) const
{
    return !m_refused.contains(&query) && query.exec();
}

void StatementCache::finishAll()
{
    for (auto &entry : m_statements)
        entry.second.finish();
}

void StatementCache::clear()
{
    m_refused.clear();
    m_statements.clear();
}

} // namespace Tabula
