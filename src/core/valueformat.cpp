#include "valueformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace Tabula {

namespace {

constexpr int kIndent = 4;

// Line and column (both from 1) of a byte offset in UTF-8 text.
QString positionOf(const QByteArray &utf8, int byteOffset)
{
    const QString before = QString::fromUtf8(utf8.left(qBound(0, byteOffset, int(utf8.size()))));
    const int line = int(before.count('\n')) + 1;
    const int column = int(before.size() - (before.lastIndexOf('\n') + 1)) + 1;
    return QObject::tr("line %1, column %2").arg(line).arg(column);
}

bool isJsonSpace(QChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The next character after `i` that is not white space, or a null QChar.
QChar nextToken(const QString &text, qsizetype i)
{
    while (++i < text.size()) {
        if (!isJsonSpace(text.at(i)))
            return text.at(i);
    }
    return {};
}

// Copies a string literal starting at text[i] (the opening quote) to `out`; returns the index
// of its closing quote.
qsizetype copyString(const QString &text, qsizetype i, QString *out)
{
    out->append(text.at(i));
    while (++i < text.size()) {
        const QChar c = text.at(i);
        out->append(c);
        if (c == '\\' && i + 1 < text.size())
            out->append(text.at(++i));
        else if (c == '"')
            break;
    }
    return i;
}

// Walks the tokens of valid JSON, dropping white space outside strings; with `indent`, breaks
// lines after { [ and , and before } ].
QString relayout(const QString &text, bool indent)
{
    QString out;
    out.reserve(text.size() * (indent ? 2 : 1));
    int depth = 0;
    auto newline = [&] { out += '\n' + QString(depth * kIndent, ' '); };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == '"') {
            i = copyString(text, i, &out);
        } else if (isJsonSpace(c)) {
            continue;
        } else if (c == '{' || c == '[') {
            out += c;
            const QChar next = nextToken(text, i);
            if (next == '}' || next == ']') // {} and [] stay on one line
                continue;
            ++depth;
            if (indent)
                newline();
        } else if (c == '}' || c == ']') {
            if (out.endsWith('{') || out.endsWith('[')) {
                out += c;
                continue;
            }
            --depth;
            if (indent)
                newline();
            out += c;
        } else if (c == ',') {
            out += c;
            if (indent)
                newline();
        } else if (c == ':') {
            out += indent ? QStringLiteral(": ") : QStringLiteral(":");
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

bool isJsonColumn(const ColumnInfo &column)
{
    return column.kind == ValueKind::Json;
}

bool looksLikeJson(const QString &text)
{
    const QString t = text.trimmed();
    return (t.startsWith('{') || t.startsWith('[')) && checkJson(t).ok;
}

bool isUtf8Text(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError() && !bytes.contains('\0');
}

ValueFormat formatFor(const ColumnInfo &column, const QVariant &value)
{
    if (column.kind == ValueKind::Blob)
        return ValueFormat::Binary;
    // MariaDB hands JSON, and text of a binary collation, over as bytes; SQLite keeps whatever
    // was stored, blobs in a TEXT column included.
    if (value.typeId() == QMetaType::QByteArray && !isUtf8Text(value.toByteArray()))
        return ValueFormat::Binary;
    if (isJsonColumn(column))
        return ValueFormat::Json;
    if (column.kind == ValueKind::Text && !value.isNull() && looksLikeJson(value.toString()))
        return ValueFormat::Json;
    return ValueFormat::Text;
}

JsonCheck checkJson(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {false, QObject::tr("Empty text is not JSON: write null for a JSON null.")};
    // Inside an array, so that a scalar at the top (42, "a", null) is read too.
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + utf8 + ']', &error);
    if (error.error != QJsonParseError::NoError) {
        // Past the end of `text` is where the wrapping bracket closes: the text ended early.
        const int offset = qMin(error.offset - 1, int(utf8.size()));
        return {false, QObject::tr("Not valid JSON: %1 at %2.")
                           .arg(error.errorString(), positionOf(utf8, offset))};
    }
    if (document.array().size() != 1)
        return {false, QObject::tr("Not valid JSON: more than one value (a comma at the top "
                                   "level).")};
    return {true, QString()};
}

QString indentedJson(const QString &text)
{
    return relayout(text, true);
}

QString compactJson(const QString &text)
{
    return relayout(text, false);
}

QString hexDump(const QByteArray &bytes, int maxBytes)
{
    constexpr int kPerLine = 16;
    const int shown = int(qMin<qsizetype>(bytes.size(), maxBytes));
    QString out;
    out.reserve(shown / kPerLine * 80 + 80);
    for (int line = 0; line < shown; line += kPerLine) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QChar('0'));
        QString ascii;
        for (int i = line; i < line + kPerLine; ++i) {
            if (i >= shown) {
                out += QStringLiteral("   ");
                continue;
            }
            const auto byte = static_cast<unsigned char>(bytes.at(i));
            out += QStringLiteral("%1 ").arg(byte, 2, 16, QChar('0'));
            ascii += byte >= 0x20 && byte < 0x7f ? QChar(byte) : QChar('.');
        }
        out += ' ' + ascii + '\n';
    }
    if (bytes.size() > shown)
        out += QObject::tr("… %L1 more bytes\n").arg(bytes.size() - shown);
    return out;
}

} // namespace Tabula
