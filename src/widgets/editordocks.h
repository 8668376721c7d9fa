#pragma once

class QAction;
class QMainWindow;

namespace Tabula {

class TableGrid;

// The docks that edit the grid's current cell and row: the value panel (right) and the row
// form (left), hidden until their View menu actions show them.
void addEditorDocks(QMainWindow *window, TableGrid *grid, QAction *showValuePanel,
                    QAction *showRowForm);

} // namespace Tabula
