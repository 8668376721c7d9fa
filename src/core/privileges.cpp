#include "privileges.h"

#include "database.h"
#include "savemessages.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

namespace {

// Why `statement` may not run, if the server says the role lacks a privilege for it.
QString refusal(const Database &database, const QString &statement, const QString &action,
                const TableId &table)
{
    QSqlQuery query(database.connection());
    if (query.exec(statement) || !database.dialect().isPermissionDenied(query.lastError()))
        return {};
    return QCoreApplication::translate("Tabula::Privileges",
                                       "Your database role may not %1 rows of %2 (%3).")
        .arg(action, table.displayName(), databaseMessage(query.lastError()));
}

} // namespace

void readPrivileges(const Database &database, TableSchema &schema)
{
    const Dialect &d = database.dialect();
    if (!d.checksPrivileges() || !schema.isEditable() || schema.columns.isEmpty())
        return;
    int column = 0;
    while (column + 1 < schema.columns.size() && !schema.columns.at(column).writable)
        ++column;
    const QString table = d.qualifiedName(schema.id);
    const QString name = d.quoteIdentifier(schema.columns.at(column).name);
    schema.refusals.update = refusal(
        database, QStringLiteral("EXPLAIN UPDATE %1 SET %2 = %2 WHERE 1 = 0").arg(table, name),
        QCoreApplication::translate("Tabula::Privileges", "change"), schema.id);
    schema.refusals.insert =
        refusal(database,
                QStringLiteral("EXPLAIN INSERT INTO %1 (%2) SELECT %2 FROM %1 WHERE 1 = 0")
                    .arg(table, name),
                QCoreApplication::translate("Tabula::Privileges", "add"), schema.id);
    schema.refusals.remove =
        refusal(database, QStringLiteral("EXPLAIN DELETE FROM %1 WHERE 1 = 0").arg(table),
                QCoreApplication::translate("Tabula::Privileges", "delete"), schema.id);
}

} // namespace Tabula
