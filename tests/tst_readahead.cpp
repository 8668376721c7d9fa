// Scrolling forward page after page reads ahead (4, then 16 pages at once): far fewer
// queries, every row still where the database's own ORDER BY puts it, the cache bounded.
#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Tabula;

namespace {

constexpr int kRows = 6000; // 24 pages of 256

// k: a composite key (a, b); grp is text with duplicates and NULLs.
void createKeyed(const Database &db)
{
    QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE k (a %TEXT% NOT NULL, b INTEGER "
                                               "NOT NULL, grp %TEXT%, PRIMARY KEY (a, b))")),
             QString());
    for (int chunk = 0; chunk < kRows; chunk += 500) {
        QStringList values;
        for (int i = chunk; i < chunk + 500; ++i) {
            const QString grp =
                i % 7 == 0 ? QStringLiteral("NULL") : QStringLiteral("'g%1'").arg(i % 13);
            values << QStringLiteral("('k%1', %2, %3)").arg(i % 17).arg(i).arg(grp);
        }
        QCOMPARE(Test::exec(db, "INSERT INTO k (a, b, grp) VALUES " + values.join(", ")),
                 QString());
    }
}

QString keyAt(const TableModel *model, int row)
{
    return model->index(row, 0).data(Qt::EditRole).toString() + '/' +
           model->index(row, 1).data(Qt::EditRole).toString();
}

} // namespace

class ReadAheadTest : public QObject
{
    Q_OBJECT
private slots:
    void forwardScrollReadsAhead_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<int>("budget");
        QTest::addColumn<int>("maxReads");
        for (const QString &db : Test::databaseNames()) {
            if (db != QLatin1String("sqlite") && Test::urlFor(db).isEmpty() &&
                qEnvironmentVariableIsEmpty("CI"))
                continue;
            // Default budget: pages 1-4, 5-20, 21-23 (one page at a time would be 23 reads).
            QTest::addRow("%s default budget", qPrintable(db)) << db << 0 << 3;
            // A budget of 8 pages reads 2 at a time at most: 12 reads, and stays in budget.
            QTest::addRow("%s small budget", qPrintable(db)) << db << 2048 << 12;
        }
    }
    // Row by row from the first to the last, sorted by a column with duplicates and NULLs:
    // every position holds the database's row, with a handful of queries.
    void forwardScrollReadsAhead()
    {
        QFETCH(QString, dbName);
        QFETCH(int, budget);
        QFETCH(int, maxReads);
        TABULA_OPEN_FRESH(db, dbName);
        createKeyed(*db);
        QList<QString> expected;
        for (const QVariantList &row :
             Test::readRows(*db, "SELECT a, b FROM k ORDER BY grp DESC, a ASC, b ASC"))
            expected << row.at(0).toString() + '/' + row.at(1).toString();
        QCOMPARE(expected.size(), kRows);

        TableDocument doc(*db, Test::tableNamed(*db, "k"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        if (budget > 0)
            model->setCacheBudget(budget);
        model->setSort(2, Qt::DescendingOrder);
        QVERIFY(doc.refresh());
        QCOMPARE(model->rowCount(), kRows);

        const int before = model->rowReadCount();
        for (int r = 0; r < kRows; ++r) {
            if (keyAt(model, r) != expected.at(r))
                QFAIL(qPrintable(QStringLiteral("row %1 shows %2, the database puts %3 there")
                                     .arg(r)
                                     .arg(keyAt(model, r), expected.at(r))));
            if (budget > 0)
                QVERIFY(model->cachedRowCount() <= budget);
        }
        const int reads = model->rowReadCount() - before;
        QVERIFY2(reads <= maxReads, qPrintable(QStringLiteral("%1 reads").arg(reads)));
    }

    // Jumping about reads one page per jump: read-ahead is for scrolling forward only.
    void jumpsReadOnePage_data() { Test::addDatabaseRows(); }
    void jumpsReadOnePage()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createKeyed(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "k"));
        TableModel *model = doc.model();
        QVERIFY(doc.refresh());
        const int before = model->rowReadCount();
        int jumps = 0;
        for (int page = (kRows - 1) / 256; page > 0; page -= 2, ++jumps)
            QVERIFY(!keyAt(model, page * 256).isEmpty());
        QCOMPARE(model->rowReadCount() - before, jumps);
    }
};

QTEST_GUILESS_MAIN(ReadAheadTest)
#include "tst_readahead.moc"
