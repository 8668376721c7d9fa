#pragma once

#include "database.h"

#include <QList>
#include <QString>
#include <QVariantList>
#include <memory>

namespace Tabula::Test {

// Points QSettings at an empty folder of this program's own (done at start-up in every test
// program that links this library).
void isolateSettings();

// Data-driven tests over every database, as Qt's own SQL tests do: call addDatabaseRows()
// in a _data() function, then openFresh(dbName) in the test. SQLite is always there;
// PostgreSQL and MariaDB when TABULA_TEST_POSTGRES_URL / TABULA_TEST_MARIADB_URL name a
// server (.ci/run starts both), and the same PostgreSQL again through pgbouncer in
// transaction pooling mode ("pgbouncer", TABULA_TEST_PGBOUNCER_URL), the way hosted
// PostgreSQL is reached. Under CI a missing server is a failure, not a skip.
void addDatabaseRows();
// Every dbName addDatabaseRows() can add, for tests that build their own rows.
QStringList databaseNames();
// PostgreSQL, directly or through the pooling proxy.
bool isPostgres(const QString &dbName);

// Rows for the named servers only. With none configured (and no CI) one row with an empty
// dbName stands in, which TABULA_SKIP_WITHOUT_SERVER skips: QtTest aborts on a test whose
// data function added no row. "postgresql" brings its "pgbouncer" row along.
void addServerRows(const QStringList &names = {QStringLiteral("postgresql"),
                                               QStringLiteral("mariadb")});

// A database of that kind with no tables: a new SQLite file, or the server's test
// database emptied. `error` says why not.
std::unique_ptr<Database> openFresh(const QString &dbName, QString *error);

// The server URL for dbName, or a new temporary SQLite file's path.
QString urlFor(const QString &dbName);

// Runs one statement on the database, returning the database's message on failure.
QString exec(const Database &db, const QString &sql);

// DDL written once for all databases: "%PK%" becomes an auto-numbered integer primary key,
// "%TEXT%" a text type usable in keys and indexes, "%BLOB%" a binary type.
QString portable(const Database &db, QString ddl);

// A second connection to the same database, to read back what Save wrote.
std::unique_ptr<Database> openAgain(const Database &db);

// Every row `sql` returns, read on a second connection: what is really committed. A typed
// NULL comes back as a plain QVariant(), so that it compares equal to one.
QList<QVariantList> readRows(const Database &db, const QString &sql);

// The table or view of that name among db.tables(); an empty TableInfo, with a warning, if
// there is none.
TableInfo tableNamed(const Database &db, const QString &name);

} // namespace Tabula::Test

#define TABULA_SKIP_WITHOUT_SERVER(dbName)                                                         \
    if (QString(dbName).isEmpty())                                                                 \
        QSKIP("No database server configured: eval \"$(bash scripts/test-servers.sh start)\"");

#define TABULA_OPEN_FRESH(var, dbName)                                                             \
    TABULA_SKIP_WITHOUT_SERVER(dbName)                                                             \
    QString var##Error;                                                                            \
    auto var = ::Tabula::Test::openFresh(dbName, &var##Error);                                     \
    if (!var)                                                                                      \
        QFAIL(qPrintable(var##Error));

// Calls a helper that may fail a QVERIFY or QCOMPARE, and leaves the test function when it did:
// QtTest's macros return from the helper only, and the test would go on with what the helper
// did not make (a null database, no window).
#define TABULA_HELPER(call)                                                                        \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)
