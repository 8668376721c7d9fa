#include "sortcost.h"

#include "database.h"
#include "preparedquery.h"
#include "tabledocument.h"
#include "tablemodel.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

QSet<QString> indexedColumns(const Database &db, const TableSchema &schema, QString *error)
{
    QSet<QString> names;
    if (!schema.keyColumns.isEmpty())
        names.insert(schema.columns.at(schema.keyColumns.first()).name);
    const SqlFragment statement = db.dialect().leadingIndexColumns(schema.id);
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!execBound(query, statement)) {
        *error = query.lastError().text();
        return names;
    }
    while (query.next())
        names.insert(query.value(0).toString());
    return names;
}

QString sortHint(const TableSchema &schema, int column, const QSet<QString> &indexed, qint64 rows,
                 qint64 threshold)
{
    if (column < 0 || column >= schema.columns.size() || rows < threshold)
        return {};
    const QString name = schema.columns.at(column).name;
    if (indexed.contains(name))
        return {};
    return QCoreApplication::translate("Tabula::SortCost",
                                       "Sorted by %1, which no index covers: the database sorts "
                                       "all %L2 rows for every page read, so scrolling may be "
                                       "slow. An index on %1 would make it fast.")
        .arg(name)
        .arg(rows);
}

QString sortHint(const TableDocument &document, int column, qint64 threshold)
{
    const TableModel &model = *document.model();
    const qint64 rows =
        qMax(model.matchingRowCount(), qMax(model.rowCountLowerBound(), model.rowCountEstimate()));
    if (rows < threshold)
        return {};
    QString error;
    const QSet<QString> indexed = indexedColumns(document.database(), document.schema(), &error);
    if (!error.isEmpty())
        return {}; // without the catalog, no claim either way
    return sortHint(document.schema(), column, indexed, rows, threshold);
}

} // namespace Tabula
