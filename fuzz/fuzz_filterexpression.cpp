// Column filters and the raw WHERE on arbitrary text. The first byte picks the column's kind;
// the rest is what the user typed. Typed text is bound, never pasted: the SQL a column filter
// makes holds no quote but the LIKE escape character's.

#include "dialect.h"
#include "filterexpression.h"

#include <cstdint>
#include <cstdlib>

using namespace Tabula;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const std::unique_ptr<Dialect> dialects[] = {Dialect::create(DatabaseKind::SQLite),
                                                        Dialect::create(DatabaseKind::PostgreSQL),
                                                        Dialect::create(DatabaseKind::MySQL)};
    ColumnInfo column;
    column.name = QStringLiteral("c");
    column.kind = ValueKind(data[0] % (int(ValueKind::Other) + 1));
    const QString text =
        QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    TableSchema schema;
    schema.columns = {column};
    for (const auto &dialect : dialects) {
        QString error;
        const SqlFragment part = FilterExpression::compileColumn(*dialect, column, text, &error);
        if (QString(part.sql).remove(QLatin1String("'!'")).contains('\''))
            abort();
        FilterExpression filter;
        filter.setColumnFilter(0, text);
        filter.setRawWhere(text);
        filter.toSql(*dialect, schema, &error);
    }
    return 0;
}
