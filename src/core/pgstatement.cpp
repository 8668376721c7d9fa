#include "pgstatement.h"

#include "pgvalues.h"

#include <QCoreApplication>

#include <libpq-fe.h>

#include <cstring>

namespace Tabula::Pg {

bool sendStatement(PGconn *connection, const QByteArray &sql, const QVariantList &values)
{
    std::vector<Param> params;
    params.reserve(values.size());
    for (const QVariant &value : values)
        params.push_back(paramFromVariant(value));
    std::vector<const char *> texts;
    std::vector<int> lengths, formats;
    std::vector<unsigned> types;
    for (const Param &p : params) {
        texts.push_back(p.isNull ? nullptr : p.bytes.constData());
        lengths.push_back(int(p.bytes.size()));
        formats.push_back(p.binary ? 1 : 0);
        types.push_back(p.type);
    }
    return PQsendQueryParams(connection, sql.constData(), int(params.size()), types.data(),
                             texts.data(), lengths.data(), formats.data(), 0);
}

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
    case PGRES_SINGLE_TUPLE:
        return false;
    default:
        return true;
    }
}

QVariant CellValues::value(const PGresult *result, int row, int column,
                           QSql::NumericalPrecisionPolicy policy)
{
    const unsigned oid = PQftype(result, column);
    if (PQgetisnull(result, row, column))
        return QVariant(metaTypeForOid(oid), nullptr);
    const char *text = PQgetvalue(result, row, column);
    const int length = PQgetlength(result, row, column);
    constexpr int kLongest = 64; // longer texts are seldom repeated; not worth the copy
    if (m_last.size() != size_t(PQnfields(result)))
        m_last.assign(size_t(PQnfields(result)), {});
    Last &last = m_last[size_t(column)];
    if (last.value.isValid() && last.text.size() == length &&
        std::memcmp(last.text.constData(), text, size_t(length)) == 0)
        return last.value;
    QVariant value = valueFromText(text, oid, policy);
    if (length <= kLongest) {
        last.text.resize(length);
        std::memcpy(last.text.data(), text, size_t(length));
        last.value = value;
    }
    return value;
}

} // namespace Tabula::Pg
