#include "testdatabases.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

namespace Tabula::Test {

// Every test program starts with settings of its own, empty: nothing a window remembered in an
// earlier run, or in another test program, comes back (a last filter, a recent file).
void isolateSettings()
{
    static QTemporaryDir *dir = nullptr;
    if (dir)
        return;
    dir = new QTemporaryDir; // lives as long as the program
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir->path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir->path());
}
Q_COREAPP_STARTUP_FUNCTION(isolateSettings)

namespace {

QString serverUrl(const QString &dbName)
{
    if (dbName == QLatin1String("postgresql"))
        return qEnvironmentVariable("TABULA_TEST_POSTGRES_URL");
    if (dbName == QLatin1String("pgbouncer"))
        return qEnvironmentVariable("TABULA_TEST_PGBOUNCER_URL");
    if (dbName == QLatin1String("mariadb"))
        return qEnvironmentVariable("TABULA_TEST_MARIADB_URL");
    return {};
}

QTemporaryDir &tempDir()
{
    static QTemporaryDir dir;
    return dir;
}

} // namespace

bool isPostgres(const QString &dbName)
{
    return dbName == QLatin1String("postgresql") || dbName == QLatin1String("pgbouncer");
}

QStringList databaseNames()
{
    return {QStringLiteral("sqlite"), QStringLiteral("postgresql"), QStringLiteral("pgbouncer"),
            QStringLiteral("mariadb")};
}

void addDatabaseRows()
{
    QTest::addColumn<QString>("dbName");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    const bool ci = !qEnvironmentVariable("CI").isEmpty();
    for (const QString name : {"postgresql", "pgbouncer", "mariadb"}) {
        if (!serverUrl(name).isEmpty() || ci)
            QTest::newRow(qPrintable(name)) << name; // under CI, a missing URL fails in openFresh
    }
}

void addServerRows(const QStringList &names)
{
    QTest::addColumn<QString>("dbName");
    const bool ci = !qEnvironmentVariable("CI").isEmpty();
    int added = 0;
    QStringList all = names;
    if (names.contains(QLatin1String("postgresql")) && !names.contains(QLatin1String("pgbouncer")))
        all.insert(all.indexOf(QLatin1String("postgresql")) + 1, QStringLiteral("pgbouncer"));
    for (const QString &name : all) {
        if (!serverUrl(name).isEmpty() || ci) {
            QTest::newRow(qPrintable(name)) << name;
            ++added;
        }
    }
    if (added == 0)
        QTest::newRow("no server") << QString();
}

QString urlFor(const QString &dbName)
{
    if (dbName == QLatin1String("sqlite")) {
        static int n = 0;
        return tempDir().filePath(QStringLiteral("test-%1.db").arg(++n));
    }
    return serverUrl(dbName);
}

QString exec(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (q.exec(sql))
        return {};
    return q.lastError().text() + QStringLiteral(" in: ") + sql.left(300);
}

std::unique_ptr<Database> openFresh(const QString &dbName, QString *error)
{
    const QString url = urlFor(dbName);
    if (url.isEmpty()) {
        *error = QStringLiteral("No server for %1: set TABULA_TEST_%2_URL (.ci/run does).")
                     .arg(dbName, dbName == "postgresql" ? "POSTGRES" : dbName.toUpper());
        return nullptr;
    }
    ConnectionSpec spec;
    if (dbName == QLatin1String("sqlite")) {
        QFile file(url);
        file.open(QIODevice::WriteOnly); // an empty file is an empty database
        file.close();
        spec = ConnectionSpec::sqliteFile(url);
        spec.busyTimeoutMs = 200;
    } else {
        spec = ConnectionSpec::fromUrl(url, error);
        spec.busyTimeoutMs = 1000; // MariaDB waits in whole seconds
    }
    auto db = Database::open(spec, error);
    if (!db)
        return nullptr;
    QStringList drops;
    if (isPostgres(dbName)) {
        drops << QStringLiteral("DROP SCHEMA IF EXISTS public CASCADE")
              << QStringLiteral("DROP SCHEMA IF EXISTS tabula_other CASCADE")
              << QStringLiteral("CREATE SCHEMA public");
        QSqlQuery types(db->connection());
        types.exec("SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                   "WHERE n.nspname = 'public' AND t.typtype = 'e'");
        while (types.next())
            drops << QStringLiteral("DROP TYPE IF EXISTS public.\"%1\" CASCADE")
                         .arg(types.value(0).toString());
    } else if (dbName == QLatin1String("mariadb")) {
        drops << QStringLiteral("SET FOREIGN_KEY_CHECKS = 0");
        QSqlQuery tables(db->connection());
        tables.exec("SELECT table_name, table_type FROM information_schema.tables "
                    "WHERE table_schema = DATABASE()");
        while (tables.next())
            drops << QStringLiteral("DROP %1 IF EXISTS `%2`")
                         .arg(tables.value(1).toString() == "VIEW" ? "VIEW" : "TABLE",
                              tables.value(0).toString().replace('`', "``"));
        drops << QStringLiteral("SET FOREIGN_KEY_CHECKS = 1");
    }
    for (const QString &sql : drops) {
        const QString failure = exec(*db, sql);
        if (!failure.isEmpty()) {
            *error = failure;
            return nullptr;
        }
    }
    // The schema cache of the connection must not remember dropped tables.
    db.reset();
    return Database::open(spec, error);
}

QString portable(const Database &db, QString ddl)
{
    switch (db.dialect().kind()) {
    case DatabaseKind::SQLite:
        ddl.replace("%PK%", "INTEGER PRIMARY KEY")
            .replace("%TEXT%", "TEXT")
            .replace("%BLOB%", "BLOB");
        break;
    case DatabaseKind::PostgreSQL:
        ddl.replace("%PK%", "SERIAL PRIMARY KEY")
            .replace("%TEXT%", "TEXT")
            .replace("%BLOB%", "BYTEA");
        break;
    case DatabaseKind::MySQL:
        ddl.replace("%PK%", "INTEGER AUTO_INCREMENT PRIMARY KEY")
            .replace("%TEXT%", "VARCHAR(255)")
            .replace("%BLOB%", "LONGBLOB");
        ddl.replace('"', '`');
        break;
    }
    return ddl;
}

std::unique_ptr<Database> openAgain(const Database &db)
{
    QString error;
    auto other = Database::open(db.spec(), &error);
    if (!other)
        qWarning("openAgain: %s", qPrintable(error));
    return other;
}

QList<QVariantList> readRows(const Database &db, const QString &sql)
{
    QList<QVariantList> rows;
    auto other = openAgain(db);
    if (!other)
        return rows;
    QSqlQuery q(other->connection());
    if (!q.exec(sql)) {
        qWarning("readRows: %s", qPrintable(q.lastError().text()));
        return rows;
    }
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << (q.value(i).isNull() ? QVariant() : q.value(i));
        rows << row;
    }
    return rows;
}

TableInfo tableNamed(const Database &db, const QString &name)
{
    for (const TableInfo &t : db.tables()) {
        if (t.id.name == name)
            return t;
    }
    qWarning("no table %s", qPrintable(name));
    return {};
}

} // namespace Tabula::Test
