#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>
#include <cstddef>

namespace Tabula::Test {

// Creates the SQLite file at `path` by running `statements` in order on a connection of its
// own, which is closed again before this returns. Returns the first failure's message, or an
// empty string.
QString createSqliteFile(const QString &path, const QStringList &statements);

template <std::size_t N>
QString createSqliteFile(const QString &path, const char *const (&statements)[N])
{
    QStringList list;
    for (const char *sql : statements)
        list << QString::fromUtf8(sql);
    return createSqliteFile(path, list);
}

// The first column of every row `sql` returns from the SQLite file at `path`, read on a
// connection of its own so that it sees only what was committed to the file.
QVariantList readBack(const QString &path, const QString &sql);

// Overwrites the sixth page of the file at `path` with bytes that are no b-tree page, as
// damage does, and bumps the change counter so that open connections read it again. Returns
// the failure, or an empty string.
QString damagePages(const QString &path, int pageSize = 4096);

} // namespace Tabula::Test
