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

    // The selection command for a jump to the first or last row made outside a key press
    // (the last row once the rows are counted): what the key asked for, or nothing.
    static QItemSelectionModel::SelectionFlags documentJump(const QKeyEvent *key);

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override;
};

} // namespace Tabula
