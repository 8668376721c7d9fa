#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Name,
    Age
};

TableInfo firstTable(const Database &db)
{
    return db.tables().value(0);
}

QString createTable(const Database &db)
{
    QString failure =
        Test::exec(db, Test::portable(db, "CREATE TABLE t (id %PK%, name %TEXT%, age INTEGER)"));
    if (failure.isEmpty())
        failure =
            Test::exec(db, "INSERT INTO t (name, age) VALUES ('a', 10), ('b', 20), ('c', 30), "
                           "('d', 40)");
    return failure;
}

// What the grid shows, row by row: "a|10", pending values included, deleted rows marked.
QStringList shown(TableModel *model)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        QString text = QStringLiteral("%1|%2").arg(model->data(model->index(row, Name)).toString(),
                                                   model->data(model->index(row, Age)).toString());
        if (model->data(model->index(row, 0), TableModel::RowStateRole).toInt() ==
            TableModel::Deleted)
            text += QStringLiteral(" (deleted)");
        rows << text;
    }
    return rows;
}

const QStringList clean = {"a|10", "b|20", "c|30", "d|40"};

} // namespace

class UndoTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    // Every action is one step, named for Edit > Undo; undoing all of them is the saved state.
    void everyActionIsOneNamedStep_data() { Test::addDatabaseRows(); }
    void everyActionIsOneNamedStep()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createTable(*db), QString());
        TableDocument doc(*db, firstTable(*db));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QUndoStack *stack = doc.undoStack();
        QSignalSpy modified(&doc, &TableDocument::modifiedChanged);
        QCOMPARE(shown(model), clean);

        QVERIFY(model->setData(model->index(0, Name), QStringLiteral("A")));
        // The step names the column, the row and the value.
        QCOMPARE(stack->undoText(), QStringLiteral("name of id = 1: A"));
        QVERIFY(doc.isModified());
        QCOMPARE(modified.size(), 1);

        QVERIFY(doc.setNull({model->index(1, Age)}));
        QCOMPARE(stack->undoText(), QStringLiteral("Set NULL"));
        QVERIFY(model->data(model->index(1, Age), TableModel::IsNullRole).toBool());
        QVERIFY(doc.setNull({model->index(2, Name), model->index(2, Age)}));
        QCOMPARE(stack->undoText(), QStringLiteral("Set NULL in 2 cells"));

        const int added = doc.insertRow();
        QCOMPARE(added, 4);
        QCOMPARE(stack->undoText(), QStringLiteral("Insert row"));
        QVERIFY(model->setData(model->index(added, Name), QStringLiteral("e")));

        doc.deleteRows({3});
        QCOMPARE(stack->undoText(), QStringLiteral("Delete row"));

        BulkEdit edit;
        edit.column = Age;
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = QStringLiteral("age + 1");
        QCOMPARE(doc.applyBulkEdit(doc.planBulkEdit(edit)), 3); // the deleted row is left alone
        QCOMPARE(stack->undoText(), QStringLiteral("Set age on 3 rows"));

        const QStringList edited = {"A|11", "b|21", "NULL|31", "d|40 (deleted)", "e|(default)"};
        QCOMPARE(shown(model), edited);
        const int pending = doc.pendingCount();
        QCOMPARE(pending, 1 + 2 + 1 + 1 + 1 + 1); // name, two ages + c's name, insert, delete

        doc.revert();
        QCOMPARE(stack->undoText(), QStringLiteral("Revert %1 changes").arg(pending));
        QVERIFY(!doc.isModified());
        QCOMPARE(shown(model), clean);

        const int steps = stack->count();
        QCOMPARE(steps, 8);
        stack->undo(); // the revert
        QCOMPARE(shown(model), edited);
        QCOMPARE(doc.pendingCount(), pending);

        // Back to the saved state, one step at a time.
        const QList<QStringList> states = {
            {"A|10", "b|NULL", "NULL|NULL", "d|40 (deleted)", "e|(default)"}, // bulk edit undone
            {"A|10", "b|NULL", "NULL|NULL", "d|40", "e|(default)"},           // delete undone
            {"A|10", "b|NULL", "NULL|NULL", "d|40", "(default)|(default)"},   // name of new row
            {"A|10", "b|NULL", "NULL|NULL", "d|40"},                          // insert undone
            {"A|10", "b|NULL", "c|30", "d|40"},                               // NULL in 2 cells
            {"A|10", "b|20", "c|30", "d|40"},                                 // NULL undone
            clean,
        };
        for (const QStringList &state : states) {
            stack->undo();
            QCOMPARE(shown(model), state);
        }
        QVERIFY(!stack->canUndo());
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.pendingCount(), 0);
        QCOMPARE(modified.last().first().toBool(), false);

        // And forward again to where it was.
        while (stack->canRedo())
            stack->redo();
        QCOMPARE(shown(model), clean); // the revert, redone
        stack->undo();
        QCOMPARE(shown(model), edited);

        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QVERIFY(!doc.isModified());
        QCOMPARE(stack->count(), 0);
        auto other = Test::openAgain(*db);
        QSqlQuery q(other->connection());
        QVERIFY(q.exec("SELECT id, name, age FROM t ORDER BY id"));
        QStringList saved;
        while (q.next())
            saved << QStringLiteral("%1|%2|%3")
                         .arg(q.value(0).toString(),
                              q.isNull(1) ? QStringLiteral("NULL") : q.value(1).toString(),
                              q.isNull(2) ? QStringLiteral("NULL") : q.value(2).toString());
        QCOMPARE(saved.size(), 4);
        QCOMPARE(saved.mid(0, 3), QStringList({"1|A|11", "2|b|21", "3|NULL|31"}));
        QVERIFY2(saved.at(3).endsWith(QStringLiteral("|e|NULL")), qPrintable(saved.at(3)));
    }

    // An edit set back to the stored value by hand, or undone, leaves nothing to save.
    void undoingToSavedStateIsUnmodified_data() { Test::addDatabaseRows(); }
    void undoingToSavedStateIsUnmodified()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createTable(*db), QString());
        TableDocument doc(*db, firstTable(*db));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(0, Age), 11));
        QVERIFY(doc.isModified());
        QVERIFY(model->setData(model->index(0, Age), 10));
        QVERIFY(!doc.isModified());
        doc.undoStack()->undo();
        QVERIFY(doc.isModified());
        doc.undoStack()->undo();
        QVERIFY(!doc.isModified());

        // After a Save, the saved state is the new baseline and there is nothing to undo.
        QVERIFY(model->setData(model->index(0, Age), 12));
        QVERIFY(doc.save().ok);
        QVERIFY(!doc.isModified());
        QVERIFY(!doc.undoStack()->canUndo());
        QCOMPARE(model->data(model->index(0, Age)).toInt(), 12);
    }

    // Undo and redo follow rows by identity, whatever the filter shows.
    void undoWhileFiltered_data() { Test::addDatabaseRows(); }
    void undoWhileFiltered()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(createTable(*db), QString());
        TableDocument doc(*db, firstTable(*db));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QVERIFY(model->setData(model->index(2, Name), QStringLiteral("C")));
        FilterExpression filter;
        filter.setColumnFilter(Age, ">=30");
        QString error;
        QVERIFY(doc.setFilter(filter, &error));
        QCOMPARE(shown(model), QStringList({"C|30", "d|40"}));
        filter.setColumnFilter(Age, "<30");
        QVERIFY(doc.setFilter(filter, &error));
        doc.undoStack()->undo(); // the hidden row's edit
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QVERIFY(doc.setFilter(FilterExpression(), &error));
        QCOMPARE(shown(model), QStringList({"a|10", "b|20", "C|30", "d|40"}));
    }
};

QTEST_GUILESS_MAIN(UndoTest)
#include "tst_undo.moc"
