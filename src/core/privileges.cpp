#include "privileges.h"

#include "database.h"
#include "savemessages.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Tabula::Privileges", text);
}

// The server's words when it says the role lacks a privilege for `statement`, else empty.
QString denial(const Database &database, const QString &statement)
{
    QSqlQuery query(database.connection());
    if (query.exec(statement) || !database.dialect().isPermissionDenied(query.lastError()))
        return {};
    return databaseMessage(query.lastError());
}

QString rowsRefusal(const QString &denied, const QString &action, const TableId &table)
{
    if (denied.isEmpty())
        return {};
    return tr("Your database role may not %1 rows of %2 (%3).")
        .arg(action, table.displayName(), denied);
}

QList<int> writableColumns(const TableSchema &schema)
{
    QList<int> writable;
    for (int c = 0; c < schema.columns.size(); ++c) {
        if (schema.columns.at(c).writable)
            writable << c;
    }
    return writable.isEmpty() ? QList<int>{0} : writable;
}

QString updateStatement(const Database &database, const TableSchema &schema,
                        const QList<int> &columns)
{
    const Dialect &d = database.dialect();
    QStringList sets;
    for (int c : columns) {
        const QString name = d.quoteIdentifier(schema.columns.at(c).name);
        sets << name + QStringLiteral(" = ") + name;
    }
    return QStringLiteral("EXPLAIN UPDATE %1 SET %2 WHERE 1 = 0")
        .arg(d.qualifiedName(schema.id), sets.join(QStringLiteral(", ")));
}

// UPDATE may be granted per column: when the role may not change every writable column at
// once, each is asked apart; only when it may change none is the whole table refused.
void readUpdatePrivileges(const Database &database, TableSchema &schema)
{
    const QList<int> writable = writableColumns(schema);
    const QString all = denial(database, updateStatement(database, schema, writable));
    if (all.isEmpty())
        return;
    QStringList perColumn(schema.columns.size());
    int refused = 0;
    for (int c : writable) {
        const QString one = denial(database, updateStatement(database, schema, {c}));
        if (one.isEmpty())
            continue;
        ++refused;
        perColumn[c] = tr("Your database role may not change the column %1 of %2 (%3).")
                           .arg(schema.columns.at(c).name, schema.id.displayName(), one);
    }
    if (refused == writable.size()) {
        schema.refusals.update = rowsRefusal(all, tr("change"), schema.id);
        return;
    }
    for (int c = 0; c < schema.columns.size(); ++c)
        schema.columns[c].updateRefusal = perColumn.at(c);
}

} // namespace

void readPrivileges(const Database &database, TableSchema &schema)
{
    const Dialect &d = database.dialect();
    if (!d.checksPrivileges() || !schema.isEditable() || schema.columns.isEmpty())
        return;
    readUpdatePrivileges(database, schema);
    const QString table = d.qualifiedName(schema.id);
    const QString name = d.quoteIdentifier(schema.columns.at(writableColumns(schema).first()).name);
    schema.refusals.insert = rowsRefusal(
        denial(database, QStringLiteral("EXPLAIN INSERT INTO %1 (%2) SELECT %2 FROM %1 WHERE 1 = 0")
                             .arg(table, name)),
        tr("add"), schema.id);
    schema.refusals.remove = rowsRefusal(
        denial(database, QStringLiteral("EXPLAIN DELETE FROM %1 WHERE 1 = 0").arg(table)),
        tr("delete"), schema.id);
}

} // namespace Tabula
