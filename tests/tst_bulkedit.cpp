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
    Status,
    Age
};

// users(id, name, status, age): every tenth row 'inactive', the others 'active' or 'pending';
// age is id % 90, and every seventh name is NULL.
QString createUsers(const Database &db, int count)
{
    QString failure = Test::exec(db, Test::portable(db, "CREATE TABLE users (id %PK%, name %TEXT%, "
                                                        "status %TEXT% NOT NULL, age INTEGER)"));
    QStringList values;
    for (int id = 1; id <= count && failure.isEmpty(); ++id) {
        const char *status = id % 10 == 0 ? "inactive" : id % 2 ? "active" : "pending";
        values << QStringLiteral("(%1, %2, '%3', %4)")
                      .arg(id)
                      .arg(id % 7 == 0 ? QStringLiteral("NULL")
                                       : QStringLiteral("'user %1'").arg(id))
                      .arg(QLatin1String(status))
                      .arg(id % 90);
        if (values.size() == 500 || id == count) {
            failure = Test::exec(db, "INSERT INTO users (id, name, status, age) VALUES " +
                                         values.join(','));
            values.clear();
        }
    }
    // Explicit ids leave PostgreSQL's sequence behind; new rows must come after them.
    if (failure.isEmpty() && db.dialect().kind() == DatabaseKind::PostgreSQL)
        failure = Test::exec(db, "SELECT setval(pg_get_serial_sequence('users', 'id'), "
                                 "(SELECT MAX(id) FROM users))");
    return failure;
}

// The whole table, one line per row, read with a second connection.
QStringList dump(const Database &db)
{
    auto other = Test::openAgain(db);
    QSqlQuery q(other->connection());
    QStringList rows;
    if (!q.exec(QStringLiteral("SELECT id, name, status, age FROM users ORDER BY id")))
        return {QStringLiteral("error: ") + q.lastError().text()};
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < 4; ++i)
            values << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
        rows << values.join('|');
    }
    return rows;
}

// Rows by id (1-based), as dump() writes them.
QStringList rowsWith(QStringList rows, const QList<int> &ids, int column, const QString &value)
{
    for (int id : ids) {
        QStringList values = rows.at(id - 1).split('|');
        values[column] = value;
        rows[id - 1] = values.join('|');
    }
    return rows;
}

QList<int> idsWhere(int count, const std::function<bool(int)> &predicate)
{
    QList<int> ids;
    for (int id = 1; id <= count; ++id) {
        if (predicate(id))
            ids << id;
    }
    return ids;
}

bool isInactive(int id)
{
    return id % 10 == 0;
}

TableInfo usersTable(const Database &db)
{
    for (const TableInfo &t : db.tables()) {
        if (t.id.name == QLatin1String("users"))
            return t;
    }
    return {};
}

bool filterBy(TableDocument &doc, int column, const QString &text)
{
    FilterExpression filter;
    filter.setColumnFilter(column, text);
    QString error;
    if (doc.setFilter(filter, &error))
        return true;
    qWarning("filter: %s", qPrintable(error));
    return false;
}

} // namespace

class BulkEditTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Undo texts use the locale's digit grouping.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    // The seed scenario: User.query.filter_by(status='inactive').update({'status': 'active'}).
    // Planning the filter's rows reads all of them and so counts them: the grid takes that
    // count instead of scanning the table again on the worker (it counts past 10,000 rows).
    void aPlanOfTheFilteredRowsCountsThem_data() { Test::addDatabaseRows(); }
    void aPlanOfTheFilteredRowsCountsThem()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 30000), QString());
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        QVERIFY(filterBy(doc, Status, "=active")); // 15,000 rows: counted on the worker
        BulkEdit edit;
        edit.column = Age;
        edit.value = 1;
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.rowsInScope, qint64(15000));
        QVERIFY(!doc.model()->isCounting());
        QCOMPARE(doc.model()->matchingRowCount(), qint64(15000));
        QCOMPARE(doc.model()->rowCount(), 15000);

        // A plan that fails counts nothing: the count is made on the worker after all.
        QVERIFY(filterBy(doc, Status, "=pending"));
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("no_such_column + 1");
        QVERIFY(!doc.planBulkEdit(edit).ok());
        QVERIFY(doc.model()->waitForCount());
        QCOMPARE(doc.model()->matchingRowCount(), qint64(12000));
    }

    void filteredBulkEditOfTenThousandRows_data() { Test::addDatabaseRows(); }
    void filteredBulkEditOfTenThousandRows()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 10000), QString());
        const QStringList before = dump(*db);
        QCOMPARE(before.size(), 10000);

        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        QVERIFY(doc.model()->cachedRowCount() < 10000); // read in windows, as they are shown
        QCOMPARE(doc.model()->matchingRowCount(), qint64(10000));

        QVERIFY(filterBy(doc, Status, "=inactive"));
        QCOMPARE(doc.model()->matchingRowCount(), qint64(1000));

        BulkEdit edit;
        edit.column = Status;
        edit.kind = BulkEdit::Kind::Value;
        edit.value = QStringLiteral("active");
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.rowsInScope, qint64(1000));
        QCOMPARE(plan.changes.size(), 1000);
        QCOMPARE(doc.pendingCount(), 0); // planning changes nothing

        QCOMPARE(doc.applyBulkEdit(plan), 1000);
        QCOMPARE(doc.pendingCount(), 1000);
        QCOMPARE(doc.changes()->editedCellCount(), 1000);
        QVERIFY(doc.isModified());
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Set status on 1,000 rows"));
        // The grid still shows the filtered rows (the filter reads saved values), now pending.
        TableModel *model = doc.model();
        QCOMPARE(model->data(model->index(0, Status)).toString(), QStringLiteral("active"));
        QVERIFY(model->data(model->index(0, Status), TableModel::IsPendingRole).toBool());
        QCOMPARE(model->data(model->index(0, Status), TableModel::StoredValueRole).toString(),
                 QStringLiteral("inactive"));

        // Undo takes all of it back in one step, redo brings it again.
        doc.undoStack()->undo();
        QCOMPARE(doc.pendingCount(), 0);
        QVERIFY(!doc.isModified());
        QCOMPARE(model->data(model->index(0, Status)).toString(), QStringLiteral("inactive"));
        doc.undoStack()->redo();
        QCOMPARE(doc.pendingCount(), 1000);

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(result.updated, 1000);
        QCOMPARE(doc.pendingCount(), 0);
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE(model->matchingRowCount(), qint64(0)); // nothing is inactive any more

        const QStringList after = dump(*db);
        QCOMPARE(after, rowsWith(before, idsWhere(10000, isInactive), Status, "active"));
    }

    void expressionOnFilteredRows_data() { Test::addDatabaseRows(); }
    void expressionOnFilteredRows()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 200), QString());
        const QStringList before = dump(*db);
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        QVERIFY(filterBy(doc, Status, "=inactive"));

        BulkEdit edit;
        edit.column = Age;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("age + 1");
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.changes.size(), 20);
        QCOMPARE(doc.applyBulkEdit(plan), 20);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Set age on 20 rows"));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));

        QStringList expected = before;
        for (int id : idsWhere(200, isInactive))
            expected = rowsWith(expected, {id}, Age, QString::number(id % 90 + 1));
        QCOMPARE(dump(*db), expected);
    }

    void nullBulkEdit_data() { Test::addDatabaseRows(); }
    void nullBulkEdit()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 100), QString());
        const QStringList before = dump(*db);
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        QVERIFY(filterBy(doc, Age, "<10"));

        BulkEdit edit;
        edit.column = Name;
        edit.kind = BulkEdit::Kind::Null;
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        // Ages 0..9 are ids 1..9 and 90..99; 7 and 91 (and 98) already have no name.
        const QList<int> inScope = idsWhere(100, [](int id) { return id % 90 < 10; });
        QCOMPARE(plan.rowsInScope, qint64(inScope.size()));
        const QList<int> named = idsWhere(100, [](int id) { return id % 90 < 10 && id % 7; });
        QCOMPARE(plan.changes.size(), named.size());
        QCOMPARE(doc.applyBulkEdit(plan), int(named.size()));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(dump(*db), rowsWith(before, inScope, Name, "NULL"));
    }

    void selectedRowsOnly_data() { Test::addDatabaseRows(); }
    void selectedRowsOnly()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 50), QString());
        const QStringList before = dump(*db);
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();

        BulkEdit edit;
        edit.column = Status;
        edit.value = QStringLiteral("banned");
        edit.scope = BulkEdit::Scope::SelectedRows;
        edit.selectedRows = {0, 2, 4, 2}; // ids 1, 3, 5; a row listed twice counts once
        BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.rowsInScope, qint64(3));
        QCOMPARE(plan.changes.size(), 3);
        QCOMPARE(doc.applyBulkEdit(plan), 3);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Set status on 3 rows"));

        // An expression over a selection, with a filter active: the selection decides.
        QVERIFY(filterBy(doc, Status, "=pending"));
        QCOMPARE(model->storedValue(0, Id).toInt(), 2);
        edit.column = Age;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("age * 2");
        edit.selectedRows = {0, 1}; // ids 2 and 4
        plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.changes.size(), 2);
        QCOMPARE(doc.applyBulkEdit(plan), 2);

        // A new row takes a value; an expression has no saved value to read there.
        const int added = doc.insertRow();
        QVERIFY(added >= 0);
        QVERIFY(model->setData(model->index(added, Status), QStringLiteral("pending")));
        edit.selectedRows = {added};
        plan = doc.planBulkEdit(edit);
        QVERIFY(plan.ok());
        QCOMPARE(plan.changes.size(), 0);
        QCOMPARE(plan.skippedNewRows, 1);
        edit.kind = BulkEdit::Kind::Value;
        edit.value = 77;
        plan = doc.planBulkEdit(edit);
        QCOMPARE(plan.changes.size(), 1);
        QCOMPARE(doc.applyBulkEdit(plan), 1);

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QStringList expected = rowsWith(before, {1, 3, 5}, Status, "banned");
        expected = rowsWith(expected, {2}, Age, "4");
        expected = rowsWith(expected, {4}, Age, "8");
        expected << QStringLiteral("51|NULL|pending|77");
        QCOMPARE(dump(*db), expected);
    }

    void unchangedRowsAreNotCounted_data() { Test::addDatabaseRows(); }
    void unchangedRowsAreNotCounted()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 100), QString());
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        QVERIFY(filterBy(doc, Status, "=inactive"));

        BulkEdit edit;
        edit.column = Status;
        edit.value = QStringLiteral("inactive");
        BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY(plan.ok());
        QCOMPARE(plan.rowsInScope, qint64(10));
        QCOMPARE(plan.changes.size(), 0);
        QCOMPARE(doc.applyBulkEdit(plan), 0);
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(!doc.isModified());

        // A row whose pending value already is the new one is not counted either.
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(0, Status), QStringLiteral("active")));
        edit.value = QStringLiteral("active");
        plan = doc.planBulkEdit(edit);
        QCOMPARE(plan.changes.size(), 9);

        // Nor a NULL set to NULL.
        QVERIFY(filterBy(doc, Name, "NULL"));
        edit.column = Name;
        edit.kind = BulkEdit::Kind::Null;
        plan = doc.planBulkEdit(edit);
        QCOMPARE(plan.rowsInScope, qint64(14));
        QCOMPARE(plan.changes.size(), 0);

        // Nor an expression that gives each row its own value back.
        QString error;
        QVERIFY(doc.setFilter(FilterExpression(), &error));
        edit.column = Age;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("age * 1");
        plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.changes.size(), 0);
    }

    // A row read with the same value as the row before is planned as that row was (without
    // looking at it again): runs of equal values, NULLs, and values equal in SQL but of
    // another type or spelling each keep their own loaded value and their own decision.
    void rowsInRunsArePlannedOneByOne_data() { Test::addDatabaseRows(); }
    void rowsInRunsArePlannedOneByOne()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE runs (id INTEGER PRIMARY KEY, "
                                                     "v %TEXT%)")),
                 QString());
        const QList<QVariant> loaded{QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("b"),
                                     QStringLiteral("b"), QStringLiteral("b"), QVariant(),
                                     QVariant(),          QStringLiteral("a"), QStringLiteral("b"),
                                     QStringLiteral("B"), QVariant(),          QStringLiteral("a")};
        for (int i = 0; i < loaded.size(); ++i) {
            QSqlQuery insert(db->connection());
            QVERIFY(insert.prepare(QStringLiteral("INSERT INTO runs VALUES (?, ?)")));
            insert.addBindValue(i + 1);
            insert.addBindValue(loaded.at(i).isNull() ? QVariant(QMetaType(QMetaType::QString))
                                                      : loaded.at(i));
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        TableDocument doc(*db, Test::tableNamed(*db, "runs"));
        QVERIFY(doc.refresh());
        BulkEdit edit;
        edit.column = doc.schema().columnIndex("v");
        edit.value = QStringLiteral("b");
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.rowsInScope, qint64(loaded.size()));
        QStringList planned, expected;
        for (qsizetype i = 0; i < plan.changes.stored->size(); ++i) {
            const CellChange change = plan.changes.stored->at(i);
            planned << QStringLiteral("%1:%2")
                           .arg(change.key.values().value(0).toInt())
                           .arg(change.original.isNull() ? "NULL" : change.original.toString());
        }
        for (int i = 0; i < loaded.size(); ++i) {
            if (loaded.at(i) != QVariant(QStringLiteral("b")))
                expected << QStringLiteral("%1:%2").arg(i + 1).arg(
                    loaded.at(i).isNull() ? "NULL" : loaded.at(i).toString());
        }
        QCOMPARE(planned, expected);
        QCOMPARE(doc.applyBulkEdit(plan), int(expected.size()));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.message));
        QCOMPARE(result.updated, int(expected.size()));
    }

    // Expressions read saved values: a pending value in the target column is replaced by
    // expr(saved), and undo brings the pending value back.
    void expressionsSeeSavedValues_data() { Test::addDatabaseRows(); }
    void expressionsSeeSavedValues()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 20), QString());
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QCOMPARE(model->storedValue(4, Age).toInt(), 5);
        QVERIFY(model->setData(model->index(4, Age), 50));

        BulkEdit edit;
        edit.column = Age;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("age + 100");
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(plan.changes.size(), 20);
        QCOMPARE(doc.applyBulkEdit(plan), 20);
        QCOMPARE(model->data(model->index(4, Age)).toInt(), 105);
        QCOMPARE(doc.pendingCount(), 20);
        doc.undoStack()->undo();
        QCOMPARE(model->data(model->index(4, Age)).toInt(), 50);
        QCOMPARE(doc.pendingCount(), 1);
    }

    void refusedAndBrokenExpressions_data() { Test::addDatabaseRows(); }
    void refusedAndBrokenExpressions()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createUsers(*db, 30), QString());
        const QStringList before = dump(*db);
        TableDocument doc(*db, usersTable(*db));
        QVERIFY(doc.refresh());
        BulkEdit edit;
        edit.column = Age;
        edit.kind = BulkEdit::Kind::Expression;
        for (const QString &expression :
             {QStringLiteral("age; DROP TABLE users"),
              QStringLiteral("1) FROM users; DELETE FROM users; --"),
              QStringLiteral("(SELECT 1) ; UPDATE users SET age = 0"), QStringLiteral("age +"),
              QStringLiteral("no_such_column + 1"), QStringLiteral("MAX(age)"),
              QStringLiteral("COUNT(*) + 1"),
              QStringLiteral("$$'$$) FROM users ; DELETE FROM users ; SELECT ($$'$$")}) {
            edit.expression = expression;
            const BulkEditPlan plan = doc.planBulkEdit(edit);
            QVERIFY2(!plan.ok(), qPrintable(expression));
            QVERIFY(plan.changes.isEmpty());
        }
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE(dump(*db), before);
    }
};

QTEST_GUILESS_MAIN(BulkEditTest)
#include "tst_bulkedit.moc"
