#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QSqlQuery>
#include <QTest>

using namespace Tabula;

class SaveJobTest : public QObject
{
    Q_OBJECT
private slots:
    void saveWritesEdits_data() { Test::addDatabaseRows(); }
    void saveWritesEdits()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT%)")), QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO t (name) VALUES ('a'), ('b'), ('c')"), QString());
        TableDocument doc(*db, {{db->tables().first().id}, false});
        QVERIFY(doc.refresh());
        QCOMPARE(doc.model()->rowCount(), 3);
        QVERIFY(doc.model()->setData(doc.model()->index(1, 1), QStringLiteral("B")));
        QCOMPARE(doc.pendingCount(), 1);
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        auto other = Test::openAgain(*db);
        QSqlQuery q(other->connection());
        QVERIFY(q.exec("SELECT name FROM t ORDER BY id"));
        QStringList names;
        while (q.next())
            names << q.value(0).toString();
        QCOMPARE(names, QStringList({"a", "B", "c"}));
    }
};

QTEST_GUILESS_MAIN(SaveJobTest)
#include "tst_savejob.moc"
