#include "pgvalues.h"

#include <QDateTime>
#include <QLocale>
#include <QUuid>
#include <QtNumeric>

#include <cstdlib>

#include <libpq-fe.h>

namespace Tabula::Pg {

namespace {

// PostgreSQL's type oids (server/catalog/pg_type_d.h is not a client header).
enum Oid : unsigned
{
    BoolOid = 16,
    ByteaOid = 17,
    Int8Oid = 20,
    Int2Oid = 21,
    Int4Oid = 23,
    RegprocOid = 24,
    OidOid = 26,
    XidOid = 28,
    CidOid = 29,
    Float4Oid = 700,
    Float8Oid = 701,
    DateOid = 1082,
    TimeOid = 1083,
    TimestampOid = 1114,
    TimestamptzOid = 1184,
    TimetzOid = 1266,
    NumericOid = 1700,
};

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// The end (one past) of the quoted part that starts at `from` with `quote`; backslashes escape
// in E'…' strings only.
qsizetype endOfQuoted(const QString &sql, qsizetype from, QChar quote, bool backslashes)
{
    qsizetype i = from + 1;
    while (i < sql.size()) {
        if (backslashes && sql[i] == u'\\') {
            i += 2;
            continue;
        }
        if (sql[i] == quote)
            return i + 1; // '' and "" read as two quoted parts, which is the same text
        ++i;
    }
    return sql.size();
}

// A dollar-quote tag ($$ or $tag$) starting at `from`, or empty.
QString dollarTag(const QString &sql, qsizetype from)
{
    if (from > 0 && isNameChar(sql[from - 1]))
        return {};
    qsizetype i = from + 1;
    if (i < sql.size() && (sql[i].isDigit()))
        return {};
    while (i < sql.size() && isNameChar(sql[i]) && sql[i] != u'$')
        ++i;
    if (i < sql.size() && sql[i] == u'$')
        return sql.mid(from, i - from + 1);
    return {};
}

// The end (one past) of the part of `sql` at `i` that can hold no placeholder, or `i`.
qsizetype skipUnplaceable(const QString &sql, qsizetype i)
{
    const QChar c = sql[i];
    const QChar next = i + 1 < sql.size() ? sql[i + 1] : QChar();
    if (c == u'\'') {
        const bool escaped = i > 0 && (sql[i - 1] == u'E' || sql[i - 1] == u'e') &&
                             (i < 2 || !isNameChar(sql[i - 2]));
        return endOfQuoted(sql, i, c, escaped);
    }
    if (c == u'"')
        return endOfQuoted(sql, i, c, false);
    if (c == u'-' && next == u'-') {
        const qsizetype end = sql.indexOf(u'\n', i);
        return end < 0 ? sql.size() : end;
    }
    if (c == u'/' && next == u'*') {
        const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
        return end < 0 ? sql.size() : end + 2;
    }
    if (c == u'$') {
        const QString tag = dollarTag(sql, i);
        if (!tag.isEmpty()) {
            const qsizetype end = sql.indexOf(tag, i + tag.size());
            return end < 0 ? sql.size() : end + tag.size();
        }
    }
    return i;
}

QString dateTimeText(const QDateTime &value)
{
    return QLocale::c().toString(value.toUTC(), u"yyyy-MM-ddTHH:mm:ss.zzz") + u'Z';
}

// Qt's rule for a value bound as NULL (QSqlResultPrivate::isVariantNull).
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    case QMetaType::QDate:
        return value.toDate().isNull();
    case QMetaType::QTime:
        return value.toTime().isNull();
    case QMetaType::QDateTime:
        return value.toDateTime().isNull();
    default:
        return false;
    }
}

QByteArray doubleText(double value)
{
    if (qIsNaN(value))
        return QByteArrayLiteral("NaN");
    if (qIsInf(value))
        return value > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}

QVariant doubleFromText(const char *text, unsigned oid, QSql::NumericalPrecisionPolicy policy)
{
    if (oid == NumericOid && policy == QSql::HighPrecision)
        return QString::fromLatin1(text);
    bool ok = false;
    const double value = QByteArray(text).toDouble(&ok);
    double number = value;
    if (!ok) {
        if (qstricmp(text, "NaN") == 0)
            number = qQNaN();
        else if (qstricmp(text, "Infinity") == 0)
            number = qInf();
        else if (qstricmp(text, "-Infinity") == 0)
            number = -qInf();
        else
            return {};
    }
    if (oid == NumericOid && policy == QSql::LowPrecisionInt64)
        return qlonglong(number);
    if (oid == NumericOid && policy == QSql::LowPrecisionInt32)
        return int(number);
    return number;
}

// As Qt 6.4's QPSQL reads it: a timestamp as local time, a timestamptz at its offset, both
// then in local time.
QVariant dateTimeFromText(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs).toLocalTime();
}

QByteArray byteaFromText(const char *text)
{
    size_t length = 0;
    unsigned char *bytes = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &length);
    QByteArray value(reinterpret_cast<const char *>(bytes), qsizetype(length));
    PQfreemem(bytes);
    return value;
}

} // namespace

QByteArray numberedPlaceholders(const QString &sql, int *count)
{
    QString out;
    out.reserve(sql.size() + 16);
    *count = 0;
    qsizetype i = 0;
    while (i < sql.size()) {
        const qsizetype end = skipUnplaceable(sql, i);
        if (end > i) {
            out += QStringView(sql).mid(i, end - i);
            i = end;
        } else if (sql[i] == u'?') {
            out += u'$' + QString::number(++*count);
            ++i;
        } else {
            out += sql[i++];
        }
    }
    return out.toUtf8();
}

Param paramFromVariant(const QVariant &value)
{
    Param param;
    if (isNullValue(value)) {
        param.isNull = true;
        return param;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
        param.bytes = value.toBool() ? "t" : "f";
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        param.bytes = doubleText(value.toDouble());
        break;
    case QMetaType::QByteArray:
        param.bytes = value.toByteArray();
        param.binary = true;
        break;
    case QMetaType::QDate:
        param.bytes = value.toDate().toString(Qt::ISODate).toLatin1();
        break;
    case QMetaType::QTime:
        param.bytes = value.toTime().toString(u"HH:mm:ss.zzz").toLatin1();
        break;
    case QMetaType::QDateTime:
        param.bytes = dateTimeText(value.toDateTime()).toLatin1();
        param.type = TimestamptzOid;
        break;
    case QMetaType::QUuid:
        param.bytes = value.toUuid().toByteArray(QUuid::WithoutBraces);
        break;
    default:
        param.bytes = value.toString().toUtf8();
        break;
    }
    return param;
}

QMetaType metaTypeForOid(unsigned oid)
{
    switch (oid) {
    case BoolOid:
        return QMetaType(QMetaType::Bool);
    case Int8Oid:
        return QMetaType(QMetaType::LongLong);
    case Int2Oid:
    case Int4Oid:
    case OidOid:
    case RegprocOid:
    case XidOid:
    case CidOid:
        return QMetaType(QMetaType::Int);
    case NumericOid:
    case Float4Oid:
    case Float8Oid:
        return QMetaType(QMetaType::Double);
    case DateOid:
        return QMetaType(QMetaType::QDate);
    case TimeOid:
    case TimetzOid:
        return QMetaType(QMetaType::QTime);
    case TimestampOid:
    case TimestamptzOid:
        return QMetaType(QMetaType::QDateTime);
    case ByteaOid:
        return QMetaType(QMetaType::QByteArray);
    default:
        return QMetaType(QMetaType::QString);
    }
}

QVariant valueFromText(const char *text, unsigned oid, QSql::NumericalPrecisionPolicy policy)
{
    switch (metaTypeForOid(oid).id()) {
    case QMetaType::Bool:
        return text[0] == 't';
    case QMetaType::LongLong:
        return QByteArray(text).toLongLong();
    case QMetaType::Int:
        return QByteArray(text).toInt();
    case QMetaType::Double:
        return doubleFromText(text, oid, policy);
    case QMetaType::QDate:
        return QDate::fromString(QString::fromLatin1(text), Qt::ISODate);
    case QMetaType::QTime:
        return QTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs);
    case QMetaType::QDateTime:
        return dateTimeFromText(text);
    case QMetaType::QByteArray:
        return byteaFromText(text);
    default:
        return QString::fromUtf8(text);
    }
}

} // namespace Tabula::Pg
