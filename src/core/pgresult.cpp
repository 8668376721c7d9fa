#include "pgresult.h"

#include "pgdriver.h"
#include "pgvalues.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>

#include <libpq-fe.h>

#include <cstring>
#include <vector>

Q_DECLARE_OPAQUE_POINTER(PGresult *)
Q_DECLARE_METATYPE(PGresult *)

namespace Tabula {

namespace {

QSqlError statementError(const char *what, PGconn *connection, const PGresult *result)
{
    const QString text =
        QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString code = state ? QString::fromLatin1(state) : QString();
    return QSqlError(QCoreApplication::translate("PgResult", what),
                     code.isEmpty() ? text : text + QStringLiteral("(%1)").arg(code),
                     QSqlError::StatementError, code);
}

bool isFailure(const PGresult *result)
{
    switch (PQresultStatus(result)) {
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
        return false;
    default:
        return true;
    }
}

} // namespace

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
    m_lastCells.clear(); // they were made by the statement before
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
    std::vector<Pg::Param> params;
    params.reserve(values.size());
    for (const QVariant &value : values)
        params.push_back(Pg::paramFromVariant(value));
    std::vector<const char *> texts;
    std::vector<int> lengths, formats;
    std::vector<unsigned> types;
    for (const Pg::Param &p : params) {
        texts.push_back(p.isNull ? nullptr : p.bytes.constData());
        lengths.push_back(int(p.bytes.size()));
        formats.push_back(p.binary ? 1 : 0);
        types.push_back(p.type);
    }
    const int sent =
        PQsendQueryParams(connection, sql.constData(), int(params.size()), types.data(),
                          texts.data(), lengths.data(), formats.data(), 0);
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
    const unsigned oid = PQftype(m_result, i);
    if (PQgetisnull(m_result, at(), i))
        return QVariant(Pg::metaTypeForOid(oid), nullptr);
    return cellValue(i, PQgetvalue(m_result, at(), i));
}

QVariant PgResult::cellValue(int i, const char *text)
{
    const unsigned oid = PQftype(m_result, i);
    const int length = PQgetlength(m_result, at(), i);
    constexpr int kLongest = 64; // longer texts are seldom repeated; not worth the copy
    if (m_lastCells.size() != size_t(PQnfields(m_result)))
        m_lastCells.assign(size_t(PQnfields(m_result)), {});
    LastCell &last = m_lastCells[size_t(i)];
    if (last.value.isValid() && last.text.size() == length &&
        std::memcmp(last.text.constData(), text, size_t(length)) == 0)
        return last.value;
    QVariant value = Pg::valueFromText(text, oid, numericalPrecisionPolicy());
    if (length <= kLongest) {
        last.text.resize(length);
        std::memcpy(last.text.data(), text, size_t(length));
        last.value = value;
    }
    return value;
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
