#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Tabula;

namespace {

QVariantList column(const QList<QVariantList> &rows, int c)
{
    QVariantList values;
    for (const QVariantList &row : rows)
        values << row.value(c);
    return values;
}

QVariantList ints(std::initializer_list<qlonglong> list)
{
    QVariantList values;
    for (qlonglong v : list)
        values << v;
    return values;
}

QVariantList asLongLong(const QVariantList &values)
{
    QVariantList result;
    for (const QVariant &v : values)
        result << (v.isNull() ? QVariant() : QVariant(v.toLongLong()));
    return result;
}

int columnOf(const TableDocument &doc, const QString &name)
{
    return doc.schema().columnIndex(name);
}

bool setCell(TableDocument &doc, int row, const QString &col, const QVariant &value)
{
    return doc.model()->setData(doc.model()->index(row, columnOf(doc, col)), value);
}

} // namespace

class SaveJobTest : public QObject
{
    Q_OBJECT
private slots:
    // A failed Save frees its statements after the rollback: inside the failed transaction
    // PostgreSQL refuses even that, and Qt warns.
    void init() { QTest::failOnWarning(QRegularExpression("Unable to free statement")); }
    void saveWritesEverythingInOneGo_data() { Test::addDatabaseRows(); }
    void saveWritesEverythingInOneGo()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(
            Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT% NOT NULL "
                                                "DEFAULT 'dflt', qty INTEGER DEFAULT 7)")),
            QString());
        QCOMPARE(
            Test::exec(*db,
                       "INSERT INTO t (name, qty) VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4)"),
            QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QCOMPARE(model->rowCount(), 4);

        QVERIFY(setCell(doc, 1, "name", QStringLiteral("B")));
        QVERIFY(setCell(doc, 2, "qty", QVariant())); // NULL
        doc.deleteRows({3});
        const int allDefaults = doc.insertRow();
        const int someValues = doc.insertRow();
        QCOMPARE(allDefaults, 4);
        QCOMPARE(someValues, 5);
        QVERIFY(setCell(doc, someValues, "name", QStringLiteral("new")));
        QCOMPARE(doc.pendingCount(), 5);
        QVERIFY(doc.isModified());

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(result.updated, 2);
        QCOMPARE(result.deleted, 1);
        QCOMPARE(result.inserted, 2);
        QVERIFY(doc.changes()->isEmpty());
        QCOMPARE(doc.pendingCount(), 0);
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.undoStack()->count(), 0);

        const QList<QVariantList> rows =
            Test::readRows(*db, "SELECT id, name, qty FROM t ORDER BY id");
        QCOMPARE(rows.size(), 5);
        QCOMPARE(column(rows, 1), QVariantList({"a", "B", "c", "dflt", "new"}));
        QCOMPARE(asLongLong(column(rows, 2)), QVariantList({1LL, 2LL, QVariant(), 7LL, 7LL}));
        // Auto keys were given by the database.
        QVERIFY(rows.at(3).at(0).toLongLong() > 3); // SQLite reuses the deleted 4
        QVERIFY(rows.at(4).at(0).toLongLong() > rows.at(3).at(0).toLongLong());

        // The model shows what was saved, keys included, with nothing pending.
        QCOMPARE(model->rowCount(), 5);
        for (int r = 0; r < 5; ++r) {
            QCOMPARE(model->data(model->index(r, 0), Qt::EditRole).toLongLong(),
                     rows.at(r).at(0).toLongLong());
            QCOMPARE(model->data(model->index(r, 1), Qt::EditRole).toString(),
                     rows.at(r).at(1).toString());
            QCOMPARE(model->data(model->index(r, 0), TableModel::RowStateRole).toInt(),
                     int(TableModel::Clean));
        }
        QVERIFY(model->data(model->index(2, 2), TableModel::IsNullRole).toBool());
    }

    // Qt's submitAll() trap: rows written before a failure are lost from the cache. Here
    // nothing is written and nothing pending is lost, and a retry writes everything.
    void failedSaveRollsBackAndKeepsEverything_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<bool>("failInInsert");
        for (const QString &db : Test::databaseNames()) {
            const bool available = db == QLatin1String("sqlite") || !Test::urlFor(db).isEmpty() ||
                                   !qEnvironmentVariable("CI").isEmpty();
            if (!available)
                continue;
            QTest::newRow(qPrintable(db + ":update violates CHECK")) << QString(db) << false;
            QTest::newRow(qPrintable(db + ":last insert violates NOT NULL")) << QString(db) << true;
        }
    }
    void failedSaveRollsBackAndKeepsEverything()
    {
        QFETCH(QString, dbName);
        QFETCH(bool, failInInsert);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(
                     *db, Test::portable(*db, "CREATE TABLE stock (id %PK%, name %TEXT% NOT NULL, "
                                              "qty INTEGER CHECK (qty >= 0))")),
                 QString());
        QCOMPARE(Test::exec(*db,
                            "INSERT INTO stock (name, qty) VALUES ('a', 1), ('b', 2), ('c', 3), "
                            "('d', 4), ('e', 5), ('f', 6)"),
                 QString());
        const QString readSql = "SELECT id, name, qty FROM stock ORDER BY id";
        const QList<QVariantList> original = Test::readRows(*db, readSql);
        QCOMPARE(original.size(), 6);

        TableDocument doc(*db, Test::tableNamed(*db, "stock"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        const int qty = columnOf(doc, "qty");
        // n edits: five updates, one delete, two inserts.
        for (int r = 0; r < 5; ++r)
            QVERIFY(setCell(doc, r, "qty", (r == 2 && !failInInsert) ? -1 : 100 + r));
        doc.deleteRows({5});
        const int good = doc.insertRow();
        QVERIFY(setCell(doc, good, "name", QStringLiteral("g")));
        QVERIFY(setCell(doc, good, "qty", 7));
        const int bad = doc.insertRow();
        QVERIFY(setCell(doc, bad, "qty", 8)); // name NOT NULL, no default
        if (!failInInsert)
            QVERIFY(setCell(doc, bad, "name", QStringLiteral("h")));
        const int pending = doc.pendingCount();
        QCOMPARE(pending, 8);
        const int undoSteps = doc.undoStack()->count();

        const SaveResult failed = doc.save();
        QVERIFY(!failed.ok);
        QCOMPARE(failed.updated + failed.deleted + failed.inserted, 0);
        QCOMPARE(Test::readRows(*db, readSql), original);

        // Nothing pending is lost, not even the rows written before the failure.
        QCOMPARE(doc.pendingCount(), pending);
        QCOMPARE(doc.undoStack()->count(), undoSteps);
        QCOMPARE(model->rowCount(), 8);
        for (int r = 0; r < 5; ++r)
            QCOMPARE(model->data(model->index(r, qty), TableModel::IsPendingRole).toBool(), true);
        QCOMPARE(model->data(model->index(5, 0), TableModel::RowStateRole).toInt(),
                 int(TableModel::Deleted));

        // The error says where and why.
        const QString describe = failed.error.describe(doc.schema().id);
        QVERIFY2(describe.contains("stock"), qPrintable(describe));
        QVERIFY2(!failed.error.message.isEmpty(), qPrintable(describe));
        QVERIFY2(describe.contains(failed.error.message), qPrintable(describe));
        const int failedRow = failInInsert ? bad : 2;
        QCOMPARE(failed.error.key, model->keyForRow(failedRow));
        if (failInInsert) {
            QCOMPARE(failed.error.rowText, QStringLiteral("new row 2"));
            QCOMPARE(failed.error.column, QStringLiteral("name"));
            QVERIFY2(failed.error.message.contains("null", Qt::CaseInsensitive) ||
                         failed.error.message.contains("default", Qt::CaseInsensitive),
                     qPrintable(describe));
        } else {
            QCOMPARE(failed.error.rowText,
                     QStringLiteral("id = %1").arg(original.at(2).at(0).toLongLong()));
            QCOMPARE(failed.error.column, QStringLiteral("qty"));
            QVERIFY2(failed.error.message.contains("check", Qt::CaseInsensitive) ||
                         failed.error.message.contains("constraint", Qt::CaseInsensitive),
                     qPrintable(describe));
        }
        QVERIFY2(describe.contains(failed.error.rowText), qPrintable(describe));
        QVERIFY2(describe.contains(failed.error.column), qPrintable(describe));

        // The model marks the failed row, unlike the other edited rows.
        QCOMPARE(model->failedRow(), failed.error.key);
        // The cell Save stopped at; the same column of another row is not marked.
        const int failedColumn = doc.schema().columnIndex(failed.error.column);
        const auto failedMark = [model, failedColumn](int row) {
            return model->data(model->index(row, failedColumn), TableModel::FailedRole).toInt();
        };
        QCOMPARE(failedMark(failedRow), int(TableModel::FailedCell));
        QCOMPARE(failedMark(failInInsert ? good : 1), int(TableModel::NotFailed));

        // Fix the bad edit; a retry writes all n.
        if (failInInsert)
            QVERIFY(setCell(doc, bad, "name", QStringLiteral("h")));
        else
            QVERIFY(setCell(doc, 2, "qty", 102));
        const SaveResult retried = doc.save();
        QVERIFY2(retried.ok, qPrintable(retried.error.describe(doc.schema().id)));
        QCOMPARE(retried.updated, 5);
        QCOMPARE(retried.deleted, 1);
        QCOMPARE(retried.inserted, 2);
        QVERIFY(!model->failedRow().isValid());
        const QList<QVariantList> saved = Test::readRows(*db, readSql);
        QCOMPARE(column(saved, 1), QVariantList({"a", "b", "c", "d", "e", "g", "h"}));
        QCOMPARE(asLongLong(column(saved, 2)), ints({100, 101, 102, 103, 104, 7, 8}));
        QVERIFY(doc.changes()->isEmpty());
    }

    // Every UPDATE and DELETE must hit exactly one row: one that vanished fails the Save.
    void rowGoneSinceLoadFailsTheSave_data() { Test::addDatabaseRows(); }
    void rowGoneSinceLoadFailsTheSave()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT%)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name) VALUES ('a'), ('b'), ('c')"), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        QVERIFY(setCell(doc, 0, "name", QStringLiteral("A")));
        QVERIFY(setCell(doc, 2, "name", QStringLiteral("C")));
        const RowKey gone = doc.model()->keyForRow(2);
        auto other = Test::openAgain(*db);
        QCOMPARE(Test::exec(*other, "DELETE FROM t WHERE name = 'c'"), QString());

        const SaveResult failed = doc.save();
        QVERIFY(!failed.ok);
        QCOMPARE(failed.error.key, gone);
        QVERIFY2(failed.error.message.contains("not found"), qPrintable(failed.error.message));
        QCOMPARE(Test::readRows(*db, "SELECT name FROM t ORDER BY id"),
                 QList<QVariantList>({{"a"}, {"b"}}));
        QCOMPARE(doc.pendingCount(), 2);
        // The user gives up on that row; the rest saves.
        doc.undoStack()->undo();
        const SaveResult saved = doc.save();
        QVERIFY2(saved.ok, qPrintable(saved.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT name FROM t ORDER BY id"),
                 QList<QVariantList>({{"A"}, {"b"}}));
    }

    void lockedSqliteDatabase()
    {
        TABULA_OPEN_FRESH(db, QStringLiteral("sqlite"));
        QCOMPARE(Test::exec(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"), QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name) VALUES ('a'), ('b')"), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        QVERIFY(setCell(doc, 0, "name", QStringLiteral("A")));
        doc.insertRow();

        auto other = Test::openAgain(*db);
        QVERIFY(other);
        QCOMPARE(Test::exec(*other, "BEGIN IMMEDIATE"), QString());

        QElapsedTimer timer;
        timer.start();
        const SaveResult failed = doc.save();
        const qint64 waited = timer.elapsed();
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.message.contains("locked", Qt::CaseInsensitive),
                 qPrintable(failed.error.message));
        QVERIFY2(waited >= 150, qPrintable(QString::number(waited))); // the busy timeout is 200 ms
        QVERIFY2(waited < 3000, qPrintable(QString::number(waited)));
        QCOMPARE(doc.pendingCount(), 2);
        QCOMPARE(doc.model()->rowCount(), 3);

        QCOMPARE(Test::exec(*other, "ROLLBACK"), QString());
        const SaveResult saved = doc.save();
        QVERIFY2(saved.ok, qPrintable(saved.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT name FROM t ORDER BY id"),
                 QList<QVariantList>({{"A"}, {"b"}, {QVariant()}}));
    }

    void tableWithoutPrimaryKeyUsesRowId()
    {
        TABULA_OPEN_FRESH(db, QStringLiteral("sqlite"));
        QCOMPARE(Test::exec(*db, "CREATE TABLE np (a TEXT, b INTEGER)"), QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO np VALUES ('same', 1), ('same', 1), ('other', 3)"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "np"));
        QVERIFY(doc.schema().usesRowId());
        QVERIFY(doc.schema().isEditable());
        QVERIFY(doc.refresh());
        QCOMPARE(doc.model()->columnCount(), 2); // the rowid is not shown
        QVERIFY(doc.model()->keyForRow(0) != doc.model()->keyForRow(1));

        QVERIFY(setCell(doc, 1, "b", 2));
        SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT rowid, a, b FROM np ORDER BY rowid"),
                 QList<QVariantList>({{1, "same", 1}, {2, "same", 2}, {3, "other", 3}}));

        doc.deleteRows({0});
        QVERIFY(setCell(doc, doc.insertRow(), "a", QStringLiteral("new")));
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT a, b FROM np ORDER BY rowid"),
                 QList<QVariantList>({{"same", 2}, {"other", 3}, {"new", QVariant()}}));
    }

    void awkwardIdentifiers_data() { Test::addDatabaseRows(); }
    void awkwardIdentifiers()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const Dialect &d = db->dialect();
        const QString pk = Test::portable(*db, "%PK%");
        const QString textType = Test::portable(*db, "%TEXT%");
        const QStringList columns = {"select", "we\"ird",   QString::fromUtf8("ünï cødé"),
                                     "[x]",    "back`tick", "with space",
                                     "it's"};
        const QStringList tables = {"order", QString::fromUtf8("ta\"b`le [1] ü's")};
        for (const QString &table : tables) {
            QStringList defs = {d.quoteIdentifier("group") + ' ' + pk};
            for (const QString &c : columns)
                defs << d.quoteIdentifier(c) + ' ' + textType;
            QCOMPARE(Test::exec(*db, QStringLiteral("CREATE TABLE %1 (%2)")
                                         .arg(d.quoteIdentifier(table), defs.join(", "))),
                     QString());
            QCOMPARE(
                Test::exec(*db, QStringLiteral("INSERT INTO %1 (%2) VALUES ('one'), ('two')")
                                    .arg(d.quoteIdentifier(table), d.quoteIdentifier("select"))),
                QString());

            TableDocument doc(*db, Test::tableNamed(*db, table));
            QCOMPARE(doc.schema().columns.size(), columns.size() + 1);
            QVERIFY(doc.schema().isEditable());
            QVERIFY2(doc.refresh(), qPrintable(doc.lastError()));
            QCOMPARE(doc.model()->rowCount(), 2);
            QCOMPARE(doc.model()->data(doc.model()->index(1, 1)).toString(), QStringLiteral("two"));
            for (int c = 0; c < columns.size(); ++c) {
                QVERIFY(setCell(doc, 0, columns.at(c), columns.at(c) + " value"));
            }
            const int inserted = doc.insertRow();
            QVERIFY(setCell(doc, inserted, "we\"ird", QStringLiteral("inserted")));
            doc.deleteRows({1});
            const SaveResult result = doc.save();
            QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id) + "\n" +
                                           result.error.statement));

            QStringList quoted;
            for (const QString &c : columns)
                quoted << d.quoteIdentifier(c);
            const QList<QVariantList> rows =
                Test::readRows(*db, QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                        .arg(quoted.join(", "), d.quoteIdentifier(table),
                                             d.quoteIdentifier("group")));
            QCOMPARE(rows.size(), 2);
            for (int c = 0; c < columns.size(); ++c)
                QCOMPARE(rows.at(0).at(c).toString(), columns.at(c) + " value");
            QCOMPARE(rows.at(1).at(1).toString(), QStringLiteral("inserted"));
            QCOMPARE(doc.model()->data(doc.model()->index(0, 2)).toString(),
                     QStringLiteral("we\"ird value"));
        }
    }

    void valuesRoundTripExactly_data() { Test::addDatabaseRows(); }
    void valuesRoundTripExactly()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        const bool mysql = db->dialect().kind() == DatabaseKind::MySQL;
        const bool postgres = db->dialect().kind() == DatabaseKind::PostgreSQL;
        QCOMPARE(Test::exec(*db, Test::portable(
                                     *db, QStringLiteral("CREATE TABLE v (id %PK%, label %TEXT%, "
                                                         "t %1, b %BLOB%)")
                                              .arg(mysql ? "LONGTEXT" : "TEXT"))),
                 QString());

        QList<QPair<QString, QVariant>> texts = {
            {"quotes",
             QStringLiteral("it's a 'quote' and \"double\" and \\backslash\\ and `tick`")},
            {"emoji", QString::fromUtf8("😀 👍🏽 🇩🇪 \xF0\x9D\x84\x9E ünï")},
            {"empty", QString::fromLatin1("")},
            // An editor may hand over a null QString for an empty field: still empty text.
            {"empty from a null QString", QVariant(QString())},
            {"null", QVariant()},
            {"newlines", QStringLiteral("line 1\nline 2\r\nline 3\t end")},
        };
        QString big;
        big.reserve(1 << 20);
        while (big.size() < (1 << 20))
            big += QString::fromUtf8("0123456789 abcdefghij ünï ") + QString::number(big.size()) +
                   '\n';
        texts.append({"1 MB text", big});
        if (!postgres) // PostgreSQL text cannot hold NUL
            texts.append(
                {"nul", QString(QStringLiteral("a")) + QChar(0) + QStringLiteral("b") + QChar(0)});

        QByteArray all256;
        for (int i = 0; i < 256; ++i)
            all256.append(char(i));
        QByteArray bigBlob(1 << 20, Qt::Uninitialized);
        QRandomGenerator random(42);
        for (char &c : bigBlob)
            c = char(random.bounded(256));
        const QList<QPair<QString, QVariant>> blobs = {{"256 bytes", all256},
                                                       {"1 MB blob", bigBlob},
                                                       {"null blob", QVariant()},
                                                       {"empty blob", QByteArray("")}};

        // Stored rows take values through UPDATE, new rows through INSERT.
        const int n = int(qMax(texts.size(), blobs.size()));
        for (int i = 0; i < n; ++i)
            QCOMPARE(Test::exec(
                         *db, QStringLiteral("INSERT INTO v (label, t) VALUES ('%1', 'x')").arg(i)),
                     QString());
        TableDocument doc(*db, Test::tableNamed(*db, "v"));
        QVERIFY(doc.refresh());
        const int t = columnOf(doc, "t");
        const int b = columnOf(doc, "b");
        for (int i = 0; i < n; ++i) {
            const QVariant textValue = i < texts.size() ? texts.at(i).second : QVariant("x");
            const QVariant blobValue = i < blobs.size() ? blobs.at(i).second : QVariant();
            QVERIFY(doc.model()->setData(doc.model()->index(i, t), textValue) || i >= texts.size());
            if (i < blobs.size() && !blobValue.isNull())
                QVERIFY(doc.model()->setData(doc.model()->index(i, b), blobValue));
            const int row = doc.insertRow();
            QVERIFY(doc.model()->setData(doc.model()->index(row, t), textValue));
            QVERIFY(doc.model()->setData(doc.model()->index(row, b), blobValue));
        }
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));

        const QList<QVariantList> rows =
            Test::readRows(*db, "SELECT t, b, t IS NULL, b IS NULL FROM v ORDER BY id");
        QCOMPARE(rows.size(), 2 * n);
        for (int i = 0; i < 2 * n; ++i) {
            const int k = i < n ? i : (i - n);
            const QVariantList &row = rows.at(i);
            const QString where =
                QStringLiteral("row %1 (%2)").arg(i).arg(i < n ? "updated" : "inserted");
            if (k < texts.size()) {
                const QVariant expected = texts.at(k).second;
                const QString name = texts.at(k).first + ", " + where;
                QVERIFY2(row.at(2).toBool() == expected.isNull(), qPrintable(name));
                QVERIFY2(row.at(0).toString() == expected.toString(), qPrintable(name));
                QVERIFY2(row.at(0).toString().size() == expected.toString().size(),
                         qPrintable(name));
                // The model shows what the database holds, NULL and empty apart.
                const QModelIndex cell = doc.model()->index(i, t);
                QVERIFY2(doc.model()->data(cell, Qt::EditRole).toString() == expected.toString(),
                         qPrintable(name));
                QVERIFY2(doc.model()->data(cell, TableModel::IsNullRole).toBool() ==
                             expected.isNull(),
                         qPrintable(name));
            }
            if (k < blobs.size()) {
                const QVariant expected = blobs.at(k).second;
                const QString name = blobs.at(k).first + ", " + where;
                QVERIFY2(row.at(3).toBool() == expected.isNull(), qPrintable(name));
                QVERIFY2(row.at(1).toByteArray() == expected.toByteArray(), qPrintable(name));
                QVERIFY2(doc.model()->data(doc.model()->index(i, b), Qt::EditRole).toByteArray() ==
                             expected.toByteArray(),
                         qPrintable(name));
            }
        }
        // Setting the saved values again is no change at all.
        for (int i = 0; i < texts.size(); ++i)
            doc.model()->setData(doc.model()->index(i, t), texts.at(i).second);
        QCOMPARE(doc.pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(SaveJobTest)
#include "tst_savejob.moc"
