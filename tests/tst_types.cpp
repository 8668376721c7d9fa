#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"
#include "valuetext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>
#include <ctime>

using namespace Tabula;

namespace {

// What a value became on its way through the editor, Save and back.
struct RoundTrip
{
    QString failure;   // why the round trip could not be made
    QString saveError; // what Save said, when it failed
    QVariant readBack; // the value as a second connection reads it
    QVariant shown;    // the value the document shows after Save re-read the table
};

// Creates t (id, v TYPE) holding one row with v NULL, sets v through the document as the cell
// editor does (text through valueFromText, or `value` as it is), saves, and reads v back.
RoundTrip roundTrip(const Database &db, const QString &type, const QVariant &value,
                    const QString &extraDdl = {})
{
    RoundTrip r;
    if (!extraDdl.isEmpty())
        r.failure = Test::exec(db, extraDdl);
    if (r.failure.isEmpty())
        r.failure = Test::exec(db, Test::portable(db, "CREATE TABLE t (id %PK%, v " + type + ")"));
    if (r.failure.isEmpty())
        r.failure = Test::exec(db, "INSERT INTO t (v) VALUES (NULL)");
    if (!r.failure.isEmpty())
        return r;
    TableInfo table;
    for (const TableInfo &t : db.tables()) {
        if (t.id.name == QLatin1String("t"))
            table = t;
    }
    TableDocument doc(db, table);
    if (!doc.refresh()) {
        r.failure = doc.lastError();
        return r;
    }
    QVariant stored = value;
    if (value.typeId() == QMetaType::QString) {
        QString error;
        stored = valueFromText(doc.schema().columns.at(1), value.toString(), &error);
        if (!error.isEmpty()) {
            r.failure = "valueFromText: " + error;
            return r;
        }
    }
    if (!doc.model()->setData(doc.model()->index(0, 1), stored)) {
        r.failure = QStringLiteral("the cell took no edit");
        return r;
    }
    const SaveResult result = doc.save();
    if (!result.ok) {
        r.saveError = result.error.message;
        return r;
    }
    r.shown = doc.model()->data(doc.model()->index(0, 1), Qt::EditRole);
    auto other = Test::openAgain(db);
    QSqlQuery q(other->connection());
    if (!q.exec(QStringLiteral("SELECT v FROM t")) || !q.next()) {
        r.failure = QStringLiteral("cannot read back");
        return r;
    }
    r.readBack = q.value(0);
    return r;
}

bool isServer(const QString &dbName)
{
    return dbName != QLatin1String("sqlite");
}

} // namespace

#define ROUND_TRIP(var, db, type, value)                                                           \
    const RoundTrip var = roundTrip(*db, type, value);                                             \
    QVERIFY2(var.failure.isEmpty(), qPrintable(var.failure));                                      \
    QVERIFY2(var.saveError.isEmpty(), qPrintable(var.saveError));

class TypesTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Far from UTC and with summer time, so that a time zone slip shows.
        qputenv("TZ", "America/New_York");
        tzset();
    }

    void booleans_data() { Test::addDatabaseRows(); }
    void booleans()
    {
        QFETCH(QString, dbName);
        for (const bool value : {true, false}) {
            TABULA_OPEN_FRESH(db, dbName);
            ROUND_TRIP(r, db, "BOOLEAN", value ? QString("true") : QString("false"));
            QCOMPARE(r.readBack.toBool(), value);
            QCOMPARE(r.shown.toBool(), value);
            QVERIFY(!r.readBack.isNull());
        }
    }

    void integers_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("text");
        for (const QString &name : Test::databaseNames()) {
            if (Test::urlFor(name).isEmpty() && qEnvironmentVariable("CI").isEmpty())
                continue;
            const QByteArray dbBytes = name.toUtf8();
            const char *db = dbBytes.constData();
            QTest::addRow("%s int", db) << db << "INTEGER"
                                        << "-2147483648";
            QTest::addRow("%s bigint max", db) << db << "BIGINT"
                                               << "9223372036854775807";
            QTest::addRow("%s bigint min", db) << db << "BIGINT"
                                               << "-9223372036854775808";
            QTest::addRow("%s smallint", db) << db << "SMALLINT"
                                             << "-32768";
        }
    }
    void integers()
    {
        QFETCH(QString, dbName);
        QFETCH(QString, type);
        QFETCH(QString, text);
        TABULA_OPEN_FRESH(db, dbName);
        ROUND_TRIP(r, db, type, text);
        QCOMPARE(r.readBack.toString(), text);
        QCOMPARE(r.shown.toString(), text);
    }

    void numericStaysExact_data() { Test::addDatabaseRows(); }
    void numericStaysExact()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        // SQLite keeps only 15 significant digits of a NUMERIC column: it is exact up to that.
        const QString value = isServer(dbName) ? "12345678901234567.89" : "1234567890123.45";
        ROUND_TRIP(r, db, "NUMERIC(30, 2)", value);
        QCOMPARE(r.readBack.toString(), value);
        QCOMPARE(editText(r.shown), value);
        if (isServer(dbName)) // carried as text, never through a double
            QCOMPARE(r.shown.typeId(), int(QMetaType::QString));
    }

    void doubles_data() { Test::addDatabaseRows(); }
    void doubles()
    {
        QFETCH(QString, dbName);
        for (const double value : {3.141592653589793, -1.5e-300, 0.1}) {
            TABULA_OPEN_FRESH(db, dbName);
            const QString type = Test::isPostgres(dbName) ? "DOUBLE PRECISION" : "DOUBLE";
            ROUND_TRIP(r, db, type, QString::number(value, 'g', 17));
            QCOMPARE(r.readBack.toDouble(), value);
            QCOMPARE(r.shown.toDouble(), value);
        }
    }

    void text_data() { Test::addDatabaseRows(); }
    // An editor opens on the shortest text that reads back as the same double: 39.9, not
    // 39.899999999999999; and no digit of a double that needs them is lost.
    void doublesEditAsTheirShortestExactText()
    {
        QCOMPARE(editText(QVariant(39.9)), QStringLiteral("39.9"));
        const double sum = 0.1 + 0.2;
        QCOMPARE(editText(QVariant(sum)).toDouble(), sum);
        QCOMPARE(editText(QVariant(sum)), QStringLiteral("0.30000000000000004"));
    }
    void text()
    {
        QFETCH(QString, dbName);
        const QString value = QString::fromUtf8("It's \"quoted\", back\\slash, 100% _under_\n"
                                                "second line; emoji \xF0\x9F\xA6\x8A, ünïcødé, "
                                                "\xE4\xB8\xAD\xE6\x96\x87 ");
        for (const QString type : {"TEXT", "VARCHAR(200)"}) {
            TABULA_OPEN_FRESH(db, dbName);
            ROUND_TRIP(r, db, type, value);
            QCOMPARE(r.readBack.toString(), value);
            QCOMPARE(r.shown.toString(), value);
        }
    }

    void emptyTextIsNotNull_data() { Test::addDatabaseRows(); }
    void emptyTextIsNotNull()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        ROUND_TRIP(r, db, "TEXT", QString(""));
        QVERIFY(!r.readBack.isNull());
        QCOMPARE(r.readBack.toString(), QString());
    }

    void textWithNul_data() { Test::addDatabaseRows(); }
    void textWithNul()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const QString value = QString("before") + QChar(0) + QString("after");
        const RoundTrip r = roundTrip(*db, "TEXT", value);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        if (Test::isPostgres(dbName)) {
            // PostgreSQL text cannot hold NUL: Save fails and says why, nothing is written.
            QVERIFY2(r.saveError.contains("NUL", Qt::CaseInsensitive) ||
                         r.saveError.contains("0x00"),
                     qPrintable(r.saveError));
            auto other = Test::openAgain(*db);
            QSqlQuery q(other->connection());
            QVERIFY(q.exec("SELECT v FROM t") && q.next());
            QVERIFY(q.value(0).isNull());
            return;
        }
        QVERIFY2(r.saveError.isEmpty(), qPrintable(r.saveError));
        QCOMPARE(r.readBack.toString(), value);
        QCOMPARE(r.shown.toString(), value);
    }

    void dates_data() { Test::addDatabaseRows(); }
    void dates()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        ROUND_TRIP(r, db, "DATE", QString("2024-02-29"));
        QCOMPARE(r.readBack.toDate(), QDate(2024, 2, 29));
        QCOMPARE(r.shown.toDate(), QDate(2024, 2, 29));
    }

    void times_data() { Test::addDatabaseRows(); }
    void times()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        ROUND_TRIP(r, db, dbName == "mariadb" ? "TIME(3)" : "TIME", QString("13:45:30.125"));
        QCOMPARE(r.readBack.toTime(), QTime(13, 45, 30, 125));
        QCOMPARE(r.shown.toTime(), QTime(13, 45, 30, 125));
    }

    // A timestamp without time zone is a wall-clock reading: what was typed is what is stored,
    // whatever the time zones of the program and the server.
    void timestamps_data() { Test::addDatabaseRows(); }
    void timestamps()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const char *type = Test::isPostgres(dbName) ? "TIMESTAMP(3)" : "DATETIME(3)";
        ROUND_TRIP(r, db, type, QString("2024-07-04 09:15:00.250"));
        const QDateTime expected(QDate(2024, 7, 4), QTime(9, 15, 0, 250));
        QCOMPARE(r.readBack.toDateTime(), expected);
        QCOMPARE(r.shown.toDateTime(), expected);
        QCOMPARE(editText(r.shown), QString("2024-07-04 09:15:00.250"));
        if (dbName == "sqlite") // the form SQLite's own date functions read and write
            QCOMPARE(r.readBack.toString(), QString("2024-07-04 09:15:00.250"));
    }

    // A timestamp with time zone is an instant: typed in local time, it is the same instant
    // read back anywhere.
    void timestampsWithTimeZone_data() { Test::addServerRows({"postgresql"}); }
    void timestampsWithTimeZone()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        ROUND_TRIP(r, db, "TIMESTAMPTZ", QString("2024-01-15 18:30:00"));
        const QDateTime local(QDate(2024, 1, 15), QTime(18, 30));
        QCOMPARE(r.shown.toDateTime(), local);
        QCOMPARE(r.readBack.toDateTime().toUTC(),
                 QDateTime(QDate(2024, 1, 15), QTime(23, 30), Qt::UTC));
        auto other = Test::openAgain(*db);
        QSqlQuery q(other->connection());
        QVERIFY(q.exec("SELECT v = '2024-01-15 23:30:00+00' FROM t") && q.next());
        QVERIFY(q.value(0).toBool());
    }

    void uuids_data() { Test::addDatabaseRows(); }
    void uuids()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const QString value = "0f8fad5b-d9cb-469f-a165-70867728950e";
        // MariaDB 10.7+ has a UUID type; SQLite keeps it as text.
        ROUND_TRIP(r, db, dbName == "sqlite" ? "TEXT" : "UUID", value);
        QCOMPARE(r.readBack.toString().remove('{').remove('}'), value);
        QCOMPARE(editText(r.shown).remove('{').remove('}'), value);
    }

    void json_data() { Test::addDatabaseRows(); }
    void json()
    {
        QFETCH(QString, dbName);
        const QString value = QString::fromUtf8(R"({"name": "Zoë", "tags": ["a", "b"], "n": 1})");
        QStringList types = {"JSON"};
        if (Test::isPostgres(dbName))
            types << "JSONB";
        for (const QString &type : types) {
            TABULA_OPEN_FRESH(db, dbName);
            ROUND_TRIP(r, db, type, value);
            // jsonb normalises spacing and key order; compare as documents.
            QCOMPARE(QJsonDocument::fromJson(r.readBack.toString().toUtf8()),
                     QJsonDocument::fromJson(value.toUtf8()));
        }
    }

    void blobs_data() { Test::addDatabaseRows(); }
    void blobs()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QByteArray bytes;
        for (int i = 0; i < 256; ++i)
            bytes.append(char(i));
        bytes += bytes; // twice, so a zero byte sits in the middle too
        ROUND_TRIP(r, db, Test::portable(*db, "%BLOB%"), QVariant(bytes));
        QCOMPARE(r.readBack.toByteArray(), bytes);
        QCOMPARE(r.shown.toByteArray(), bytes);
    }

    void enums_data() { Test::addDatabaseRows(); }
    void enums()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QString type = "TEXT CHECK (v IN ('small', 'medium', 'large'))";
        QString extra;
        if (Test::isPostgres(dbName)) {
            extra = "CREATE TYPE size AS ENUM ('small', 'medium', 'large')";
            type = "size";
        } else if (dbName == "mariadb") {
            type = "ENUM('small', 'medium', 'large')";
        }
        const RoundTrip r = roundTrip(*db, type, QString("medium"), extra);
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        QVERIFY2(r.saveError.isEmpty(), qPrintable(r.saveError));
        QCOMPARE(r.readBack.toString(), QString("medium"));
        if (dbName != "sqlite") {
            const TableSchema s = db->schema({{db->tables().first().id}, false});
            QCOMPARE(s.columns.at(1).kind, ValueKind::Enum);
            QCOMPARE(s.columns.at(1).enumValues, QStringList({"small", "medium", "large"}));
            // A value outside the list fails the Save.
            TableDocument doc(*db, db->tables().first());
            QVERIFY(doc.refresh());
            QVERIFY(doc.model()->setData(doc.model()->index(0, 1), QString("huge")));
            QVERIFY(!doc.save().ok);
        }
    }

    void arraysAreReadOnlyText()
    {
        if (Test::urlFor("postgresql").isEmpty() && qEnvironmentVariable("CI").isEmpty())
            QSKIP("No PostgreSQL server (TABULA_TEST_POSTGRES_URL).");
        TABULA_OPEN_FRESH(db, "postgresql");
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id SERIAL PRIMARY KEY, tags TEXT[], n INT[])"),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (tags, n) VALUES ('{a,\"b c\"}', '{1,2,3}')"),
                 QString());
        TableDocument doc(*db, db->tables().first());
        QVERIFY(doc.refresh());
        QCOMPARE(doc.schema().columns.at(1).kind, ValueKind::Other);
        QVERIFY(!doc.schema().columns.at(1).writable);
        QCOMPARE(doc.model()->data(doc.model()->index(0, 1)).toString(), QString("{a,\"b c\"}"));
        QCOMPARE(doc.model()->data(doc.model()->index(0, 2)).toString(), QString("{1,2,3}"));
        QVERIFY(!(doc.model()->flags(doc.model()->index(0, 1)) & Qt::ItemIsEditable));
        QVERIFY(!doc.model()->setData(doc.model()->index(0, 1), QString("{x}")));
        QVERIFY(doc.model()->flags(doc.model()->index(0, 0)) & Qt::ItemIsEditable);
    }

    // Keys the database fills: the new row comes back with its key after Save.
    void generatedKeys_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<QString>("keyType");
        const bool ci = !qEnvironmentVariable("CI").isEmpty();
        QTest::newRow("sqlite integer primary key") << "sqlite"
                                                    << "INTEGER PRIMARY KEY";
        QTest::newRow("sqlite autoincrement") << "sqlite"
                                              << "INTEGER PRIMARY KEY AUTOINCREMENT";
        if (!Test::urlFor("postgresql").isEmpty() || ci) {
            QTest::newRow("postgresql serial") << "postgresql"
                                               << "SERIAL PRIMARY KEY";
            QTest::newRow("postgresql bigserial") << "postgresql"
                                                  << "BIGSERIAL PRIMARY KEY";
            QTest::newRow("postgresql identity") << "postgresql"
                                                 << "INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
            QTest::newRow("postgresql identity by default")
                << "postgresql"
                << "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        }
        if (!Test::urlFor("mariadb").isEmpty() || ci) {
            QTest::newRow("mariadb auto_increment") << "mariadb"
                                                    << "INT AUTO_INCREMENT PRIMARY KEY";
            QTest::newRow("mariadb bigint unsigned")
                << "mariadb"
                << "BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY";
        }
    }
    void generatedKeys()
    {
        QFETCH(QString, dbName);
        QFETCH(QString, keyType);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id " + keyType + ", name VARCHAR(50) NOT NULL)"),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name) VALUES ('first')"), QString());
        TableDocument doc(*db, db->tables().first());
        QVERIFY(doc.refresh());
        QVERIFY(doc.schema().columns.at(0).autoIncrement);
        const int row = doc.insertRow();
        QCOMPARE(row, 1);
        QCOMPARE(doc.model()->data(doc.model()->index(row, 0)).toString(), QString("(auto)"));
        QVERIFY(doc.model()->setData(doc.model()->index(row, 1), QString("second")));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(doc.model()->rowCount(), 2);
        QCOMPARE(doc.model()->data(doc.model()->index(1, 1)).toString(), QString("second"));
        const qlonglong newKey =
            doc.model()->data(doc.model()->index(1, 0), Qt::EditRole).toLongLong();
        QVERIFY(newKey > doc.model()->data(doc.model()->index(0, 0), Qt::EditRole).toLongLong());

        // The new key identifies the row for the next edit.
        QVERIFY(doc.model()->setData(doc.model()->index(1, 1), QString("second, edited")));
        QVERIFY(doc.save().ok);
        auto other = Test::openAgain(*db);
        QSqlQuery q(other->connection());
        QVERIFY(q.exec(QString("SELECT name FROM t WHERE id = %1").arg(newKey)) && q.next());
        QCOMPARE(q.value(0).toString(), QString("second, edited"));
    }

    void tableWithoutPrimaryKeyIsReadOnly_data() { Test::addServerRows(); }
    void tableWithoutPrimaryKeyIsReadOnly()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, "CREATE TABLE log (at VARCHAR(30), action VARCHAR(30))"),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO log VALUES ('monday', 'login'), ('monday', 'login')"),
                 QString());
        TableDocument doc(*db, db->tables().first());
        QVERIFY(doc.refresh());
        QVERIFY(!doc.schema().isEditable());
        QVERIFY(doc.schema().readOnlyReason.contains("primary key"));
        QCOMPARE(doc.model()->rowCount(), 2);
        QVERIFY(!(doc.model()->flags(doc.model()->index(0, 1)) & Qt::ItemIsEditable));
        QVERIFY(!doc.model()->setData(doc.model()->index(0, 1), QString("logout")));
        QCOMPARE(doc.insertRow(), -1);
        doc.deleteRows({0});
        QVERIFY(!doc.isModified());
        const SaveResult result = doc.save();
        QVERIFY(result.ok);
        QCOMPARE(result.updated + result.inserted + result.deleted, 0);
        QCOMPARE(doc.model()->data(doc.model()->index(0, 1)).toString(), QString("login"));
    }
};

QTEST_GUILESS_MAIN(TypesTest)
#include "tst_types.moc"
