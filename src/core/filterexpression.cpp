#include "filterexpression.h"

#include "sqlguard.h"
#include "valuetext.h"

#include <QObject>

namespace Tabula {

namespace {

// The empty text as a bound value. A null QString would be bound as SQL NULL.
QString emptyText()
{
    return QStringLiteral("");
}

// A comparison value typed for the column: numbers bind as numbers, so that 10 > 9.
QVariant comparisonValue(const ColumnInfo &column, const QString &text, QString *error)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("''"))
        return emptyText();
    bool ok = false;
    switch (column.kind) {
    case ValueKind::Integer: {
        const qlonglong v = t.toLongLong(&ok);
        if (ok)
            return v;
        const double d = t.toDouble(&ok);
        if (ok)
            return d;
        *error = QObject::tr("\"%1\" is not a number.").arg(t);
        return {};
    }
    case ValueKind::Real: {
        const double d = t.toDouble(&ok);
        if (ok)
            return d;
        *error = QObject::tr("\"%1\" is not a number.").arg(t);
        return {};
    }
    case ValueKind::Numeric:
        t.toDouble(&ok);
        if (!ok) {
            *error = QObject::tr("\"%1\" is not a number.").arg(t);
            return {};
        }
        return t;
    case ValueKind::Boolean:
        if (const std::optional<bool> b = parseBoolean(t))
            return *b;
        *error = QObject::tr("\"%1\" is not true or false.").arg(t);
        return {};
    default:
        return t;
    }
}

QString likePattern(const QString &text)
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

} // namespace

void FilterExpression::setColumnFilter(int column, const QString &text)
{
    if (text.trimmed().isEmpty())
        m_columns.remove(column);
    else
        m_columns.insert(column, text);
}

void FilterExpression::clear()
{
    m_columns.clear();
    m_rawWhere.clear();
}

SqlFragment FilterExpression::compileColumn(const Dialect &dialect, const ColumnInfo &column,
                                            const QString &input, QString *error)
{
    error->clear();
    const QString text = input.trimmed();
    const QString col = dialect.quoteIdentifier(column.name);
    if (text.isEmpty())
        return {};
    const QString upper = text.toUpper().simplified();
    if (upper == QLatin1String("NULL"))
        return {col + QStringLiteral(" IS NULL"), {}};
    if (upper == QLatin1String("NOT NULL"))
        return {col + QStringLiteral(" IS NOT NULL"), {}};
    if (text == QLatin1String("''"))
        return {col + QStringLiteral(" = ?"), {emptyText()}};

    static const char *const operators[] = {">=", "<=", "<>", "!=", "=", "<", ">"};
    for (const char *op : operators) {
        const QString o = QLatin1String(op);
        if (!text.startsWith(o))
            continue;
        const QString value = text.mid(o.size());
        if (value.trimmed().isEmpty()) {
            *error = QObject::tr("Type a value after %1.").arg(o);
            return {};
        }
        const QVariant bound = comparisonValue(column, value, error);
        if (!error->isEmpty())
            return {};
        // "Not v" shows every row that does not hold v, those without a value too.
        if (o == QLatin1String("<>") || o == QLatin1String("!="))
            return {QStringLiteral("(%1 <> ? OR %1 IS NULL)").arg(col), {bound}};
        return {QStringLiteral("%1 %2 ?").arg(col, o), {bound}};
    }

    const int range = text.indexOf(QLatin1String(".."));
    if (range > 0 && range + 2 < text.size()) {
        const QVariant low = comparisonValue(column, text.left(range), error);
        if (!error->isEmpty())
            return {};
        const QVariant high = comparisonValue(column, text.mid(range + 2), error);
        if (!error->isEmpty())
            return {};
        return {QStringLiteral("%1 BETWEEN ? AND ?").arg(col), {low, high}};
    }
    return {dialect.containsPredicate(col), {likePattern(text)}};
}

SqlFragment FilterExpression::toSql(const Dialect &dialect, const TableSchema &schema,
                                    QString *error) const
{
    error->clear();
    QList<SqlFragment> parts;
    for (auto it = m_columns.cbegin(); it != m_columns.cend(); ++it) {
        if (it.key() < 0 || it.key() >= schema.columns.size())
            continue;
        const ColumnInfo &column = schema.columns.at(it.key());
        const SqlFragment part = compileColumn(dialect, column, it.value(), error);
        if (!error->isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(column.name, *error);
            return {};
        }
        parts << part;
    }
    if (!m_rawWhere.isEmpty()) {
        const QString refusal = checkReadOnlyExpression(m_rawWhere, dialect);
        if (!refusal.isEmpty()) {
            *error = QObject::tr("WHERE: %1").arg(refusal);
            return {};
        }
        parts << SqlFragment{'(' + m_rawWhere + ')', {}};
    }
    return joinFragments(parts, QStringLiteral(" AND "));
}

} // namespace Tabula
