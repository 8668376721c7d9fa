// The grid's model on big tables: windows read by keyset into a bounded cache must show
// exactly the database's own order (NULLs, duplicates, composite keys) however they are
// reached; counts run on a worker thread and can be cancelled; QSqlTableModel's members do
// what they say.
#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

namespace {

constexpr int kRows = 3000;

// k: a composite key (a, b); grp is text with duplicates and NULLs, score an integer with
// duplicates and NULLs.
void createKeyed(const Database &db)
{
    QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE k (a %TEXT% NOT NULL, b INTEGER "
                                               "NOT NULL, grp %TEXT%, score INTEGER, "
                                               "PRIMARY KEY (a, b))")),
             QString());
    for (int chunk = 0; chunk < kRows; chunk += 500) {
        QStringList values;
        for (int i = chunk; i < chunk + 500; ++i) {
            const QString grp =
                i % 7 == 0 ? QStringLiteral("NULL") : QStringLiteral("'g%1'").arg(i % 13);
            const QString score = i % 5 == 0 ? QStringLiteral("NULL") : QString::number(i % 41);
            values << QStringLiteral("('k%1', %2, %3, %4)").arg(i % 17).arg(i).arg(grp, score);
        }
        QCOMPARE(Test::exec(db, "INSERT INTO k (a, b, grp, score) VALUES " + values.join(", ")),
                 QString());
    }
}

void createCounted(const Database &db, int tens)
{
    QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE c (id %PK%, qty INTEGER)")),
             QString());
    QCOMPARE(Test::exec(db, "CREATE TABLE digits (d INTEGER)"), QString());
    QCOMPARE(Test::exec(db, "INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), "
                            "(8), (9)"),
             QString());
    for (int i = 0; i < tens; ++i)
        QCOMPARE(Test::exec(db, "INSERT INTO c (qty) SELECT a.d + 10 * b.d + 100 * x.d + 1000 * "
                                "e.d FROM digits a, digits b, digits x, digits e"),
                 QString());
}

// c with three rows: qty 1, 2, 3.
void createThree(const Database &db)
{
    createCounted(db, 0);
    QCOMPARE(Test::exec(db, "INSERT INTO c (qty) VALUES (1), (2), (3)"), QString());
}

QString keyAt(const TableModel *model, int row)
{
    return model->index(row, 0).data(Qt::EditRole).toString() + '/' +
           model->index(row, 1).data(Qt::EditRole).toString();
}

} // namespace

class WindowCacheTest : public QObject
{
    Q_OBJECT
private slots:
    void keysetShowsTheDatabasesOrder_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QString>("orderBy");
        const QList<std::tuple<const char *, int, int, const char *>> orders = {
            {"key", -1, Qt::AscendingOrder, ""},
            {"grp asc", 2, Qt::AscendingOrder, "grp ASC, "},
            {"grp desc", 2, Qt::DescendingOrder, "grp DESC, "},
            {"score asc", 3, Qt::AscendingOrder, "score ASC, "},
            {"score desc", 3, Qt::DescendingOrder, "score DESC, "},
            {"b desc", 1, Qt::DescendingOrder, "b DESC, "},
        };
        for (const QString &db : Test::databaseNames()) {
            if (db != QLatin1String("sqlite") && Test::urlFor(db).isEmpty() &&
                qEnvironmentVariableIsEmpty("CI"))
                continue;
            for (const auto &[name, column, order, orderBy] : orders)
                QTest::addRow("%s %s", qPrintable(db), name)
                    << db << column << order << QString::fromLatin1(orderBy);
        }
    }
    // Forwards, backwards from the end and in random jumps, with a cache of two windows: every
    // position holds the row the database's own ORDER BY puts there.
    void keysetShowsTheDatabasesOrder()
    {
        QFETCH(QString, dbName);
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QString, orderBy);
        TABULA_OPEN_FRESH(db, dbName);
        createKeyed(*db);
        QList<QString> expected;
        for (const QVariantList &row :
             Test::readRows(*db, "SELECT a, b FROM k ORDER BY " + orderBy + "a ASC, b ASC"))
            expected << row.at(0).toString() + '/' + row.at(1).toString();
        QCOMPARE(expected.size(), kRows);

        TableDocument doc(*db, Test::tableNamed(*db, "k"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setCacheBudget(512);
        model->setSort(column, Qt::SortOrder(order));
        QVERIFY(doc.refresh());
        QCOMPARE(model->rowCount(), kRows);

        QList<int> visits;
        for (int r = 0; r < kRows; ++r)
            visits << r;
        for (int r = kRows - 1; r >= 0; --r)
            visits << r;
        QRandomGenerator random(42);
        for (int i = 0; i < 400; ++i)
            visits << int(random.bounded(kRows));
        for (int r : visits) {
            if (keyAt(model, r) != expected.at(r))
                QFAIL(qPrintable(QStringLiteral("row %1 shows %2, the database puts %3 there")
                                     .arg(r)
                                     .arg(keyAt(model, r), expected.at(r))));
        }
        QVERIFY(model->cachedRowCount() <= 512);
    }

    // Past 10,000 rows the count runs on a worker thread: the first window shows at once, and
    // the count can be cancelled without losing the rows or the way to the end.
    void countRunsApartAndCancels_data() { Test::addDatabaseRows(); }
    void countRunsApartAndCancels()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createCounted(*db, 2);
        TableDocument doc(*db, Test::tableNamed(*db, "c"));
        TableModel *model = doc.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(model, &TableModel::matchingRowCountChanged);
        QVERIFY(doc.refresh());
        // The catalog's estimate stands for the count where there is one, else the rows read.
        if (model->rowCountIsEstimated())
            QVERIFY2(qAbs(model->rowCount() - 20000) <= 2000,
                     qPrintable(QString::number(model->rowCount())));
        else
            QCOMPARE(model->rowCount(), 256);
        QCOMPARE(model->matchingRowCount(), qint64(-1)); // known only in the event loop
        QVERIFY(model->isCounting());
        QCOMPARE(model->rowCountLowerBound(), qint64(10001));
        QTRY_COMPARE(model->matchingRowCount(), qint64(20000));
        QCOMPARE(model->rowCount(), 20000);
        QCOMPARE(counted.last().at(0).toLongLong(), qint64(20000));

        // Cancelled: rows are still read as far as the user scrolls, and the end gives the count.
        QVERIFY(doc.refresh());
        QVERIFY(model->isCounting());
        model->cancelCount();
        QVERIFY(!model->isCounting());
        QTest::qWait(50);
        QCOMPARE(model->matchingRowCount(), qint64(-1)); // the cancelled count never lands
        QVERIFY(model->canFetchMore(QModelIndex()));
        while (model->canFetchMore(QModelIndex()))
            model->fetchMore(QModelIndex());
        QCOMPARE(model->matchingRowCount(), qint64(20000));
        QCOMPARE(model->index(19999, 1).data(Qt::EditRole).toLongLong(), qlonglong(9999));
    }

    // A filter that matches few rows is counted at once; one over a worker runs the user's
    // WHERE read-only there too.
    void filteredCountIsExact_data() { Test::addDatabaseRows(); }
    void filteredCountIsExact()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createCounted(*db, 2);
        TableDocument doc(*db, Test::tableNamed(*db, "c"));
        TableModel *model = doc.model();
        model->setFilter(QStringLiteral("qty < 7000"));
        QVERIFY2(model->waitForCount(), qPrintable(model->lastError().text()));
        QCOMPARE(model->matchingRowCount(), qint64(14000));
        model->setFilter(QStringLiteral("qty < 70"));
        QCOMPARE(model->matchingRowCount(), qint64(140)); // at once
        QVERIFY(!model->isCounting());
    }

    // QSqlTableModel's members tell the truth about the change set.
    void inheritedMembersUseTheChangeSet_data() { Test::addDatabaseRows(); }
    void inheritedMembersUseTheChangeSet()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createThree(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "c"));
        TableModel *model = doc.model();
        QVERIFY(doc.refresh());
        QVERIFY(!model->isDirty());

        QVERIFY(model->setData(model->index(0, 1), 10));
        QVERIFY(model->isDirty());
        QVERIFY(model->isDirty(model->index(0, 1)));
        QVERIFY(!model->isDirty(model->index(1, 1)));
        QVERIFY(model->submitAll());
        QVERIFY(!model->isDirty());
        QCOMPARE(Test::readRows(*db, "SELECT qty FROM c ORDER BY id"),
                 QList<QVariantList>({{10}, {2}, {3}}));

        // revertAll() discards, as one step that can be undone.
        QVERIFY(model->setData(model->index(1, 1), 20));
        model->revertAll();
        QVERIFY(!model->isDirty());
        QCOMPARE(model->index(1, 1).data(Qt::EditRole).toInt(), 2);
        doc.undoStack()->undo();
        QCOMPARE(model->index(1, 1).data(Qt::EditRole).toInt(), 20);

        // Rows inserted and removed through the model are pending like any edit.
        QVERIFY(model->insertRows(0, 1));
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->index(3, 0).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Inserted));
        QVERIFY(model->setData(model->index(3, 1), 40));
        QVERIFY(model->removeRows(2, 1));
        QCOMPARE(model->index(2, 0).data(TableModel::RowStateRole).toInt(),
                 int(TableModel::Deleted));
        QCOMPARE(Test::readRows(*db, "SELECT COUNT(*) FROM c"), QList<QVariantList>({{3}}));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(Test::readRows(*db, "SELECT qty FROM c ORDER BY id"),
                 QList<QVariantList>({{10}, {20}, {40}}));

        // A failed submitAll() says why and keeps the edit.
        QVERIFY(model->setData(model->index(0, 0), model->index(1, 0).data(Qt::EditRole)));
        QVERIFY(!model->submitAll());
        QVERIFY(!model->lastError().text().isEmpty());
        QVERIFY(model->isDirty());

        // Only manual submit; only this table.
        model->setEditStrategy(QSqlTableModel::OnFieldChange);
        QCOMPARE(model->editStrategy(), QSqlTableModel::OnManualSubmit);
        model->setTable(QStringLiteral("digits"));
        QCOMPARE(model->tableName(), doc.schema().id.displayName());
    }

    // JSON (MariaDB's driver hands it over as bytes) shows as its text in the grid.
    void jsonShowsAsText_data() { Test::addDatabaseRows(); }
    void jsonShowsAsText()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE j (id %PK%, doc JSON)")),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO j (doc) VALUES ('{\"a\": 1}'), (NULL)"), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "j"));
        QVERIFY(doc.refresh());
        const QVariant value = doc.model()->index(0, 1).data(Qt::EditRole);
        QCOMPARE(value.typeId(), int(QMetaType::QString));
        QCOMPARE(doc.model()->index(0, 1).data().toString(), QStringLiteral("{\"a\": 1}"));
        QVERIFY(doc.model()->index(1, 1).data(TableModel::IsNullRole).toBool());
    }

    // setFilter() takes a raw WHERE through the SQL guard: one read-only expression.
    void setFilterGoesThroughTheGuard_data() { Test::addDatabaseRows(); }
    void setFilterGoesThroughTheGuard()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        createThree(*db);
        TableDocument doc(*db, Test::tableNamed(*db, "c"));
        TableModel *model = doc.model();
        QVERIFY(doc.refresh());
        model->setFilter(QStringLiteral("qty >= 2"));
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->filter(), QStringLiteral("qty >= 2"));
        model->setFilter(QStringLiteral("1 = 1; DROP TABLE digits"));
        QCOMPARE(model->rowCount(), 2); // refused: the grid stays as it was
        QCOMPARE(model->filter(), QStringLiteral("qty >= 2"));
        QVERIFY(!model->lastError().text().isEmpty());
        QCOMPARE(Test::readRows(*db, "SELECT COUNT(*) FROM digits"), QList<QVariantList>({{10}}));
    }
};

QTEST_GUILESS_MAIN(WindowCacheTest)
#include "tst_windowcache.moc"
