#pragma once

#include "changeset.h"

#include <QCoreApplication>
#include <QVector>

namespace Tabula {

class TableModel;

// One column set to one new value on many rows: what
//   User.query.filter_by(status='inactive').update({'status': 'active'})
// does, as a single pending (and undoable) operation.
struct BulkEdit
{
    enum class Kind { Value, Null, Expression };
    enum class Scope { MatchingRows, SelectedRows };

    int column = -1;
    Kind kind = Kind::Value;
    QVariant value;     // Kind::Value, already typed for the column
    QString expression; // Kind::Expression, SQL evaluated per row on the saved values
    Scope scope = Scope::MatchingRows;
    QList<int> selectedRows; // Scope::SelectedRows, rows of the model
};

// What a bulk edit will do, computed before anything changes.
struct BulkEditPlan
{
    QVector<CellChange> changes; // only rows whose shown value would change
    qint64 rowsInScope = 0;      // rows the scope covers, changed or not
    int skippedNewRows = 0;      // inserted rows an expression cannot see
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// Evaluates the edit against every row in scope, all of them, not just those fetched:
// MatchingRows runs one SELECT with the grid's filter. Expressions see the saved values;
// the result replaces any pending value of the cell.
BulkEditPlan planBulkEdit(const TableModel &model, const ChangeSet &changes, const BulkEdit &edit);

} // namespace Tabula
