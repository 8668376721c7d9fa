#pragma once

class QAction;

namespace Tabula {

struct TableSchema;

// The window's edit actions, in this order.
struct EditActions
{
    QAction *setNull;
    QAction *bulkEdit;
    QAction *insertRow;
    QAction *deleteRows;
};

// Enables each edit action when the table is open, `editable` and its role may do what the
// action does; a refused action says why in its tooltip.
void updateEditActions(const TableSchema *schema, bool editable, const EditActions &actions);

} // namespace Tabula
