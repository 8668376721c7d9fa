#include "sqlitefiles.h"
#include "testdatabases.h"

#include <QCoreApplication>

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

} // namespace Tabula::Test
