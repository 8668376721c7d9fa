#include "pgrows.h"

#include "pgdriver.h"
#include "pgstatement.h"
#include "pgvalues.h"
#include "savemessages.h"

#include <QObject>
#include <QSqlDatabase>

#include <libpq-fe.h>

namespace Tabula {

namespace {

// Reads the results of the statement just sent, a row at a time. The first failure is the
// statement's; every result is read, so that the connection is free for the next statement.
class RowStream
{
public:
    RowStream(PGconn *connection, QSql::NumericalPrecisionPolicy policy, int columns)
        : m_connection(connection), m_policy(policy), m_values(columns)
    {
    }

    bool read(const Dialect::RowSink &row, QString *error)
    {
        while (PGresult *result = PQgetResult(m_connection)) {
            take(result, row);
            PQclear(result);
        }
        if (m_error.isEmpty())
            return true;
        *error = m_error;
        return false;
    }

private:
    void take(const PGresult *result, const Dialect::RowSink &row)
    {
        if (!m_error.isEmpty())
            return; // after a failure only drained
        if (Pg::isFailure(result)) {
            m_error =
                databaseMessage(Pg::statementError("Unable to create query", m_connection, result));
            return;
        }
        // A row at a time, then an empty end; all rows at once had single-row mode been refused.
        if (PQntuples(result) == 0)
            return;
        if (PQnfields(result) < int(m_values.size())) {
            m_error = QObject::tr("The statement returns fewer columns than are read.");
            return;
        }
        for (int r = 0; r < PQntuples(result); ++r) {
            for (int c = 0; c < int(m_values.size()); ++c)
                m_values[size_t(c)] = m_cells.value(result, r, c, m_policy);
            row(m_values.data());
        }
    }

    PGconn *m_connection;
    QSql::NumericalPrecisionPolicy m_policy;
    std::vector<QVariant> m_values;
    Pg::CellValues m_cells;
    QString m_error;
};

} // namespace

std::optional<bool> readPgRows(const QSqlDatabase &db, const SqlFragment &select, int columns,
                               const Dialect::RowSink &row, QString *error)
{
    const auto *driver = dynamic_cast<const PgDriver *>(db.driver());
    PGconn *connection = driver ? driver->connection() : nullptr;
    if (!connection || !db.isOpen())
        return std::nullopt;
    int count = 0;
    const QByteArray sql = Pg::numberedPlaceholders(select.sql, &count);
    if (!Pg::sendStatement(connection, sql, select.params)) {
        *error = databaseMessage(Pg::statementError("Unable to send query", connection, nullptr));
        return false;
    }
    PQsetSingleRowMode(connection); // if refused, the rows come at once: read all the same
    return RowStream(connection, db.numericalPrecisionPolicy(), columns).read(row, error);
}

} // namespace Tabula
