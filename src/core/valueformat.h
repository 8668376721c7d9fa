#pragma once

#include "tableschema.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace Tabula {

// How the value panel presents one cell's value.
enum class ValueFormat
{
    Text,
    Json,
    Binary,
};

// A column whose every value must be JSON: json/jsonb on PostgreSQL, JSON on MariaDB and
// a column declared JSON on SQLite.
bool isJsonColumn(const ColumnInfo &column);
// Text that opens with { or [ and parses as JSON: what a TEXT column on SQLite holds JSON as.
bool looksLikeJson(const QString &text);
// Bytes that read as UTF-8 text, with no NUL in them.
bool isUtf8Text(const QByteArray &bytes);
// The format to show a column's value in: blobs as binary, JSON columns and JSON-looking
// text as JSON, everything else as text.
ValueFormat formatFor(const ColumnInfo &column, const QVariant &value);

struct JsonCheck
{
    bool ok = false;
    QString error; // what is wrong and where (line and column), when not ok
};
// Whether `text` is one JSON value (an object, an array, or a scalar such as 42 or "a").
JsonCheck checkJson(const QString &text);

// The same JSON re-laid out: indented by four spaces, or with no space outside strings.
// Keys keep their order and numbers their digits (a QJsonDocument round trip would sort the
// keys and turn big integers into doubles). `text` must be valid JSON (see checkJson).
QString indentedJson(const QString &text);
QString compactJson(const QString &text);

// Bytes as a hex dump: offset, 16 bytes in hex, the printable ones as ASCII. At most
// `maxBytes` are shown; a last line says how many more there are.
QString hexDump(const QByteArray &bytes, int maxBytes = 64 * 1024);

} // namespace Tabula
