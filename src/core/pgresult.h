#pragma once

#include "pgstatement.h"

#include <QSqlResult>

namespace Tabula {

class PgDriver;

// One statement on Tabula's PostgreSQL driver: prepare() only numbers the placeholders (no
// round trip, nothing named on the server); exec() sends the SQL and its parameters together
// and keeps the whole result.
class PgResult : public QSqlResult
{
public:
    explicit PgResult(const PgDriver *driver);
    ~PgResult() override;

    QVariant handle() const override;

protected:
    bool reset(const QString &query) override;
    bool prepare(const QString &query) override;
    bool exec() override;
    bool fetch(int i) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    bool fetchNext() override { return fetch(at() + 1); }
    QVariant data(int i) override;
    bool isNull(int i) override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    const PgDriver *pgDriver() const;
    bool send(const QByteArray &sql, const QVariantList &values);
    bool takeResults(const char *what);
    void clearResult();

    PGresult *m_result = nullptr;
    QByteArray m_sql;
    Pg::CellValues m_cells; // data()'s values, a repeated one shared
};

} // namespace Tabula
