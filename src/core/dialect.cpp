#include "dialect.h"

#include "connectionspec.h"
#include "preparedquery.h"
#include "savemessages.h"

#include <QSqlQuery>
#include <QVector>

#include <algorithm>

namespace Tabula {

std::unique_ptr<Dialect> makeSqliteDialect();
std::unique_ptr<Dialect> makePostgresDialect();
std::unique_ptr<Dialect> makeMysqlDialect();

std::unique_ptr<Dialect> Dialect::create(DatabaseKind kind)
{
    switch (kind) {
    case DatabaseKind::SQLite:
        return makeSqliteDialect();
    case DatabaseKind::PostgreSQL:
        return makePostgresDialect();
    case DatabaseKind::MySQL:
        return makeMysqlDialect();
    }
    return nullptr;
}

QString Dialect::quoteIdentifier(const QString &name) const
{
    QString quoted = name;
    quoted.replace('"', QLatin1String("\"\""));
    return '"' + quoted + '"';
}

QString Dialect::hostName(const ConnectionSpec &spec) const
{
    return spec.host;
}

QString Dialect::qualifiedName(const TableId &table) const
{
    if (table.schema.isEmpty())
        return quoteIdentifier(table.name);
    return quoteIdentifier(table.schema) + '.' + quoteIdentifier(table.name);
}

QString Dialect::containsPredicate(const QString &columnSql) const
{
    return QStringLiteral("LOWER(%1) LIKE LOWER(?) ESCAPE '!'").arg(castToText(columnSql));
}

QString Dialect::containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == '!' || c == '%' || c == '_')
            escaped += '!';
        escaped += c;
    }
    return '%' + escaped + '%';
}

QString joinIntegers(const qint64 *first, qsizetype count)
{
    QByteArray text;
    text.reserve(count * 8);
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            text += ',';
        text += QByteArray::number(first[i]);
    }
    return QString::fromLatin1(text);
}

bool Dialect::readRows(const QSqlDatabase &db, const SqlFragment &select, int columns,
                       const RowSink &row, QString *error) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const bool ok = execBound(query, select);
    QVector<QVariant> values(columns);
    while (ok && query.next()) {
        for (int i = 0; i < columns; ++i)
            values[i] = query.value(i);
        row(values.constData());
    }
    if (ok && !query.lastError().isValid())
        return true;
    *error = databaseMessage(query.lastError());
    return false;
}

bool Dialect::comparesExactly(const ColumnInfo &column) const
{
    switch (column.kind) {
    case ValueKind::Text:
    case ValueKind::Integer:
    case ValueKind::Numeric:
    case ValueKind::Boolean:
    case ValueKind::Date:
    case ValueKind::Blob:
    case ValueKind::Uuid:
    case ValueKind::Enum:
        return true;
    default:
        return false;
    }
}

QString Dialect::insertDefaultValues(const QString &qualifiedTable) const
{
    return QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(qualifiedTable);
}

SqlFragment joinFragments(const QList<SqlFragment> &parts, const QString &separator)
{
    SqlFragment joined;
    for (const SqlFragment &part : parts) {
        if (part.isEmpty())
            continue;
        if (!joined.sql.isEmpty())
            joined.sql += separator;
        joined.sql += part.sql;
        joined.params += part.params;
    }
    return joined;
}

QString TableSchema::refusalText() const
{
    if (!readOnlyReason.isEmpty())
        return readOnlyReason;
    QStringList parts;
    for (const QString &part : {refusals.update, refusals.insert, refusals.remove}) {
        if (!part.isEmpty())
            parts << part;
    }
    QStringList refusedColumns;
    for (const ColumnInfo &c : columns) {
        if (!c.updateRefusal.isEmpty())
            refusedColumns << c.name;
    }
    if (refusals.update.isEmpty() && !refusedColumns.isEmpty())
        parts << QObject::tr("Your database role may not change %1 of %2.")
                     .arg(refusedColumns.join(QStringLiteral(", ")), id.displayName());
    return parts.join(' ');
}

QString TableSchema::updateRefusal(int column) const
{
    if (!readOnlyReason.isEmpty())
        return readOnlyReason;
    return refusals.update.isEmpty() ? columns.at(column).updateRefusal : refusals.update;
}

void ColumnInfo::setDecimalLimits(int precision, int scale)
{
    if (precision <= 0 || scale < 0 || scale > precision)
        return;
    numericPrecision = precision;
    numericScale = scale;
}

void TableSchema::collectKeyColumns()
{
    keyColumns.clear();
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).primaryKeyPosition > 0)
            keyColumns.append(i);
    }
    std::sort(keyColumns.begin(), keyColumns.end(), [this](int a, int b) {
        return columns.at(a).primaryKeyPosition < columns.at(b).primaryKeyPosition;
    });
}

void TableSchema::requireRowIdentity()
{
    if (isView)
        readOnlyReason = QObject::tr("Views are read-only.");
    else if (keyColumns.isEmpty() && !usesRowId())
        readOnlyReason = QObject::tr("The table has no primary key, so a row cannot be told "
                                     "apart from an identical one.");
}

int TableSchema::columnIndex(const QString &name) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name)
            return i;
    }
    return -1;
}

// SQLite's type affinity rules (section 3.1 of "Datatypes In SQLite"), plus the common names
// that tell a richer editor what a text column holds.
ValueKind valueKindForSqliteType(const QString &declaredType)
{
    const QString t = declaredType.toUpper();
    if (t.contains(QLatin1String("INT")))
        return t.startsWith(QLatin1String("BOOL")) ? ValueKind::Boolean : ValueKind::Integer;
    if (t.startsWith(QLatin1String("BOOL")))
        return ValueKind::Boolean;
    if (t.startsWith(QLatin1String("DATETIME")) || t.startsWith(QLatin1String("TIMESTAMP")))
        return ValueKind::DateTime;
    if (t == QLatin1String("DATE"))
        return ValueKind::Date;
    if (t == QLatin1String("TIME"))
        return ValueKind::Time;
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) ||
        t.contains(QLatin1String("TEXT")))
        return ValueKind::Text;
    if (t.contains(QLatin1String("BLOB")) || t.isEmpty())
        return t.isEmpty() ? ValueKind::Text : ValueKind::Blob;
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) ||
        t.contains(QLatin1String("DOUB")))
        return ValueKind::Real;
    if (t.startsWith(QLatin1String("JSON")))
        return ValueKind::Json;
    return ValueKind::Numeric;
}

} // namespace Tabula
