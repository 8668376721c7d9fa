#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tabula;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

// A loopback port nobody listens on (tcpmux, privileged and long unused).
constexpr int kClosedPort = 1;

QString serverUrl(const QString &dbName)
{
    return Test::urlFor(dbName);
}

} // namespace

class DatabaseTest : public QObject
{
    Q_OBJECT
private slots:
    // First, while no SQL plugin is loaded yet: with no plugin folder, Qt's drivers are not
    // there. PostgreSQL is spoken by Tabula's own driver (pgdriver.h), which is always there.
    void missingDriverIsNamed()
    {
        const QStringList paths = QCoreApplication::libraryPaths();
        QTemporaryDir empty;
        QCoreApplication::setLibraryPaths({empty.path()});
        QString postgresError;
        QString mariadbError;
        const bool postgresOpened = bool(Database::open(
            ConnectionSpec::fromUrl("postgresql://u@127.0.0.1:1/db", nullptr), &postgresError));
        const bool mariadbOpened = bool(Database::open(
            ConnectionSpec::fromUrl("mariadb://u@127.0.0.1/db", nullptr), &mariadbError));
        QCoreApplication::setLibraryPaths(paths);
        QVERIFY(!postgresOpened);
        QVERIFY2(postgresError.startsWith("Cannot open postgresql://u@127.0.0.1:1/db"),
                 qPrintable(postgresError));
        QVERIFY(!mariadbOpened);
        QCOMPARE(mariadbError, QString("The Qt driver QMYSQL for MariaDB/MySQL is not installed "
                                       "(on Debian and Ubuntu: apt install libqt6sql6-mysql)."));
        // And with the plugins back, the drivers are found again.
        QVERIFY(QSqlDatabase::isDriverAvailable("QMYSQL"));
    }

    void sqliteMissingFileIsNotCreated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("missing.db");
        QString error;
        QVERIFY(!Database::open(ConnectionSpec::sqliteFile(path), &error));
        QVERIFY2(error.contains("does not exist"), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void sqliteFolderIsRefused()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!Database::open(ConnectionSpec::sqliteFile(dir.path()), &error));
        QVERIFY2(error.contains("folder"), qPrintable(error));
    }

    void sqliteRefusesOtherFiles()
    {
        QTemporaryDir dir;
        const QByteArray text = "name,email\nAda,ada@example.com\n";
        const QString path = writeFile(dir, "people.csv", text);
        QString error;
        QVERIFY(!Database::open(ConnectionSpec::sqliteFile(path), &error));
        QVERIFY2(error.contains("is not a SQLite database"), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), text); // untouched
    }

    void sqliteCorruptFileFailsOnOpen()
    {
        QTemporaryDir dir;
        QByteArray content("SQLite format 3\0", 16);
        for (int i = 0; i < 4096; ++i)
            content.append(char((i * 7919) % 251));
        const QString path = writeFile(dir, "corrupt.db", content);
        QString error;
        QVERIFY(!Database::open(ConnectionSpec::sqliteFile(path), &error));
        QVERIFY2(error.contains("Cannot read") && error.contains("corrupt.db"), qPrintable(error));
        QVERIFY2(error.contains("malformed") || error.contains("not a database"),
                 qPrintable(error));
    }

    void sqliteEmptyFileIsAnEmptyDatabase()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "empty.db", {});
        QString error;
        auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(db->tables().isEmpty());
        QVERIFY(db->readOnlyReason().isEmpty());
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY)"), QString());
        QCOMPARE(db->tables().size(), 1);
    }

    void sqliteUrlOpens()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "url.db", {});
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl("sqlite:///" + path, &error);
        QCOMPARE(spec.database, path);
        auto db = Database::open(spec, &error);
        QVERIFY2(db, qPrintable(error));
    }

    void serverWrongHost_data() { addServerRows(); }
    void serverWrongHost()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        ConnectionSpec spec = serverSpec(dbName);
        QVERIFY2(!spec.database.isEmpty(), "No server URL: scripts/test-servers.sh sets one.");
        spec.host = "127.0.0.1";
        spec.port = kClosedPort;
        QString error;
        QVERIFY(!Database::open(spec, &error));
        QVERIFY2(error.contains(spec.displayUrl()), qPrintable(error));
        QVERIFY2(error.contains("refused", Qt::CaseInsensitive) ||
                     error.contains("Can't connect", Qt::CaseInsensitive),
                 qPrintable(error));
        QVERIFY(!error.contains(spec.password));
        QVERIFY2(error.endsWith("Is the server running, and listening at that address?"),
                 qPrintable(error));
    }

    void serverUnknownHostName_data() { addServerRows(); }
    void serverUnknownHostName()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        ConnectionSpec spec = serverSpec(dbName);
        QVERIFY2(!spec.database.isEmpty(), "No server URL: scripts/test-servers.sh sets one.");
        spec.host = "no-such-host.invalid"; // RFC 2606: never resolves
        QString error;
        QVERIFY(!Database::open(spec, &error));
        QVERIFY2(error.contains("no-such-host.invalid"), qPrintable(error));
    }

    void serverWrongPassword_data() { addServerRows(); }
    void serverWrongPassword()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        ConnectionSpec spec = serverSpec(dbName);
        QVERIFY2(!spec.database.isEmpty(), "No server URL: scripts/test-servers.sh sets one.");
        spec.password = "wrong-" + spec.password;
        QString error;
        QVERIFY(!Database::open(spec, &error));
        // PostgreSQL: "password authentication failed"; MariaDB: "Access denied ... Check the
        // user name and password."
        QVERIFY2(error.contains("password"), qPrintable(error));
        QVERIFY2(!error.contains(spec.password), qPrintable(error));
    }

    void serverUnknownDatabase_data() { addServerRows(); }
    void serverUnknownDatabase()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        ConnectionSpec spec = serverSpec(dbName);
        QVERIFY2(!spec.database.isEmpty(), "No server URL: scripts/test-servers.sh sets one.");
        spec.database = "tabula_no_such_db";
        QString error;
        QVERIFY(!Database::open(spec, &error));
        QVERIFY2(error.contains("tabula_no_such_db"), qPrintable(error));
        // pgbouncer answers for the server it stands before: "no such database".
        QVERIFY2(error.contains("does not exist") ||
                     (dbName == "pgbouncer" && error.contains("no such database")),
                 qPrintable(error));
    }

    void serverOpensOverUnixSocket_data() { addServerRows(); }
    void serverOpensOverUnixSocket()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        const QString url =
            qEnvironmentVariable(Test::isPostgres(dbName) ? "TABULA_TEST_POSTGRES_SOCKET_URL"
                                                        : "TABULA_TEST_MARIADB_SOCKET_URL");
        if (url.isEmpty())
            QSKIP("No socket URL (scripts/test-servers.sh exports one).");
        QString error;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(url, &error);
        QVERIFY2(spec.host.startsWith('/'), qPrintable(spec.host));
        auto db = Database::open(spec, &error);
        QVERIFY2(db, qPrintable(error));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec("SELECT 1") && q.next());
    }

    void postgresListsSchemas()
    {
        if (Test::urlFor("postgresql").isEmpty())
            QSKIP("No PostgreSQL server (TABULA_TEST_POSTGRES_URL).");
        TABULA_OPEN_FRESH(db, "postgresql");
        QCOMPARE(Test::exec(*db, "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT)"),
                 QString());
        QCOMPARE(Test::exec(*db, "CREATE SCHEMA tabula_other"), QString());
        QCOMPARE(Test::exec(*db, "CREATE TABLE tabula_other.\"Mixed Case\" (id INT PRIMARY KEY, "
                                 "name TEXT)"),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO tabula_other.\"Mixed Case\" VALUES (1, 'a')"),
                 QString());
        QCOMPARE(Test::exec(*db, "CREATE VIEW tabula_other.v AS SELECT * FROM items"), QString());
        QStringList names;
        TableInfo mixed;
        for (const TableInfo &t : db->tables()) {
            names << t.id.displayName() + (t.isView ? " (view)" : "");
            if (t.id.name == "Mixed Case")
                mixed = t;
        }
        // The search path's schema first, then the others.
        QCOMPARE(names,
                 QStringList({"public.items", "tabula_other.Mixed Case", "tabula_other.v (view)"}));

        // A table outside the search path is read and written under its schema.
        TableDocument doc(*db, mixed);
        QVERIFY2(doc.refresh(), qPrintable(doc.lastError()));
        QCOMPARE(doc.schema().keyColumns, QList<int>({0}));
        QCOMPARE(doc.model()->rowCount(), 1);
        QVERIFY(doc.model()->setData(doc.model()->index(0, 1), QString("b")));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        auto other = Test::openAgain(*db);
        QSqlQuery q(other->connection());
        QVERIFY(q.exec("SELECT name FROM tabula_other.\"Mixed Case\"") && q.next());
        QCOMPARE(q.value(0).toString(), QString("b"));
    }

private:
    static void addServerRows() { Test::addServerRows(); }
    // The server's spec; an empty one (no database) when CI named no server, which fails.
    static ConnectionSpec serverSpec(const QString &dbName)
    {
        QString error;
        return ConnectionSpec::fromUrl(serverUrl(dbName), &error);
    }
};

QTEST_GUILESS_MAIN(DatabaseTest)
#include "tst_database.moc"
