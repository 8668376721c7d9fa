#pragma once

#include "changeset.h"
#include "sqlfragment.h"

#include <memory>

#include <QCoreApplication>
#include <QVector>

namespace Tabula {

class Database;
class TableModel;
struct TableSchema;

// One column set to one new value on many rows: what
//   User.query.filter_by(status='inactive').update({'status': 'active'})
// does, as a single pending (and undoable) operation.
struct BulkEdit
{
    enum class Kind
    {
        Value,
        Null,
        Expression
    };
    enum class Scope
    {
        MatchingRows,
        SelectedRows
    };

    int column = -1;
    Kind kind = Kind::Value;
    QVariant value;     // Kind::Value, already typed for the column
    QString expression; // Kind::Expression, SQL evaluated per row on the saved values
    Scope scope = Scope::MatchingRows;
    QList<int> selectedRows; // Scope::SelectedRows, rows of the model
};

// What a bulk edit changes: the stored rows as one operation (compact, sorted by key), and
// selected new rows as cell changes. Reads like a list of CellChanges, new rows first.
struct BulkChanges
{
    std::shared_ptr<BulkOperation> stored = std::make_shared<BulkOperation>();
    QVector<CellChange> inserted;

    qsizetype size() const { return inserted.size() + stored->size(); }
    bool isEmpty() const { return size() == 0; }
    CellChange at(qsizetype i) const
    {
        return i < inserted.size() ? inserted.at(i) : stored->at(i - inserted.size());
    }
    CellChange first() const { return at(0); }
};

// What a bulk edit will do, computed before anything changes.
struct BulkEditPlan
{
    BulkChanges changes;    // only rows whose shown value would change
    qint64 rowsInScope = 0; // rows the scope covers, changed or not
    int skippedNewRows = 0; // inserted rows an expression cannot see
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// Evaluates the edit against every row in scope, all of them, not just those fetched:
// MatchingRows runs one SELECT with the grid's filter (which, like the grid, reads the saved
// values), SelectedRows one per chunk of keys. Rows marked deleted are in scope but left alone;
// inserted rows are only in scope when selected.
//
// Expressions are SQL run by the database, so they see the saved values of every column, not
// pending edits: a pending value in the target column is replaced by expr(saved). This is what
// the same UPDATE would do if the pending edits were discarded, and it keeps one rule for
// every row. Inserted rows have no saved values; an expression skips them. An expression is
// per row: aggregates and window functions are refused (by the database) rather than folding
// the rows into one.
//
// A row is counted in `changes` only when the new value differs from what the grid shows
// (the pending value if there is one, else the saved one).
BulkEditPlan planBulkEdit(const TableModel &model, const ChangeSet &changes, const BulkEdit &edit);

// planBulkEdit in two halves, so that the reading can run on a worker's connection
// (BackgroundPlan) while the window keeps repainting.
//
// The queries that read the stored rows in scope, made from the model on its thread.
struct PlanQueries
{
    QList<SqlFragment> selects; // each a whole SELECT with its parameters
    int column = -1;
    bool isExpression = false;
    QVariant literal; // the new value, for Kind::Value
};
// Checks the edit and plans what needs no query (selected new rows); `plan.error` says why
// not, and then `queries` is left empty.
BulkEditPlan beginBulkPlan(const TableModel &model, const ChangeSet &changes, const BulkEdit &edit,
                           PlanQueries *queries);
// Runs the queries on `database`, in a read-only transaction, adding the stored rows to
// `plan` and finishing it. `changes` is only read. Stops with plan.error set when a query
// fails (or was interrupted).
void readBulkPlanRows(const Database &database, const TableSchema &schema, const ChangeSet &changes,
                      const PlanQueries &queries, BulkEditPlan &plan);

} // namespace Tabula
