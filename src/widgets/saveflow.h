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

// A failed Save's message: where the database was busy (a lock held past the wait), adds
// Retry, which calls `retry` once the message has closed.
void offerRetry(QMessageBox *box, const SaveResult &result, std::function<void()> retry);

} // namespace Tabula
