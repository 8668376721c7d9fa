#pragma once

#include <QByteArray>
#include <QSql>
#include <QSqlError>
#include <QVariant>

#include <vector>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

// What PgResult (a statement through QSqlQuery) and readPgRows (a plan's rows streamed) share
// on libpq: sending a statement with its parameters, its errors, and reading a cell's value.
namespace Tabula::Pg {

// Sends `sql` ($1, $2, … placeholders) with `values` in one extended-protocol round trip:
// one statement, values apart from the SQL. False when libpq could not send it.
bool sendStatement(PGconn *connection, const QByteArray &sql, const QVariantList &values);

// The error of a failed statement (`result`), or of the connection when there is no result.
QSqlError statementError(const char *what, PGconn *connection, const PGresult *result);

// Whether `result` says the statement failed (anything but rows or a command's end).
bool isFailure(const PGresult *result);

// The value of each column as QPSQL reads it. A column that repeats the text of the value it
// made last (a status, a city) hands out that value again, shared, instead of making the same
// string once a row.
class CellValues
{
public:
    void clear() { m_last.clear(); }
    QVariant value(const PGresult *result, int row, int column,
                   QSql::NumericalPrecisionPolicy policy);

private:
    struct Last
    {
        QByteArray text;
        QVariant value;
    };
    std::vector<Last> m_last;
};

} // namespace Tabula::Pg
