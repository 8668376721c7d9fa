#include "pgresult.h"

#include "pgdriver.h"
#include "pgstatement.h"
#include "pgvalues.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>

#include <libpq-fe.h>

Q_DECLARE_OPAQUE_POINTER(PGresult *)
Q_DECLARE_METATYPE(PGresult *)

namespace Tabula {

using Pg::isFailure;
using Pg::statementError;

PgResult::PgResult(const PgDriver *driver) : QSqlResult(driver) {}

PgResult::~PgResult()
{
    clearResult();
}

const PgDriver *PgResult::pgDriver() const
{
    return static_cast<const PgDriver *>(driver());
}

QVariant PgResult::handle() const
{
    return QVariant::fromValue(m_result);
}

void PgResult::clearResult()
{
    if (m_result)
        PQclear(m_result);
    m_result = nullptr;
    m_cells.clear(); // they were made by the statement before
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    setSelect(false);
}

void PgResult::detachFromResultSet()
{
    clearResult();
}

bool PgResult::reset(const QString &query)
{
    // No parameters: still the extended protocol, so the string is one statement.
    int count = 0;
    m_sql = Pg::numberedPlaceholders(query, &count);
    return send(m_sql, {});
}

bool PgResult::prepare(const QString &query)
{
    clearResult();
    int count = 0;
    m_sql = Pg::numberedPlaceholders(query, &count);
    return true;
}

bool PgResult::exec()
{
    return send(m_sql, boundValues());
}

bool PgResult::send(const QByteArray &sql, const QVariantList &values)
{
    clearResult();
    PGconn *connection = pgDriver()->connection();
    if (!connection || !driver()->isOpen()) {
        setLastError(QSqlError(QStringLiteral("PgResult"), QStringLiteral("Not connected."),
                               QSqlError::ConnectionError));
        return false;
    }
    const bool sent = Pg::sendStatement(connection, sql, values);
    if (!sent) {
        setLastError(statementError("Unable to send query", connection, nullptr));
        return false;
    }
    return takeResults("Unable to create query");
}

// Reads every result of the statement; an error anywhere fails it.
bool PgResult::takeResults(const char *what)
{
    PGconn *connection = pgDriver()->connection();
    PGresult *failure = nullptr;
    while (PGresult *result = PQgetResult(connection)) {
        if (isFailure(result) && !failure)
            failure = result;
        else if (!m_result && !isFailure(result))
            m_result = result;
        else
            PQclear(result);
    }
    if (failure) {
        setLastError(statementError(what, connection, failure));
        PQclear(failure);
        clearResult();
        return false;
    }
    if (!m_result)
        return false;
    setSelect(PQresultStatus(m_result) == PGRES_TUPLES_OK);
    setActive(true);
    return true;
}

bool PgResult::fetch(int i)
{
    if (!isActive() || !isSelect() || i < 0 || i >= PQntuples(m_result))
        return false;
    setAt(i);
    return true;
}

bool PgResult::fetchFirst()
{
    return fetch(0);
}

bool PgResult::fetchLast()
{
    return isActive() && isSelect() && fetch(PQntuples(m_result) - 1);
}

QVariant PgResult::data(int i)
{
    if (!m_result || i < 0 || i >= PQnfields(m_result) || at() < 0)
        return {};
    return m_cells.value(m_result, at(), i, numericalPrecisionPolicy());
}

bool PgResult::isNull(int i)
{
    return !m_result || at() < 0 || PQgetisnull(m_result, at(), i);
}

int PgResult::size()
{
    return m_result && isSelect() ? PQntuples(m_result) : -1;
}

int PgResult::numRowsAffected()
{
    return m_result ? QByteArray(PQcmdTuples(m_result)).toInt() : -1;
}

QSqlRecord PgResult::record() const
{
    QSqlRecord info;
    if (!m_result || !isSelect())
        return info;
    for (int i = 0; i < PQnfields(m_result); ++i) {
        QSqlField field(QString::fromUtf8(PQfname(m_result, i)),
                        Pg::metaTypeForOid(PQftype(m_result, i)));
        info.append(field);
    }
    return info;
}

} // namespace Tabula
