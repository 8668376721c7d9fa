#include "valuetext.h"

#include <QStringDecoder>

#include "rowkey.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QTime>

#include <algorithm>

namespace Tabula {

namespace {

// A number literal as digits without leading or trailing zeros and a power of ten:
// "1.50" and "15e-1" both give {"15", -1}. False for anything but a decimal literal.
bool decimalParts(const QString &text, QString *digits, int *exponent, bool *negative)
{
    QString t = text.trimmed();
    *negative = t.startsWith('-');
    if (t.startsWith('-') || t.startsWith('+'))
        t.remove(0, 1);
    const qsizetype e = t.indexOf(QLatin1Char('e'), 0, Qt::CaseInsensitive);
    bool ok = true;
    *exponent = e < 0 ? 0 : t.mid(e + 1).toInt(&ok);
    const QString mantissa = e < 0 ? t : t.left(e);
    const qsizetype point = mantissa.indexOf('.');
    const QString fraction = point < 0 ? QString() : mantissa.mid(point + 1);
    *digits = (point < 0 ? mantissa : mantissa.left(point)) + fraction;
    *exponent -= int(fraction.size());
    if (!ok || digits->isEmpty())
        return false;
    for (QChar c : *digits) {
        if (!c.isDigit())
            return false;
    }
    while (digits->startsWith('0'))
        digits->remove(0, 1);
    while (digits->endsWith('0')) {
        digits->chop(1);
        ++*exponent;
    }
    if (digits->isEmpty()) { // every zero is the same zero
        *exponent = 0;
        *negative = false;
    }
    return true;
}

// Whether `text`, stored as the 64-bit float `stored` (or as an integer when it is a whole
// number that fits), reads back as the same number.
bool keptAsFloat(const QString &text, double stored)
{
    bool isInteger = false;
    text.toLongLong(&isInteger);
    QString typed, kept;
    int typedExponent = 0, keptExponent = 0;
    bool typedNegative = false, keptNegative = false;
    if (isInteger || !decimalParts(text, &typed, &typedExponent, &typedNegative))
        return true;
    decimalParts(QString::number(stored, 'g', QLocale::FloatingPointShortest), &kept, &keptExponent,
                 &keptNegative);
    return typed == kept && typedExponent == keptExponent && typedNegative == keptNegative;
}

// Why a DECIMAL(precision, scale) would not keep `text` as typed (the servers round extra
// decimal places without a word), or empty.
QString decimalLimitProblem(const ColumnInfo &column, const QString &text)
{
    QString digits;
    int exponent = 0;
    bool negative = false;
    if (column.numericScale < 0 || !decimalParts(text, &digits, &exponent, &negative))
        return {};
    const int places = std::max(0, -exponent);
    if (places > column.numericScale)
        return QObject::tr("%1 keeps %2 decimal places: \"%3\" would be rounded. Type at most "
                           "%2 decimal places.")
            .arg(column.declaredType)
            .arg(column.numericScale)
            .arg(text);
    const int whole = std::max(0, int(digits.size()) + exponent);
    const int wholeLimit = column.numericPrecision - column.numericScale;
    if (column.numericPrecision >= 0 && whole > wholeLimit)
        return QObject::tr("%1 holds at most %2 digits before the decimal point: \"%3\" does "
                           "not fit.")
            .arg(column.declaredType)
            .arg(wholeLimit)
            .arg(text);
    return {};
}

// Characters as the servers count them: code points, not UTF-16 units.
QString lengthProblem(const ColumnInfo &column, const QString &text)
{
    if (column.maxLength < 0)
        return {};
    const qsizetype length = text.toUcs4().size();
    if (length <= column.maxLength)
        return {};
    return QObject::tr("%1 holds at most %2 characters; this text has %3.")
        .arg(column.declaredType)
        .arg(column.maxLength)
        .arg(length);
}

} // namespace

QVariant valueFromText(const ColumnInfo &column, const QString &text, QString *error)
{
    if (error)
        error->clear();
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return QVariant();
    };
    const QString t = text.trimmed();
    switch (column.kind) {
    case ValueKind::Text:
    case ValueKind::Json:
    case ValueKind::Uuid:
    case ValueKind::Enum:
    case ValueKind::Other: {
        const QString tooLong = lengthProblem(column, text);
        if (!tooLong.isEmpty())
            return fail(tooLong);
        return storableValue(text); // empty, even from a null QString: never NULL
    }
    case ValueKind::Blob:
        return storableValue(text.toUtf8());
    default:
        break;
    }
    if (t.isEmpty())
        return QVariant(); // NULL
    bool ok = false;
    switch (column.kind) {
    case ValueKind::Integer: {
        const qlonglong v = t.toLongLong(&ok);
        return ok ? QVariant(v) : fail(QObject::tr("\"%1\" is not a whole number.").arg(t));
    }
    case ValueKind::Real: {
        const double v = t.toDouble(&ok);
        return ok ? QVariant(v) : fail(QObject::tr("\"%1\" is not a number.").arg(t));
    }
    case ValueKind::Numeric: {
        // Carried as text so that 12345678901234567.89 keeps every digit.
        const double stored = t.toDouble(&ok);
        if (!ok)
            return fail(QObject::tr("\"%1\" is not a number.").arg(t));
        if (column.storesDecimalsAsFloat && !keptAsFloat(t, stored))
            return fail(QObject::tr("%1 keeps about 15 significant digits: \"%2\" would be "
                                    "saved as %3. Type fewer digits, or store the value in a "
                                    "TEXT column to keep them all.")
                            .arg(column.declaredType, t,
                                 QString::number(stored, 'g', QLocale::FloatingPointShortest)));
        const QString problem = decimalLimitProblem(column, t);
        if (!problem.isEmpty())
            return fail(problem);
        return QVariant(t);
    }
    case ValueKind::Boolean: {
        const std::optional<bool> b = parseBoolean(t);
        return b ? QVariant(*b) : fail(QObject::tr("\"%1\" is not true or false.").arg(t));
    }
    case ValueKind::Date: {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        return d.isValid() ? QVariant(d)
                           : fail(QObject::tr("\"%1\" is not a date (YYYY-MM-DD).").arg(t));
    }
    case ValueKind::Time: {
        const QTime v = QTime::fromString(t, Qt::ISODateWithMs);
        return v.isValid() ? QVariant(v)
                           : fail(QObject::tr("\"%1\" is not a time (HH:MM:SS).").arg(t));
    }
    case ValueKind::DateTime: {
        QString iso = t;
        iso.replace(' ', 'T');
        const QDateTime v = QDateTime::fromString(iso, Qt::ISODateWithMs);
        return v.isValid() ? QVariant(v)
                           : fail(QObject::tr("\"%1\" is not a date and time "
                                              "(YYYY-MM-DD HH:MM:SS).")
                                      .arg(t));
    }
    default:
        return text;
    }
}

std::optional<bool> parseBoolean(const QString &text)
{
    const QString l = text.trimmed().toLower();
    if (l == "1" || l == "true" || l == "t" || l == "yes")
        return true;
    if (l == "0" || l == "false" || l == "f" || l == "no")
        return false;
    return std::nullopt;
}

QVariant valueAsRead(const ColumnInfo &column, const QVariant &value)
{
    if (column.kind != ValueKind::Json || value.typeId() != QMetaType::QByteArray || value.isNull())
        return value; // a NULL stays NULL
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(value.toByteArray());
    return decoder.hasError() ? value : QVariant(text);
}

QString displayText(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return QObject::tr("BLOB %1").arg(QLocale().formattedDataSize(value.toByteArray().size()));
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs).replace('T', ' ');
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', 15);
    default:
        break;
    }
    QString text = value.toString();
    // A cell shows one line; the editor has the rest.
    const int newline = text.indexOf('\n');
    if (newline >= 0 || text.size() > 200)
        text = text.left(newline >= 0 ? qMin(newline, 200) : 200) + QChar(0x2026);
    text.replace(QChar(0), QChar(0x2400)); // make NUL visible
    return text;
}

QString editText(const QVariant &value)
{
    if (value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs).replace('T', ' ');
    case QMetaType::Double: // the shortest text that reads back as the same double: 39.9
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    default:
        return value.toString();
    }
}

} // namespace Tabula
