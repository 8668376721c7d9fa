#include "sqlitefiles.h"
#include "testdatabases.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Tabula::Test {

Q_COREAPP_STARTUP_FUNCTION(isolateSettings)

namespace {

QString uniqueConnectionName(const char *prefix)
{
    static int n = 0;
    return QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++n);
}

} // namespace

QString createSqliteFile(const QString &path, const QStringList &statements)
{
    const QString name = uniqueConnectionName("createSqliteFile");
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            failure = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        } else {
            QSqlQuery query(db);
            for (const QString &sql : statements) {
                if (!query.exec(sql)) {
                    failure = query.lastError().text() + QStringLiteral(" in: ") + sql.left(300);
                    break;
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return failure;
}

QVariantList readBack(const QString &path, const QString &sql)
{
    const QString name = uniqueConnectionName("readBack");
    QVariantList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qWarning("readBack: %s", qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        if (!query.exec(sql))
            qWarning("readBack: %s", qPrintable(query.lastError().text()));
        while (query.next())
            values << query.value(0);
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

// Overwrites a page in the middle of the table's data with bytes that are no b-tree page.
QString damagePages(const QString &path, int pageSize)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || file.size() < 8 * pageSize)
        return QStringLiteral("cannot damage %1").arg(path);
    file.seek(5 * pageSize);
    file.write(QByteArray(pageSize, char(0x5a)));
    // Bumps the file change counter, as any writer does, so that an open connection reads
    // the pages again instead of trusting its cache.
    file.seek(24);
    QByteArray counter = file.read(4);
    counter[3] = char(counter[3] + 1);
    file.seek(24);
    file.write(counter);
    return {};
}

} // namespace Tabula::Test
