#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace Tabula {

// Help > Keyboard Shortcuts: the keys of every action, read from the actions themselves so
// the list cannot drift from them, then the keys of the grid and of the filter inputs.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};

} // namespace Tabula
