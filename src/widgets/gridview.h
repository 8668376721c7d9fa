#pragma once

#include <QTableView>

namespace Tabula {

// The grid's table view. Ctrl+Home and Ctrl+End select the cell they land on, as in a
// spreadsheet, and Ctrl+Shift+Home / Ctrl+Shift+End extend the selection to it: Qt takes
// Ctrl as "move without selecting" there, which left the old selection for Copy to copy.
class GridView : public QTableView
{
    Q_OBJECT
public:
    using QTableView::QTableView;

    // The selection command a key asks for when it jumps to the first or last cell
    // (ClearAndSelect, or SelectCurrent with Shift), or NoUpdate for any other key. Also
    // used when the jump ends later, at the real last row once the rows are counted.
    static QItemSelectionModel::SelectionFlags documentJump(const QKeyEvent *key);

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override;
};

} // namespace Tabula
