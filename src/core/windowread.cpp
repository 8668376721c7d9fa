#include "windowread.h"

#include "database.h"
#include "preparedquery.h"
#include "readonlyscope.h"
#include "valuetext.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace Tabula {

bool readWindow(const Database &database, const TableSchema &schema, const SqlFragment &select,
                QVector<QVariantList> *rows, QSqlError *error)
{
    const ReadOnlyScope readOnly(database);
    if (!readOnly.isActive()) {
        *error = QSqlError(readOnly.error(), QString(), QSqlError::StatementError);
        return false;
    }
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!execBound(query, select)) {
        *error = query.lastError();
        return false;
    }
    const int width = query.record().count();
    while (query.next()) {
        QVariantList row;
        row.reserve(width);
        for (int c = 0; c < width; ++c)
            row.append(c < schema.columns.size() ? valueAsRead(schema.columns.at(c), query.value(c))
                                                 : query.value(c));
        rows->append(std::move(row));
    }
    *error = query.lastError();
    query.finish(); // done with the statement: SQLite drops its read lock here
    return !error->isValid();
}

} // namespace Tabula
