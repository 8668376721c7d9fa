#pragma once

#include "savejob.h"

#include <functional>

class QMessageBox;
class QWidget;

namespace Tabula {

class TableGrid;

// What the main window does after a failed Save that the user can act on.

// Save failed on a conflict (`result`): finds every conflict, lets the user choose in the
// conflicts dialog, applies the choices (one undo step) and saves again, for as long as
// conflicts come back. `result` becomes the last Save's. False when the user cancelled:
// nothing written, every edit kept.
bool resolveConflicts(QWidget *parent, TableGrid *grid, SaveResult *result);

// The status bar's words for a Save that wrote everything, or that the user cancelled
// (`goOn` false: in the conflicts dialog).
QString saveOutcome(const SaveResult &result, bool goOn);

// A failed Save's message, not modal (the grid stays usable to fix the row it names): where,
// what the database said, that nothing was written. Where the database was busy (a lock held
// past the wait), it offers Retry, which calls `retry` once the message has closed.
QMessageBox *saveErrorBox(QWidget *parent, const SaveResult &result, const TableId &table,
                          std::function<void()> retry);

} // namespace Tabula
