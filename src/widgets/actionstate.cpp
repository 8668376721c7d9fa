#include "actionstate.h"

#include "tableschema.h"

#include <QAction>

namespace Tabula {

namespace {

void enable(QAction *action, bool enabled, const QString &refusal)
{
    action->setEnabled(enabled && refusal.isEmpty());
    QString text = action->text();
    action->setToolTip(refusal.isEmpty() ? text.remove('&') : refusal);
}

} // namespace

void updateEditActions(const TableSchema *schema, bool editable, const EditActions &actions)
{
    const Refusals none;
    const Refusals &refused = schema ? schema->refusals : none;
    const bool on = schema && editable;
    enable(actions.setNull, on, refused.update);
    enable(actions.bulkEdit, on, refused.update);
    enable(actions.insertRow, on, refused.insert);
    enable(actions.deleteRows, on, refused.remove);
}

} // namespace Tabula
