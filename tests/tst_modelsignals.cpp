// The model repaints what a change touched and nothing more: one dataChanged per run of
// adjacent rows over the touched columns, with the row headers of those rows, as each undo
// command reports its keys and columns.

#include "database.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

namespace {

constexpr int kRows = 10;

// One signal's range: first row, first column, last row, last column.
using Range = QList<int>;

QList<Range> cellRanges(const QSignalSpy &spy)
{
    QList<Range> ranges;
    for (const QList<QVariant> &args : spy) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        ranges.append({from.row(), from.column(), to.row(), to.column()});
    }
    return ranges;
}

QList<Range> headerRanges(const QSignalSpy &spy)
{
    QList<Range> ranges;
    for (const QList<QVariant> &args : spy)
        ranges.append({args.at(0).toInt(), args.at(1).toInt(), args.at(2).toInt()});
    return ranges;
}

} // namespace

class ModelSignalsTest : public QObject
{
    Q_OBJECT
private slots:
    void changesRepaintOnlyTheirCells_data() { Test::addDatabaseRows(); }
    void changesRepaintOnlyTheirCells()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        QCOMPARE(Test::exec(*db, Test::portable(*db, "CREATE TABLE t (id %PK%, name %TEXT%, "
                                                     "qty INTEGER, note %TEXT%)")),
                 QString());
        for (int i = 1; i <= kRows; ++i)
            QCOMPARE(
                Test::exec(*db,
                           QStringLiteral("INSERT INTO t (name, qty) VALUES ('n%1', %1)").arg(i)),
                QString());
        TableDocument doc(*db, Test::tableNamed(*db, "t"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QCOMPARE(model->rowCount(), kRows);
        const int id = 0, name = 1, qty = 2, note = 3;
        QSignalSpy cells(model, &QAbstractItemModel::dataChanged);
        QSignalSpy headers(model, &QAbstractItemModel::headerDataChanged);
        const auto takeCells = [&] {
            const QList<Range> r = cellRanges(cells);
            cells.clear();
            return r;
        };
        const auto takeHeaders = [&] {
            const QList<Range> r = headerRanges(headers);
            headers.clear();
            return r;
        };

        // One cell.
        QVERIFY(model->setData(model->index(2, name), QStringLiteral("x")));
        QCOMPARE(takeCells(), (QList<Range>{{2, name, 2, name}}));
        QCOMPARE(takeHeaders(), (QList<Range>{{Qt::Vertical, 2, 2}}));

        // Cells in rows 1, 2 and 5 of two columns: rows 1-2 in one signal, row 5 in another.
        QVERIFY(doc.setNull({model->index(1, name), model->index(2, qty), model->index(5, qty)}));
        QCOMPARE(takeCells(), (QList<Range>{{1, name, 2, qty}, {5, name, 5, qty}}));
        QCOMPARE(takeHeaders(), (QList<Range>{{Qt::Vertical, 1, 2}, {Qt::Vertical, 5, 5}}));

        // Undo repaints the same cells.
        doc.undoStack()->undo();
        QCOMPARE(takeCells(), (QList<Range>{{1, name, 2, qty}, {5, name, 5, qty}}));
        takeHeaders();

        // A deleted row: all its cells.
        doc.deleteRows({7});
        QCOMPARE(takeCells(), (QList<Range>{{7, id, 7, note}}));
        QCOMPARE(takeHeaders(), (QList<Range>{{Qt::Vertical, 7, 7}}));

        // Revert may touch any row: one signal over every row.
        doc.revert();
        QCOMPARE(takeCells(), (QList<Range>{{0, id, kRows - 1, note}}));

        // A failed row marked, then another: the old and the new row only.
        model->setFailedRow(model->keyForRow(3), QStringLiteral("qty"));
        QCOMPARE(takeCells(), (QList<Range>{{3, id, 3, note}}));
        model->setFailedRow(model->keyForRow(6), QStringLiteral("qty"));
        QCOMPARE(takeCells(), (QList<Range>{{3, id, 3, note}, {6, id, 6, note}}));
    }
};

QTEST_MAIN(ModelSignalsTest)
#include "tst_modelsignals.moc"
