// Files that are not sound databases, opened as a user would open them: each gets a clear
// message, nothing crashes, and nothing on disk changes (every file byte-identical after
// open, read and close), since nothing was saved.

#include "database.h"
#include "sqlitefiles.h"
#include "testdatabases.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tabula;

namespace {

constexpr int kPageSize = 4096;
constexpr int kRows = 300;

QString writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QStringLiteral("cannot write %1").arg(path);
    return {};
}

// A database of kRows rows of 200 characters each: a few dozen pages.
QString makeDatabase(const QString &path)
{
    return Test::createSqliteFile(
        path, QStringList{QStringLiteral("PRAGMA page_size = %1").arg(kPageSize),
                          "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                          QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                         "FROM n WHERE i < %1) INSERT INTO t SELECT i, "
                                         "printf('%.200c', 'x') FROM n")
                              .arg(kRows)});
}

QString truncate(const QString &path)
{
    QFile file(path);
    return file.resize(3 * kPageSize + 100) ? QString() : file.errorString();
}

// A WAL database whose last rows are still only in its -wal file, as after a crash: copied
// while the connection that wrote them is open, before any checkpoint.
QString makeWalPair(const QTemporaryDir &dir, const QString &path)
{
    const QString live = dir.filePath(QStringLiteral("live.db"));
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "wal-writer");
        db.setDatabaseName(live);
        db.open();
        QSqlQuery q(db);
        for (const char *sql : {"PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
                                "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                                "INSERT INTO t VALUES (1, 'in the wal')"}) {
            if (failure.isEmpty() && !q.exec(sql))
                failure = q.lastError().text();
        }
        if (failure.isEmpty() &&
            (!QFile::copy(live, path) || !QFile::copy(live + "-wal", path + "-wal")))
            failure = QStringLiteral("cannot copy the WAL pair");
        db.close();
    }
    QSqlDatabase::removeDatabase("wal-writer");
    return failure;
}

// The bytes of `path` and of the files SQLite keeps beside it; missing files are noted.
QMap<QString, QByteArray> snapshot(const QString &path)
{
    QMap<QString, QByteArray> files;
    for (const char *suffix : {"", "-wal", "-journal"}) {
        QFile file(path + suffix);
        if (file.open(QIODevice::ReadOnly))
            files.insert(QString(suffix), file.readAll());
        else if (QFileInfo(path + suffix).isDir())
            files.insert(QString(suffix), "<folder>");
    }
    return files;
}

// Opens as the app does, reads every row of every table, and closes. Returns the message the
// user sees: the open's error, or the damage found; `rows` counts what could be read.
QString openReadClose(const QString &path, int *rows)
{
    QString error;
    auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
    if (!db)
        return error;
    for (const TableInfo &table : db->tables()) {
        if (!db->schema(table).readOnlyReason.isEmpty() && db->damage().isEmpty())
            return QStringLiteral("read-only without damage: ") + db->schema(table).readOnlyReason;
        QSqlQuery q(db->connection());
        if (q.exec("SELECT * FROM " + db->dialect().qualifiedName(table.id)))
            while (q.next())
                ++*rows;
    }
    return db->damage();
}

} // namespace

class BadInputTest : public QObject
{
    Q_OBJECT
private slots:
    void opening_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message"); // what the message says; empty: it opens cleanly
        QTest::addColumn<int>("rows");        // rows read back; -1: not checked
        QTest::newRow("missing path") << "missing"
                                      << "does not exist" << 0;
        QTest::newRow("folder") << "folder"
                                << "is a folder, not a database file" << 0;
        QTest::newRow("empty file") << "empty"
                                    << "" << 0;
        QTest::newRow("text file") << "text"
                                   << "is not a SQLite database" << 0;
        QTest::newRow("sound database") << "sound"
                                        << "" << kRows;
        QTest::newRow("truncated database") << "truncated"
                                            << "malformed. The file is damaged." << -1;
        QTest::newRow("corrupt pages") << "corrupt"
                                       << "is damaged" << -1;
        QTest::newRow("WAL with its -wal") << "wal"
                                           << "" << 1;
    }
    void opening()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QFETCH(int, rows);
        QTemporaryDir dir;
        const QString path = dir.filePath(kind + QStringLiteral(".db"));
        QString failure;
        if (kind == "folder")
            QVERIFY(QDir(dir.path()).mkdir(kind + ".db"));
        else if (kind == "empty")
            failure = writeFile(path, {});
        else if (kind == "text")
            failure = writeFile(path, QByteArray("id,name\n1,Ada\n").repeated(400));
        else if (kind == "wal")
            failure = makeWalPair(dir, path);
        else if (kind != "missing")
            failure = makeDatabase(path);
        if (failure.isEmpty() && kind == "truncated")
            failure = truncate(path);
        if (failure.isEmpty() && kind == "corrupt")
            failure = Test::damagePages(path, kPageSize);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QMap<QString, QByteArray> before = snapshot(path);

        int read = 0;
        const QString shown = openReadClose(path, &read);
        if (message.isEmpty())
            QVERIFY2(shown.isEmpty(), qPrintable(shown));
        else
            QVERIFY2(shown.contains(message), qPrintable(shown));
        QVERIFY2(message.isEmpty() || shown.contains(QFileInfo(path).fileName()),
                 qPrintable(shown));
        if (rows >= 0)
            QCOMPARE(read, rows);
        QCOMPARE(snapshot(path), before);
    }

    // The check runs on demand too, on a file that went bad after it was opened.
    void damageFoundOnDemand()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("later.db");
        QCOMPARE(makeDatabase(path), QString());
        QString error;
        auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->checkForDamage(), QString());
        QVERIFY(db->readOnlyReason().isEmpty());
        QCOMPARE(Test::damagePages(path, kPageSize), QString());
        const QString damage = db->checkForDamage();
        QVERIFY2(damage.contains("is damaged"), qPrintable(damage));
        QCOMPARE(db->readOnlyReason(), damage);
        QCOMPARE(db->schema(db->tables().value(0)).readOnlyReason, damage);
    }

    // A file another program has locked is busy, not damaged.
    void lockedIsNotDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("locked.db");
        QCOMPARE(makeDatabase(path), QString());
        ConnectionSpec spec = ConnectionSpec::sqliteFile(path);
        spec.busyTimeoutMs = 100;
        QString error;
        auto db = Database::open(spec, &error);
        QVERIFY2(db, qPrintable(error));
        auto other = Database::open(spec, &error);
        QVERIFY2(other, qPrintable(error));
        QCOMPARE(Test::exec(*other, "BEGIN EXCLUSIVE"), QString());
        QCOMPARE(Test::exec(*other, "UPDATE t SET name = 'x' WHERE id = 1"), QString());
        QSqlQuery q(db->connection());
        QVERIFY(!q.exec("SELECT COUNT(*) FROM t")); // control: the file cannot be read now
        QCOMPARE(db->checkForDamage(), QString());
        QVERIFY(db->readOnlyReason().isEmpty());
        QCOMPARE(Test::exec(*other, "ROLLBACK"), QString());
    }

    // The check finds nothing on a sound database, and a server has no such check: neither
    // turns read-only.
    void soundDatabaseIsNotDamaged_data() { Test::addDatabaseRows(); }
    void soundDatabaseIsNotDamaged()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT%)")),
                 QString());
        QCOMPARE(db->checkForDamage(), QString());
        QCOMPARE(db->damage(), QString());
        QCOMPARE(db->schema(Test::tableNamed(*db, "t")).readOnlyReason, QString());
    }

    // Left as it was only while nothing is saved: a connection that changed rows folds the
    // -wal file into the database on close, as SQLite does by default.
    void walIsFoldedInAfterChanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("saved.db");
        QCOMPARE(makeWalPair(dir, path), QString());
        const QMap<QString, QByteArray> before = snapshot(path);
        {
            QString error;
            auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
            QVERIFY2(db, qPrintable(error));
            QCOMPARE(Test::exec(*db, "INSERT INTO t VALUES (2, 'saved')"), QString());
        }
        QVERIFY(snapshot(path) != before);
        QVERIFY(!QFile::exists(path + "-wal"));
        QCOMPARE(Test::readBack(path, "SELECT name FROM t ORDER BY id"),
                 (QVariantList{QString("in the wal"), QString("saved")}));
    }
};

QTEST_GUILESS_MAIN(BadInputTest)
#include "tst_badinput.moc"
