#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QTest>

using namespace Tabula;

// A new row's key is the database's to give: Save reports it for each inserted row, so the
// grid can stay on the row under its real key.
class InsertedKeysTest : public QObject
{
    Q_OBJECT

    static bool setCell(TableDocument &doc, int row, const QString &column, const QVariant &value)
    {
        return doc.model()->setData(doc.model()->index(row, doc.schema().columnIndex(column)),
                                    value);
    }

private slots:
    // The dialect says how a new row's key comes back (RETURNING, or lastInsertId()); Save
    // reports it for each inserted row, and only when the rows were really written.
    void insertedRowsReportTheirKeys_data() { Test::addDatabaseRows(); }
    void insertedRowsReportTheirKeys()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT% "
                                                     "NOT NULL)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name) VALUES ('old')"), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        const int first = doc.insertRow();
        QVERIFY(setCell(doc, first, "name", QStringLiteral("first")));
        const quint64 firstSerial = doc.model()->keyForRow(first).insertedSerial();
        const int second = doc.insertRow();
        const quint64 secondSerial = doc.model()->keyForRow(second).insertedSerial();

        // The second row misses its NOT NULL name: nothing is written, no key is reported.
        SaveResult result = doc.save();
        QVERIFY(!result.ok);
        QVERIFY(result.insertedKeys.isEmpty());

        QVERIFY(setCell(doc, doc.model()->rowForKey(RowKey::inserted(secondSerial)), "name",
                        QStringLiteral("second")));
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(result.insertedKeys.size(), 2);
        const QList<QVariantList> rows = Test::readRows(*db, "SELECT id, name FROM t ORDER BY id");
        QCOMPARE(rows.size(), 3);
        QCOMPARE(result.insertedKeys.value(firstSerial), RowKey::stored({rows.at(1).value(0)}));
        QCOMPARE(rows.at(1).value(1).toString(), QStringLiteral("first"));
        QCOMPARE(result.insertedKeys.value(secondSerial), RowKey::stored({rows.at(2).value(0)}));
    }
};

QTEST_GUILESS_MAIN(InsertedKeysTest)
#include "tst_insertedkeys.moc"
