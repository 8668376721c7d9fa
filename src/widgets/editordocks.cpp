#include "editordocks.h"

#include "rowform.h"
#include "valuepanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>

namespace Tabula {

namespace {

void addDock(QMainWindow *window, QWidget *content, const QString &name, Qt::DockWidgetArea area,
             QAction *show)
{
    auto *dock = new QDockWidget(show->text().remove('&'), window);
    dock->setObjectName(name); // saveState() and restoreState() know docks by name
    dock->setWidget(content);
    window->addDockWidget(area, dock);
    dock->hide();
    show->setCheckable(true);
    QObject::connect(show, &QAction::triggered, dock, [dock](bool on) {
        dock->setVisible(on);
        if (on)
            dock->raise(); // when tabbed with another dock
    });
    QObject::connect(dock->toggleViewAction(), &QAction::toggled, show, &QAction::setChecked);
}

} // namespace

void addEditorDocks(QMainWindow *window, TableGrid *grid, QAction *showValuePanel,
                    QAction *showRowForm)
{
    addDock(window, new ValuePanel(grid), QStringLiteral("valueDock"), Qt::RightDockWidgetArea,
            showValuePanel);
    addDock(window, new RowForm(grid), QStringLiteral("rowFormDock"), Qt::LeftDockWidgetArea,
            showRowForm);
}

} // namespace Tabula
