#include "savemessages.h"

#include "changeset.h"
#include "rowidentity.h"
#include "savejob.h"
#include "valuetext.h"

#include <QRegularExpression>
#include <QSqlError>

namespace Tabula {

QString databaseMessage(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.text().trimmed() : text;
}

// The longest of `columns` that `message` names as a word.
static QString longestNamedIn(const QString &message, const TableSchema &schema,
                              const QList<int> &columns)
{
    QString best;
    for (int c : columns) {
        const QString name = schema.columns.at(c).name;
        const QRegularExpression word(
            QStringLiteral("(^|[^\\w])%1($|[^\\w])").arg(QRegularExpression::escape(name)));
        if (name.size() > best.size() && word.match(message).hasMatch())
            best = name;
    }
    return best;
}

// The column a constraint message names ("NOT NULL constraint failed: users.name", "column
// \"age\" of relation ...", "Column 'name' cannot be null"): one the statement wrote, else
// one an INSERT left to its default (`unwritten`), else the only column written.
QString columnNamedIn(const QString &message, const TableSchema &schema, const QList<int> &written,
                      const QList<int> &unwritten)
{
    QString name = longestNamedIn(message, schema, written);
    if (name.isEmpty())
        name = longestNamedIn(message, schema, unwritten);
    if (name.isEmpty() && written.size() == 1)
        name = schema.columns.at(written.first()).name;
    return name;
}

QString shownValue(const QVariant &value)
{
    const QString text = displayText(value);
    return value.typeId() == QMetaType::QString ? '\'' + text.left(60) + '\'' : text.left(60);
}

QString SaveError::describe(const TableId &table) const
{
    QString where = table.displayName();
    if (!rowText.isEmpty())
        where += QObject::tr(", row %1").arg(rowText);
    if (!column.isEmpty())
        where += QObject::tr(", column %1").arg(column);
    return QObject::tr("Save failed at %1: %2").arg(where, message);
}

QString describeRow(const TableSchema &schema, const ChangeSet &changes, const RowKey &key)
{
    if (key.isInserted())
        return QObject::tr("new row %1").arg(changes.insertedIndex(key.insertedSerial()) + 1);
    return describeKey(schema, key);
}

} // namespace Tabula
