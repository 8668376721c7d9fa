#include "foreignkey.h"

#include <QSqlQuery>

namespace Tabula {

QString ForeignKey::describe() const
{
    return QStringLiteral("%1 (%2) → %3 (%4)")
        .arg(table.displayName(), columns.join(QStringLiteral(", ")), referencedTable.displayName(),
             referencedColumns.join(QStringLiteral(", ")));
}

const ForeignKey *TableSchema::foreignKeyAt(int column) const
{
    const QString name = columns.value(column).name;
    const ForeignKey *found = nullptr;
    for (const ForeignKey &key : foreignKeys) {
        if (key.columns.contains(name) && (!found || !key.isComposite()))
            found = &key;
    }
    return found;
}

QList<ForeignKey> readForeignKeys(QSqlQuery &query)
{
    QList<ForeignKey> keys;
    while (query.next()) {
        const QString name = query.value(0).toString();
        const TableId table{query.value(1).toString(), query.value(2).toString()};
        if (keys.isEmpty() || keys.last().name != name || keys.last().table != table) {
            ForeignKey key;
            key.name = name;
            key.table = table;
            key.referencedTable = {query.value(4).toString(), query.value(5).toString()};
            keys.append(key);
        }
        keys.last().columns.append(query.value(3).toString());
        keys.last().referencedColumns.append(query.value(6).toString());
    }
    return keys;
}

} // namespace Tabula
