#include "gridview.h"

#include <QKeyEvent>

namespace Tabula {

QItemSelectionModel::SelectionFlags GridView::documentJump(const QKeyEvent *key)
{
    if (key->matches(QKeySequence::MoveToStartOfDocument) ||
        key->matches(QKeySequence::MoveToEndOfDocument))
        return QItemSelectionModel::ClearAndSelect;
    if (key->matches(QKeySequence::SelectStartOfDocument) ||
        key->matches(QKeySequence::SelectEndOfDocument))
        return QItemSelectionModel::SelectCurrent;
    return QItemSelectionModel::NoUpdate;
}

QItemSelectionModel::SelectionFlags GridView::selectionCommand(const QModelIndex &index,
                                                               const QEvent *event) const
{
    if (event && event->type() == QEvent::KeyPress &&
        selectionMode() == QAbstractItemView::ExtendedSelection) {
        const QItemSelectionModel::SelectionFlags jump =
            documentJump(static_cast<const QKeyEvent *>(event));
        if (jump != QItemSelectionModel::NoUpdate)
            return jump;
    }
    return QTableView::selectionCommand(index, event);
}

} // namespace Tabula
