#pragma once

#include <QString>

class QWidget;

namespace Tabula {

class TableDocument;

// Where journals of unsaved changes live: the user's data folder.
QString journalFolder();

// Offers to bring back what a journal left by a crash holds for the document's table, then
// keeps the document's journal from now on. A damaged or foreign journal is refused with
// its reason and moved aside (never applied in part, never deleted unasked).
void resumeJournal(QWidget *parent, TableDocument *document);

} // namespace Tabula
