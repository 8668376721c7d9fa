// Foreign keys read per database (single and composite, and the tables that reference a
// table), and the lookup that pages through the rows a key may point to, values bound.

#include "database.h"
#include "foreignkeylookup.h"
#include "referencedrowsmodel.h"
#include "shopschema.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Tabula;

namespace {

ForeignKey key(const QString &table, const QStringList &columns, const QString &referenced,
               const QStringList &referencedColumns)
{
    ForeignKey k;
    k.table.name = table;
    k.columns = columns;
    k.referencedTable.name = referenced;
    k.referencedColumns = referencedColumns;
    return k;
}

// The key as read, with the parts a database names its own way (constraint name, schema)
// left out of the comparison.
ForeignKey comparable(ForeignKey k)
{
    k.name.clear();
    k.table.schema.clear();
    k.referencedTable.schema.clear();
    return k;
}

QList<qint64> keysOf(const QList<ReferencedRow> &rows)
{
    QList<qint64> keys;
    for (const ReferencedRow &row : rows)
        keys << row.key.toLongLong();
    return keys;
}

} // namespace

class ForeignKeysTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { Test::addDatabaseRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        const QString failure = Test::createShop(*m_db);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
    void cleanup() { m_db.reset(); }

    void schemaHoldsSingleAndCompositeKeys()
    {
        const TableSchema orders = m_db->schema(Test::tableNamed(*m_db, "orders"));
        QCOMPARE(orders.foreignKeys.size(), 1);
        QCOMPARE(comparable(orders.foreignKeys.first()),
                 key("orders", {"customer_id"}, "customers", {"id"}));
        QCOMPARE(orders.foreignKeys.first().table, orders.id);
        QVERIFY(!orders.foreignKeys.first().name.isEmpty());
        QCOMPARE(orders.foreignKeyAt(orders.columnIndex("customer_id")), &orders.foreignKeys[0]);
        QCOMPARE(orders.foreignKeyAt(orders.columnIndex("note")), nullptr);

        const TableSchema uses = m_db->schema(Test::tableNamed(*m_db, "uses"));
        QCOMPARE(uses.foreignKeys.size(), 1);
        const ForeignKey composite = uses.foreignKeys.first();
        QCOMPARE(comparable(composite), key("uses", {"pa", "pb"}, "parts", {"a", "b"}));
        QVERIFY(composite.isComposite());
        QCOMPARE(uses.foreignKeyAt(uses.columnIndex("pb")), &uses.foreignKeys[0]);

        // A referenced table is the one the table list names (its schema too, on PostgreSQL).
        QCOMPARE(orders.foreignKeys.first().referencedTable,
                 Test::tableNamed(*m_db, "customers").id);
        QVERIFY(m_db->schema(Test::tableNamed(*m_db, "customers")).foreignKeys.isEmpty());
    }

    void referencingKeysAreTheReverseLookup()
    {
        const QList<ForeignKey> toCustomers =
            m_db->referencingKeys(Test::tableNamed(*m_db, "customers").id);
        QCOMPARE(toCustomers.size(), 1);
        QCOMPARE(comparable(toCustomers.first()),
                 key("orders", {"customer_id"}, "customers", {"id"}));
        QCOMPARE(toCustomers.first().table, Test::tableNamed(*m_db, "orders").id);
        const QList<ForeignKey> toParts =
            m_db->referencingKeys(Test::tableNamed(*m_db, "parts").id);
        QCOMPARE(toParts.size(), 1);
        QCOMPARE(comparable(toParts.first()), key("uses", {"pa", "pb"}, "parts", {"a", "b"}));
        QVERIFY(m_db->referencingKeys(Test::tableNamed(*m_db, "orders").id).isEmpty());
    }

    // SQLite's REFERENCES without columns means the primary key; a name may differ in case.
    void sqliteImplicitColumnsAreThePrimaryKey()
    {
        if (m_db->dialect().kind() != DatabaseKind::SQLite)
            QSKIP("SQLite's own forms");
        QCOMPARE(Test::exec(*m_db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, "
                                   "customer INTEGER REFERENCES CUSTOMERS)"),
                 QString());
        const TableSchema notes = m_db->schema(Test::tableNamed(*m_db, "notes"));
        QCOMPARE(notes.foreignKeys.size(), 1);
        QCOMPARE(comparable(notes.foreignKeys.first()),
                 key("notes", {"customer"}, "customers", {"id"}));
        QCOMPARE(m_db->referencingKeys(Test::tableNamed(*m_db, "customers").id).size(), 2);
    }

    void labelColumnIsReadable()
    {
        TableSchema schema;
        auto add = [&schema](const QString &name, ValueKind kind) {
            ColumnInfo c;
            c.name = name;
            c.kind = kind;
            schema.columns << c;
        };
        add("id", ValueKind::Integer);
        QCOMPARE(ForeignKeyLookup::chooseLabelColumn(schema, "id"), QString());
        add("code", ValueKind::Text);
        QCOMPARE(ForeignKeyLookup::chooseLabelColumn(schema, "id"), QString("code"));
        QCOMPARE(ForeignKeyLookup::chooseLabelColumn(schema, "code"), QString());
        add("age", ValueKind::Integer);
        add("Email", ValueKind::Text);
        QCOMPARE(ForeignKeyLookup::chooseLabelColumn(schema, "id"), QString("Email"));
        add("full_name", ValueKind::Text);
        QCOMPARE(ForeignKeyLookup::chooseLabelColumn(schema, "id"), QString("full_name"));
        add("name_count", ValueKind::Integer); // not text
        QCOMPARE(ForeignKeyLookup::chooseLabelColumn(schema, "id"), QString("full_name"));
    }

    void pagesFollowTheKey()
    {
        const TableSchema orders = m_db->schema(Test::tableNamed(*m_db, "orders"));
        const ForeignKeyLookup lookup(*m_db, orders.foreignKeys.first());
        QCOMPARE(lookup.labelColumn(), QString("name"));
        QString error;
        const QList<ReferencedRow> first = lookup.page({}, {}, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(keysOf(first), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        QCOMPARE(first.at(2).label, QString("Customer 3"));
        const QList<ReferencedRow> second = lookup.page({}, first.last().key, 10, &error);
        QCOMPARE(keysOf(second), (QList<qint64>{11, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
        const QList<ReferencedRow> last = lookup.page({}, second.last().key, 10, &error);
        QCOMPARE(keysOf(last), (QList<qint64>{21, 22, 23, 24, 25, 26}));
        QVERIFY(lookup.page({}, last.last().key, 10, &error).isEmpty());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void searchMatchesLabelOrKeyCaseInsensitively()
    {
        const TableSchema orders = m_db->schema(Test::tableNamed(*m_db, "orders"));
        const ForeignKeyLookup lookup(*m_db, orders.foreignKeys.first());
        QString error;
        QCOMPARE(keysOf(lookup.page("customer 2", {}, 50, &error)),
                 (QList<qint64>{2, 20, 21, 22, 23, 24, 25}));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(keysOf(lookup.page("customer 2", 21, 3, &error)), (QList<qint64>{22, 23, 24}));
        // The key's text: 26 is "100% O'Brien_x", 1 and 10 match "1" in the label too.
        QCOMPARE(keysOf(lookup.page("26", {}, 50, &error)), (QList<qint64>{26}));
    }

    // What is typed is a bound, escaped pattern: quotes, % and _ match themselves.
    void searchTextIsBoundNotPasted()
    {
        const TableSchema orders = m_db->schema(Test::tableNamed(*m_db, "orders"));
        const ForeignKeyLookup lookup(*m_db, orders.foreignKeys.first());
        QString error;
        QCOMPARE(keysOf(lookup.page("0% o'brien_", {}, 50, &error)), (QList<qint64>{26}));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(keysOf(lookup.page("%", {}, 50, &error)), (QList<qint64>{26}));
        QCOMPARE(keysOf(lookup.page("_", {}, 50, &error)), (QList<qint64>{26}));
        QVERIFY(lookup.page("' OR 1=1 --", {}, 50, &error).isEmpty());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const SqlFragment sql = lookup.pageQuery("' OR 1=1 --", 7, 50);
        QVERIFY(!sql.sql.contains("OR 1=1"));
        QCOMPARE(sql.params.size(), 3); // key pattern, label pattern, the key after
        QCOMPARE(sql.params.last(), QVariant(7));
        // Control: the same text pasted unescaped into LIKE matches every row.
        QSqlQuery pasted(m_db->connection());
        QVERIFY(pasted.exec("SELECT COUNT(*) FROM customers WHERE name LIKE '%_%'"));
        QVERIFY(pasted.next());
        QCOMPARE(pasted.value(0).toInt(), 26);
    }

    // The list model reads a page when a view asks for more, and starts over on a search.
    void modelReadsPagesOnDemand()
    {
        const TableSchema orders = m_db->schema(Test::tableNamed(*m_db, "orders"));
        ReferencedRowsModel rows(*m_db, orders.foreignKeys.first(), 10);
        QCOMPARE(rows.rowCount(), 10);
        QVERIFY(rows.canFetchMore());
        rows.fetchMore();
        QCOMPARE(rows.rowCount(), 20);
        QCOMPARE(rows.index(19).data(ReferencedRowsModel::KeyTextRole).toString(), QString("20"));
        QCOMPARE(rows.index(19).data().toString(), QString("20 — Customer 20"));
        rows.fetchMore();
        QCOMPARE(rows.rowCount(), 26);
        QVERIFY(!rows.canFetchMore());
        rows.setSearch("customer 2");
        QCOMPARE(rows.rowCount(), 7);
        QVERIFY(!rows.canFetchMore());
        QCOMPARE(rows.rowOfKey("25"), 6);
        QCOMPARE(rows.rowOfKey("3"), -1);
        QVERIFY2(rows.lastError().isEmpty(), qPrintable(rows.lastError()));
    }

    // Continuing after a key reads from the index, not past every earlier row: the last
    // page of a million rows comes as quick as the first.
    void lastPageOfAMillionRowsIsQuick()
    {
        if (m_db->dialect().kind() != DatabaseKind::SQLite)
            QSKIP("a million rows are made quickly on SQLite only");
        QCOMPARE(Test::exec(*m_db, "CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT)"),
                 QString());
        QCOMPARE(Test::exec(*m_db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                   "FROM n WHERE i < 1000000) "
                                   "INSERT INTO big SELECT i, 'row ' || i FROM n"),
                 QString());
        ForeignKey toBig = key("child", {"big_id"}, "big", {"id"});
        const ForeignKeyLookup lookup(*m_db, toBig);
        QString error;
        QElapsedTimer timer;
        timer.start();
        const QList<ReferencedRow> last = lookup.page({}, 999990, 50, &error);
        const qint64 keyset = timer.elapsed();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(keysOf(last).size(), 10);
        QCOMPARE(last.last().label, QString("row 1000000"));
        // The plan seeks the key in the index instead of scanning. Control: OFFSET scans.
        QVERIFY2(plan(lookup.pageQuery({}, 999990, 50)).contains("SEARCH"),
                 qPrintable(plan(lookup.pageQuery({}, 999990, 50))));
        const SqlFragment byOffset{"SELECT id, name FROM big ORDER BY id LIMIT 50 OFFSET ?",
                                   {999990}};
        QVERIFY2(plan(byOffset).contains("SCAN"), qPrintable(plan(byOffset)));
        timer.restart();
        QSqlQuery offset(m_db->connection());
        QVERIFY(offset.exec("SELECT id, name FROM big ORDER BY id LIMIT 50 OFFSET 999990"));
        while (offset.next()) {
        }
        qInfo("last page: %lld ms after the last key, %lld ms by OFFSET", keyset, timer.elapsed());
    }

private:
    QString plan(const SqlFragment &statement) const
    {
        QSqlQuery q(m_db->connection());
        q.prepare("EXPLAIN QUERY PLAN " + statement.sql);
        for (const QVariant &value : statement.params)
            q.addBindValue(value);
        QStringList steps;
        if (!q.exec())
            return q.lastError().text();
        while (q.next())
            steps << q.value(3).toString();
        return steps.join("; ");
    }

    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(ForeignKeysTest)
#include "tst_foreignkeys.moc"
