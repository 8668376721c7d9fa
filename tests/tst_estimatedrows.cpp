// While a big table is counted, the grid shows as many rows as the catalog estimates
// (PostgreSQL's reltuples, MariaDB's table_rows, SQLite's rowid span), so that Ctrl+End reads
// one window from the end at once. The estimate may be wrong: the rows read from the estimated
// end are the table's last rows all the same, and when the count comes they move to where they
// belong, with no row missed or shown twice.
#include "database.h"
#include "tabledocument.h"
#include "taskprogress.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QTest>

using namespace Tabula;

namespace {

constexpr int kRows = 20000;

// e: ids 1..20000, gaps where the rows were deleted.
void createRows(const Database &db)
{
    QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE e (id %PK%, qty INTEGER)")),
             QString());
    QCOMPARE(Test::exec(db, "CREATE TABLE digits (d INTEGER)"), QString());
    QCOMPARE(Test::exec(db, "INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), "
                            "(8), (9)"),
             QString());
    for (int i = 0; i < kRows / 10000; ++i)
        QCOMPARE(Test::exec(db, "INSERT INTO e (qty) SELECT a.d + 10 * b.d + 100 * x.d + 1000 * "
                                "y.d FROM digits a, digits b, digits x, digits y"),
                 QString());
}

// Lets the catalog's estimate catch up with the table, as a server's autovacuum would.
void analyze(const Database &db, const QString &dbName)
{
    if (Test::isPostgres(dbName))
        QCOMPARE(Test::exec(db, "ANALYZE e"), QString());
    else if (dbName == QLatin1String("mariadb"))
        QCOMPARE(Test::exec(db, "ANALYZE TABLE e"), QString());
}

// e as the catalog last saw it, then every row with id % `every` == 3 deleted behind its
// back (`every` 0: none).
void createEstimatedRows(const Database &db, const QString &dbName, int every)
{
    createRows(db);
    analyze(db, dbName);
    if (every > 0)
        QCOMPARE(Test::exec(db, QStringLiteral("DELETE FROM e WHERE id % %1 = 3").arg(every)),
                 QString());
}

QVariant idAt(const TableModel *model, int row)
{
    return model->index(row, 0).data(Qt::EditRole);
}

// The ids in the table's order, read on a second connection.
QList<qlonglong> idsInOrder(const Database &db)
{
    QList<qlonglong> ids;
    for (const QVariantList &row : Test::readRows(db, "SELECT id FROM e ORDER BY id"))
        ids << row.at(0).toLongLong();
    return ids;
}

// The grid's rows [first, last) are these ids; empty when they are.
QString mismatch(const TableModel *model, const QList<qlonglong> &ids, int first, int last)
{
    for (int row = first; row < last; ++row) {
        const QVariant id = idAt(model, row);
        if (!id.isValid() || id.toLongLong() != ids.at(row))
            return QStringLiteral("row %1 shows id %2, the table has %3 there")
                .arg(row)
                .arg(id.toString(), QString::number(ids.at(row)));
    }
    return {};
}

} // namespace

class EstimatedRowsTest : public QObject
{
    Q_OBJECT
private slots:
    // "fewer": rows deleted after the catalog last looked (every database keeps an estimate
    // that can lag so: SQLite's rowid span always does); "more": rows added after it. Fewer
    // than a window's worth: the rows read from the estimated end overlap where they go.
    void theEstimateStandsUntilTheCountComes_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<int>("change");
        for (const QString &name : Test::databaseNames()) {
            QTest::newRow(qPrintable(name + "/fewer")) << name << -100;
            if (name != QLatin1String("sqlite"))
                QTest::newRow(qPrintable(name + "/more")) << name << 100;
        }
    }
    void theEstimateStandsUntilTheCountComes()
    {
        QFETCH(QString, dbName);
        QFETCH(int, change);
        TABULA_OPEN_FRESH(db, dbName);
        createEstimatedRows(*db, dbName, change < 0 ? 200 : 0);
        if (change > 0)
            QCOMPARE(Test::exec(*db, "INSERT INTO e (qty) SELECT qty FROM e WHERE id <= 100"),
                     QString());
        const QList<qlonglong> ids = idsInOrder(*db);
        const int total = int(ids.size());
        QCOMPARE(total, kRows + change);

        TableDocument doc(*db, Test::tableNamed(*db, "e"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(doc.refresh());
        QVERIFY(model->isCounting());
        const qint64 estimate = model->rowCountEstimate();
        if (dbName != QLatin1String("mariadb")) // InnoDB's estimate is its own guess
            QCOMPARE(estimate, qint64(kRows));
        QVERIFY2(estimate > 10001, qPrintable(QString::number(estimate)));
        QVERIFY(model->rowCountIsEstimated());
        QCOMPARE(model->rowCount(), int(estimate));
        QVERIFY(!model->canFetchMore(QModelIndex()));
        // The status bar claims no more rows than there are; the estimate is named as one.
        const QString text = rowCountText(*model, false);
        const QRegularExpressionMatch claim =
            QRegularExpression(QStringLiteral("^≥ ([0-9,. ]+) rows, counting… \\(about "))
                .match(text);
        QVERIFY2(claim.hasMatch(), qPrintable(text));
        QString digits = claim.captured(1);
        digits.remove(QRegularExpression(QStringLiteral("[^0-9]")));
        QVERIFY2(digits.toLongLong() <= total, qPrintable(text));

        // Three windows up from the estimated end: the table's last rows, whatever the count.
        for (int back = 1; back <= 600; ++back)
            QCOMPARE(idAt(model, int(estimate) - back).toLongLong(), ids.at(total - back));
        QCOMPARE(idAt(model, 300).toLongLong(), ids.at(300)); // from the start: where it is

        QVERIFY(model->waitForCount());
        QCOMPARE(model->matchingRowCount(), qint64(total));
        QCOMPARE(model->rowCount(), total);
        QVERIFY(!model->rowCountIsEstimated());
        // Rows read from the estimated end, and those around: where the count puts them.
        QString wrong = mismatch(model, ids, int(qMin<qint64>(estimate, total)) - 800, total);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        wrong = mismatch(model, ids, 0, 600);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }

    // Edits made while the estimate stands are kept by row key: when the count moves the rows
    // read from the estimated end, the edited row shows its pending value where it now is,
    // a new row stays after the stored rows, and Save writes both.
    void editsFollowTheRowsWhenTheCountComes_data() { Test::addDatabaseRows(); }
    void editsFollowTheRowsWhenTheCountComes()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createEstimatedRows(*db, dbName, 200);
        const QList<qlonglong> ids = idsInOrder(*db);
        const int total = int(ids.size());
        TableDocument doc(*db, Test::tableNamed(*db, "e"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(doc.refresh());
        QVERIFY(model->rowCountIsEstimated());
        const int estimate = model->rowCount();
        QCOMPARE(idAt(model, estimate - 2).toLongLong(), ids.at(total - 2));
        QVERIFY(model->setData(model->index(estimate - 2, 1), 777777));
        const int inserted = doc.insertRow();
        QCOMPARE(inserted, estimate);
        QVERIFY(model->setData(model->index(inserted, 1), 888888));

        QVERIFY(model->waitForCount());
        QCOMPARE(model->rowCount(), total + 1);
        QCOMPARE(idAt(model, total - 2).toLongLong(), ids.at(total - 2));
        QCOMPARE(model->index(total - 2, 1).data(Qt::EditRole).toLongLong(), 777777);
        QCOMPARE(model->index(total - 2, 0).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Edited));
        QCOMPARE(model->index(total, 0).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Inserted));
        QCOMPARE(model->index(total, 1).data(Qt::EditRole).toLongLong(), 888888);
        QCOMPARE(doc.pendingCount(), 2);

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*db, "SELECT qty FROM e WHERE qty >= 777777 ORDER BY qty"),
                 QList<QVariantList>({{777777}, {888888}}));
        const QString sql =
            QStringLiteral("SELECT qty FROM e WHERE id = %1").arg(ids.at(total - 2));
        QCOMPARE(Test::readRows(*db, sql), QList<QVariantList>({{777777}}));
    }

    // A cancelled count leaves no estimate standing: the rows read from the start are shown,
    // and reading on to the end gives every row.
    void aCancelledCountDropsTheEstimate_data() { Test::addDatabaseRows(); }
    void aCancelledCountDropsTheEstimate()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createEstimatedRows(*db, dbName, 10);
        const QList<qlonglong> ids = idsInOrder(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "e"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(doc.refresh());
        QVERIFY(model->rowCountIsEstimated());
        const int estimate = model->rowCount();
        QCOMPARE(idAt(model, estimate - 1).toLongLong(), ids.last());

        model->cancelCount();
        QVERIFY(!model->rowCountIsEstimated());
        QCOMPARE(model->rowCount(), 256);
        QVERIFY(model->canFetchMore(QModelIndex()));
        while (model->canFetchMore(QModelIndex()))
            model->fetchMore(QModelIndex());
        QCOMPARE(model->rowCount(), int(ids.size()));
        const QString wrong = mismatch(model, ids, int(ids.size()) - 600, int(ids.size()));
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }

    // A filter has no estimate: its rows are shown as they are read until they are counted.
    void aFilterIsNotEstimated_data() { Test::addDatabaseRows(); }
    void aFilterIsNotEstimated()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createEstimatedRows(*db, dbName, 0);
        TableDocument doc(*db, Test::tableNamed(*db, "e"));
        TableModel *model = doc.model();
        QVERIFY(doc.refresh());
        QVERIFY(model->rowCountIsEstimated());
        model->setFilter(QStringLiteral("qty >= 0"));
        QVERIFY(model->isCounting());
        QVERIFY(!model->rowCountIsEstimated());
        QCOMPARE(model->rowCount(), 256);
        QVERIFY(model->waitForCount());
        QCOMPARE(model->rowCount(), kRows);
    }
};

QTEST_MAIN(EstimatedRowsTest)
#include "tst_estimatedrows.moc"
