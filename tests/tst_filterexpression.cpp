#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Name,
    Age,
    Score
};

struct Person
{
    int id;
    QVariant name;
    QVariant age;
    QVariant score;
};

const QVariant null;

// Every kind of value a filter must tell apart, including text that looks like SQL or like
// LIKE wildcards.
const QList<Person> &people()
{
    static const QList<Person> rows = {
        {1, "Alice", 30, 1.5},      {2, "alice b", 40, 2.5}, {3, "Bob", null, null},
        {4, null, 25, 3.0},         {5, "", 50, -1.0},       {6, "O'Brien", 60, 0.5},
        {7, "100%", 70, 10.0},      {8, "a_b", 80, 20.0},    {9, "back\\slash", 90, 30.0},
        {10, "1 OR 1=1", 10, 40.0}, {11, "wow!", 11, 50.0},  {12, "axb", 12, 60.0},
        {13, "1000", 13, 70.0},
    };
    return rows;
}

QString createPeople(const Database &db)
{
    QString failure = Test::exec(
        db, Test::portable(db, "CREATE TABLE people (id INTEGER PRIMARY KEY, name %TEXT%, "
                               "age INTEGER, score DOUBLE PRECISION)"));
    if (!failure.isEmpty())
        return failure;
    // Bound, so that the backslash and the quote arrive as they are on every database.
    QSqlQuery insert(db.connection());
    insert.prepare("INSERT INTO people (id, name, age, score) VALUES (?, ?, ?, ?)");
    for (const Person &p : people()) {
        insert.addBindValue(p.id);
        insert.addBindValue(p.name.isNull() ? QVariant(QMetaType::fromType<QString>()) : p.name);
        insert.addBindValue(p.age.isNull() ? QVariant(QMetaType::fromType<int>()) : p.age);
        insert.addBindValue(p.score.isNull() ? QVariant(QMetaType::fromType<double>()) : p.score);
        if (!insert.exec())
            return insert.lastError().text();
    }
    return {};
}

QList<int> allIds()
{
    return {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
}

QList<int> allBut(const QList<int> &excluded)
{
    QList<int> ids;
    for (int id : allIds()) {
        if (!excluded.contains(id))
            ids << id;
    }
    return ids;
}

// The ids the grid shows, every row fetched.
QList<int> shownIds(TableModel *model)
{
    while (model->canFetchMore())
        model->fetchMore();
    QList<int> ids;
    for (int row = 0; row < model->storedRowCount(); ++row)
        ids << model->storedValue(row, Id).toInt();
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The whole table as text, read with a second connection: what "nothing changed" compares.
QStringList dump(const Database &db, const QString &table)
{
    auto other = Test::openAgain(db);
    QSqlQuery q(other->connection());
    QStringList rows;
    if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table)))
        return {QStringLiteral("error: ") + q.lastError().text()};
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i)
            values << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
        rows << values.join('|');
    }
    return rows;
}

} // namespace

class FilterExpressionTest : public QObject
{
    Q_OBJECT
private slots:
    void columnFilters_data() { Test::addDatabaseRows(); }
    void columnFilters()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createPeople(*db), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "people"));
        QVERIFY(doc.refresh());

        struct Case
        {
            int column;
            QString text;
            QList<int> expected;
        };
        const QList<Case> cases = {
            // Contains, case-insensitive, with every character matched literally.
            {Name, "ALICE", {1, 2}},
            {Name, "alice b", {2}},
            {Name, "O'Brien", {6}},
            {Name, "%", {7}},
            {Name, "_", {8}},
            {Name, "\\", {9}},
            {Name, "1 OR 1=1", {10}},
            {Name, "!", {11}},
            {Name, "00%", {7}},
            {Name, "a_b", {8}},
            {Name, "'", {6}},
            {Age, "3", {1, 13}},
            {Score, "2.5", {2}},
            // Comparisons, typed for the column.
            {Name, "=Alice", {1}},
            {Name, "= Alice ", {1}},
            {Name, "<>Alice", allBut({1})}, // NULL is not "Alice" either
            {Name, "!=Alice", allBut({1})},
            {Name, "O..P", {6}},
            {Age, "=30", {1}},
            {Age, "<>30", allBut({1})},
            {Age, "!=30", allBut({1})},
            {Age, "<25", {10, 11, 12, 13}},
            {Age, "<=25", {4, 10, 11, 12, 13}},
            {Age, ">80", {9}},
            {Age, ">=80", {8, 9}},
            {Age, "20..40", {1, 2, 4}},
            {Age, ">9", allBut({3})}, // numbers, not text: 10 > 9
            {Score, "=1.5", {1}},
            {Score, ">=50", {11, 12, 13}},
            {Score, "-1..1", {5, 6}},
            {Score, "<0", {5}},
            // NULL, NOT NULL and the empty text.
            {Name, "NULL", {4}},
            {Name, "null", {4}},
            {Name, "NOT NULL", allBut({4})},
            {Name, "not  null", allBut({4})},
            {Age, "NULL", {3}},
            {Age, "NOT NULL", allBut({3})},
            {Score, "NULL", {3}},
            {Name, "''", {5}},
            {Name, "=''", {5}},
        };
        for (const Case &c : cases) {
            FilterExpression filter;
            filter.setColumnFilter(c.column, c.text);
            QString error;
            const bool ok = doc.setFilter(filter, &error);
            const QByteArray what = QStringLiteral("column %1, filter %2: %3")
                                        .arg(c.column)
                                        .arg(c.text, error)
                                        .toUtf8();
            QVERIFY2(ok, what.constData());
            QCOMPARE(error, QString());
            QVERIFY2(shownIds(doc.model()) == c.expected,
                     (what + " shows " + QDebug::toString(shownIds(doc.model())).toUtf8() +
                      ", expected " + QDebug::toString(c.expected).toUtf8())
                         .constData());
            QCOMPARE(doc.model()->matchingRowCount(), qint64(c.expected.size()));
        }
    }

    void containsIgnoresCaseBeyondAscii_data() { Test::addDatabaseRows(); }
    void containsIgnoresCaseBeyondAscii()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createPeople(*db), QString());
        QSqlQuery q(db->connection());
        QVERIFY(q.prepare("INSERT INTO people (id, name) VALUES (20, ?)"));
        q.addBindValue(QStringLiteral("\u00C9mile \u00D6zt\u00FCrk"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        TableDocument doc(*db, Test::tableNamed(*db, "people"));
        QVERIFY(doc.refresh());
        FilterExpression filter;
        filter.setColumnFilter(Name, QStringLiteral("zt\u00DCrk"));
        QString error;
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        // SQLite's own LOWER() and LIKE fold ASCII letters only: Tabula adds tabula_fold().
        QCOMPARE(shownIds(doc.model()), QList<int>({20}));
        filter.setColumnFilter(Name, QStringLiteral("\u00E9MILE"));
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({20}));
        filter.setColumnFilter(Name, QStringLiteral("\u00C9mile"));
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({20})); // the same case matches everywhere
    }

    void filtersCombineWithAnd_data() { Test::addDatabaseRows(); }
    void filtersCombineWithAnd()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createPeople(*db), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "people"));
        QVERIFY(doc.refresh());
        FilterExpression filter;
        filter.setColumnFilter(Name, "alice");
        filter.setColumnFilter(Age, ">35");
        QString error;
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({2}));

        filter.clear();
        filter.setRawWhere("age > 50 AND score < 40");
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({6, 7, 8, 9}));

        filter.setColumnFilter(Name, "%");
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({7}));
        QCOMPARE(doc.filter().columnFilter(Name), QStringLiteral("%"));

        // A raw expression with OR cannot escape its parentheses around the column filters.
        filter.clear();
        filter.setColumnFilter(Name, "=Bob");
        filter.setRawWhere("age = 30 OR age = 40");
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>());

        QVERIFY(doc.setFilter(FilterExpression(), &error));
        QCOMPARE(shownIds(doc.model()), allIds());
    }

    // jsonb's ? operators cannot be typed (? is a parameter to every driver); the functions
    // behind them, which the refusal names, filter the same rows.
    void jsonbKeyTestsFilterThroughTheirFunctions_data()
    {
        Test::addServerRows({QStringLiteral("postgresql")});
    }
    void jsonbKeyTestsFilterThroughTheirFunctions()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, "CREATE TABLE docs (id INTEGER PRIMARY KEY, data jsonb)"),
                 QString());
        QCOMPARE(Test::exec(*db, "INSERT INTO docs VALUES (1, '{\"vip\": true}'), "
                                 "(2, '{\"a\": 1}'), (3, '{\"vip\": false, \"a\": 2}')"),
                 QString());
        TableDocument doc(*db, Test::tableNamed(*db, "docs"));
        QVERIFY(doc.refresh());
        FilterExpression filter;
        filter.setRawWhere("data ? 'vip'");
        QString error;
        QVERIFY(!doc.setFilter(filter, &error));
        QVERIFY2(error.contains(QLatin1String("jsonb_exists")), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({1, 2, 3})); // the grid as it was
        filter.setRawWhere("jsonb_exists(data, 'vip')");
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({1, 3}));
        filter.setRawWhere("jsonb_exists_all(data, '{vip,a}')");
        QVERIFY2(doc.setFilter(filter, &error), qPrintable(error));
        QCOMPARE(shownIds(doc.model()), QList<int>({3}));
    }

    void hostileRawWhereIsRefused_data() { Test::addDatabaseRows(); }
    void hostileRawWhereIsRefused()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createPeople(*db), QString());
        const QStringList before = dump(*db, "people");
        QCOMPARE(before.size(), 13);
        TableDocument doc(*db, Test::tableNamed(*db, "people"));
        QVERIFY(doc.refresh());
        FilterExpression shown;
        shown.setColumnFilter(Name, "alice");
        QString error;
        QVERIFY(doc.setFilter(shown, &error));

        const QStringList hostile = {
            "1; DROP TABLE people",
            "1); DELETE FROM people; --",
            "1 = 1; SELECT 1",
            "(SELECT 1) ; UPDATE people SET age = 0",
            "1 = 1 -- comment",
            "1 = 1 /* comment */",
            "1 = 1 # comment",
            "id IN (DELETE FROM people RETURNING id)",
            "load_extension('x') IS NULL",
            "SLEEP(1) = 0",
            "nextval('s') > 0",
            // One database reads a literal where another reads statements.
            "$$'$$ = $$a$$) ; DELETE FROM people ; SELECT 1 AS \"id\" WHERE ($$'$$ IS NOT NULL",
            "'\\' = 'a') ; DELETE FROM people ; SELECT 1 AS \"id\" WHERE (E'\\'' = 'x'",
            "ARRAY[']'] IS NOT NULL) ; DELETE FROM people ; SELECT 1 AS \"id\" WHERE "
            "(ARRAY['x'] IS NOT NULL",
        };
        for (const QString &sql : hostile) {
            FilterExpression filter;
            filter.setRawWhere(sql);
            QVERIFY2(!doc.setFilter(filter, &error), qPrintable(sql));
            QVERIFY2(!error.isEmpty(), qPrintable(sql));
            QCOMPARE(shownIds(doc.model()), QList<int>({1, 2}));
            QCOMPARE(doc.filter().columnFilter(Name), QStringLiteral("alice"));
            QCOMPARE(doc.filter().rawWhere(), QString());
        }
        QCOMPARE(dump(*db, "people"), before);
    }

    void badFilterLeavesGridAsItWas_data() { Test::addDatabaseRows(); }
    void badFilterLeavesGridAsItWas()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createPeople(*db), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "people"));
        QVERIFY(doc.refresh());
        FilterExpression good;
        good.setColumnFilter(Name, "alice");
        QString error;
        QVERIFY(doc.setFilter(good, &error));
        const SqlFragment where = doc.model()->where();

        const QList<QPair<int, QString>> bad = {
            {Age, ">abc"}, {Age, "="}, {Score, "=x"}, {Age, "1..x"}, {Score, "<="}};
        for (const auto &[column, text] : bad) {
            FilterExpression filter;
            filter.setColumnFilter(column, text);
            QVERIFY2(!doc.setFilter(filter, &error), qPrintable(text));
            QVERIFY2(error.contains(doc.schema().columns.at(column).name), qPrintable(error));
            QCOMPARE(doc.model()->rowCount(), 2);
            QCOMPARE(doc.model()->where().sql, where.sql);
            QCOMPARE(doc.model()->where().params, where.params);
            QCOMPARE(doc.model()->matchingRowCount(), qint64(2));
            QCOMPARE(doc.filter().columnFilter(Name), QStringLiteral("alice"));
        }
        // The database refuses these: the grid keeps its rows all the same.
        for (const QString &sql : {QStringLiteral("age >"), QStringLiteral("no_such_column = 1"),
                                   QStringLiteral("age = = 3")}) {
            FilterExpression filter;
            filter.setRawWhere(sql);
            QVERIFY2(!doc.setFilter(filter, &error), qPrintable(sql));
            QVERIFY(!error.isEmpty());
            QCOMPARE(shownIds(doc.model()), QList<int>({1, 2}));
            QCOMPARE(doc.model()->where().sql, where.sql);
            QCOMPARE(doc.model()->matchingRowCount(), qint64(2));
        }
    }

    void pendingEditsSurviveFiltering_data() { Test::addDatabaseRows(); }
    void pendingEditsSurviveFiltering()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createPeople(*db), QString());
        TableDocument doc(*db, Test::tableNamed(*db, "people"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        const int bob = model->rowForKey(RowKey::stored({3}));
        QVERIFY(bob >= 0);
        QVERIFY(model->setData(model->index(bob, Name), QStringLiteral("Robert")));
        QVERIFY(model->setData(model->index(bob, Age), 33));
        QCOMPARE(doc.pendingCount(), 2);

        // Hidden by the filter: still pending, still counted.
        FilterExpression filter;
        filter.setColumnFilter(Name, "alice");
        QString error;
        QVERIFY(doc.setFilter(filter, &error));
        QCOMPARE(shownIds(model), QList<int>({1, 2}));
        QCOMPARE(model->rowForKey(RowKey::stored({3})), -1);
        QCOMPARE(doc.pendingCount(), 2);
        QVERIFY(doc.isModified());

        // Shown again: the edit is there.
        QVERIFY(doc.setFilter(FilterExpression(), &error));
        const int again = model->rowForKey(RowKey::stored({3}));
        QVERIFY(again >= 0);
        QCOMPARE(model->data(model->index(again, Name)).toString(), QStringLiteral("Robert"));
        QCOMPARE(model->data(model->index(again, Name), TableModel::IsPendingRole).toBool(), true);
        QCOMPARE(doc.pendingCount(), 2);

        // Saved while hidden: written all the same.
        QVERIFY(doc.setFilter(filter, &error));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(doc.pendingCount(), 0);
        QCOMPARE(shownIds(model), QList<int>({1, 2}));
        QStringList after = dump(*db, "people");
        QVERIFY2(after.at(2).startsWith(QStringLiteral("3|Robert|33|")), qPrintable(after.at(2)));
    }
};

QTEST_GUILESS_MAIN(FilterExpressionTest)
#include "tst_filterexpression.moc"
