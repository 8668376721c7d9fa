// The guard of user SQL (checkReadOnlyExpression) on arbitrary text, as each dialect checks it.

#include "dialect.h"
#include "sqlguard.h"

#include <cstdint>
#include <cstdlib>

using namespace Tabula;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::unique_ptr<Dialect> dialects[] = {Dialect::create(DatabaseKind::SQLite),
                                                        Dialect::create(DatabaseKind::PostgreSQL),
                                                        Dialect::create(DatabaseKind::MySQL)};
    const QString sql = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const auto &dialect : dialects) {
        const bool accepted = checkReadOnlyExpression(sql, *dialect).isEmpty();
        // No accepted expression holds a backslash, wherever it stands: each database reads
        // one differently, so the guard and the database could split the text differently.
        if (accepted && sql.contains('\\'))
            abort();
    }
    return 0;
}
