#include "foreignkeyactions.h"

#include "database.h"
#include "filterheader.h"
#include "mainwindow.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "valuetext.h"

#include <QAction>
#include <QMenu>
#include <QMouseEvent>
#include <QStatusBar>
#include <QTableView>

namespace Tabula {

namespace {
constexpr int kHistoryLimit = 50;
}

ForeignKeyActions::ForeignKeyActions(MainWindow *window) : QObject(window), m_window(window)
{
    m_goToReferenced = new QAction(tr("Go to &Referenced Row"), this);
    m_goToReferenced->setObjectName(QStringLiteral("actionGoToReferencedRow"));
    m_goToReferenced->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_goToReferenced->setToolTip(tr("Open the row this cell's foreign key points to (Ctrl+click)"));
    m_referencingRows = new QAction(tr("Rows Re&ferencing This Row…"), this);
    m_referencingRows->setObjectName(QStringLiteral("actionReferencingRows"));
    m_referencingRows->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_back = new QAction(tr("&Back"), this);
    m_back->setObjectName(QStringLiteral("actionBack"));
    m_back->setShortcut(QKeySequence::Back);
    m_back->setEnabled(false);
    connect(m_goToReferenced, &QAction::triggered, this, [this] {
        QString error;
        if (!goToReferencedRow(m_window->grid()->view()->currentIndex(), &error))
            report(error);
    });
    connect(m_referencingRows, &QAction::triggered, this, &ForeignKeyActions::offerReferencingRows);
    connect(m_back, &QAction::triggered, this, &ForeignKeyActions::back);

    const QList<QAction *> actions{m_goToReferenced, m_referencingRows, m_back};
    if (auto *menu = window->findChild<QMenu *>(QStringLiteral("menuView"))) {
        menu->addSeparator();
        menu->addActions(actions);
    }
    // The grid's context menu: its own actions (Copy, Paste…) and these.
    QTableView *view = window->grid()->view();
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    view->addAction(separator);
    view->addActions(actions);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->viewport()->installEventFilter(this);
}

bool ForeignKeyActions::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::MouseButtonPress)
        return QObject::eventFilter(watched, event);
    auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton || mouse->modifiers() != Qt::ControlModifier)
        return false;
    const TableDocument *document = m_window->document();
    const QModelIndex cell = m_window->grid()->view()->indexAt(mouse->position().toPoint());
    if (!document || !cell.isValid() || !document->schema().foreignKeyAt(cell.column()) ||
        cell.data(TableModel::IsNullRole).toBool())
        return false; // an ordinary Ctrl+click: adds the cell to the selection
    // The cell clicked is where Back returns to.
    m_window->grid()->view()->selectionModel()->setCurrentIndex(
        cell, QItemSelectionModel::ClearAndSelect);
    QString error;
    if (!goToReferencedRow(cell, &error))
        report(error);
    return true;
}

ForeignKeyActions::Place ForeignKeyActions::here() const
{
    Place place;
    const TableDocument *document = m_window->document();
    place.location = m_window->database()->spec().displayUrl();
    place.table = document->schema().id.displayName();
    place.filter = document->filter();
    const QModelIndex current = m_window->grid()->view()->currentIndex();
    if (current.isValid()) {
        place.key = document->model()->keyForRow(current.row());
        place.column = current.column();
    }
    return place;
}

QVariantList ForeignKeyActions::currentValues(int row, const QStringList &columns,
                                              QString *error) const
{
    const TableModel *model = m_window->document()->model();
    QVariantList values;
    for (const QString &name : columns) {
        const QVariant value = model->currentValue(row, model->schema().columnIndex(name));
        if (value.isNull()) {
            *error = tr("%1 is NULL here: there is no row to go to.").arg(name);
            return {};
        }
        values << value;
    }
    return values;
}

bool ForeignKeyActions::goToReferencedRow(const QModelIndex &cell, QString *error)
{
    const TableDocument *document = m_window->document();
    if (!document || !cell.isValid()) {
        *error = tr("Choose a cell first.");
        return false;
    }
    const TableSchema &schema = document->schema();
    const ForeignKey *key = schema.foreignKeyAt(cell.column());
    if (!key) {
        *error =
            tr("%1 does not reference another table.").arg(schema.columns.at(cell.column()).name);
        return false;
    }
    const ForeignKey target = *key; // the schema goes when another table opens
    const QVariantList values = currentValues(cell.row(), target.columns, error);
    if (values.isEmpty())
        return false;
    return openFiltered(target.referencedTable, target.referencedColumns, values, error);
}

QList<ForeignKey> ForeignKeyActions::referencingKeys() const
{
    if (!m_window->document())
        return {};
    return m_window->database()->referencingKeys(m_window->document()->schema().id);
}

bool ForeignKeyActions::showReferencingRows(const ForeignKey &key, QString *error)
{
    const QModelIndex current = m_window->grid()->view()->currentIndex();
    if (!m_window->document() || !current.isValid()) {
        *error = tr("Choose a row first.");
        return false;
    }
    const QVariantList values = currentValues(current.row(), key.referencedColumns, error);
    if (values.isEmpty())
        return false;
    return openFiltered(key.table, key.columns, values, error);
}

// Opens `table` (asking about pending changes, as the table list does) filtered on
// `columns` = `values`, and remembers where the user was for Back.
bool ForeignKeyActions::openFiltered(const TableId &table, const QStringList &columns,
                                     const QVariantList &values, QString *error)
{
    commitOpenEditor();
    const Place from = here();
    error->clear();
    if (!m_window->openTable(table.displayName()))
        return false; // the user kept the pending changes, or the table is gone
    const TableSchema &schema = m_window->document()->schema();
    FilterExpression filter;
    for (int i = 0; i < columns.size(); ++i)
        filter.setColumnFilter(schema.columnIndex(columns.at(i)),
                               QStringLiteral("=") + editText(values.at(i)));
    TableGrid *grid = m_window->grid();
    grid->showFilter(filter);
    TableModel *model = m_window->document()->model();
    if (model->rowCount() > 0)
        grid->view()->setCurrentIndex(
            model->index(0, qMax(schema.columnIndex(columns.value(0)), 0)));
    grid->view()->setFocus(Qt::ShortcutFocusReason);
    m_history.append(from);
    if (m_history.size() > kHistoryLimit)
        m_history.removeFirst();
    updateBack();
    if (model->rowCount() == 0)
        *error = tr("No row of %1 matches.").arg(table.displayName());
    return model->rowCount() > 0;
}

bool ForeignKeyActions::back()
{
    // Places in another database than the open one lead nowhere now.
    const QString location =
        m_window->database() ? m_window->database()->spec().displayUrl() : QString();
    while (!m_history.isEmpty() && m_history.last().location != location)
        m_history.removeLast();
    if (m_history.isEmpty()) {
        updateBack();
        return false;
    }
    const Place place = m_history.last();
    commitOpenEditor();
    if (!m_window->openTable(place.table))
        return false;
    m_history.removeLast();
    updateBack();
    TableGrid *grid = m_window->grid();
    grid->showFilter(place.filter);
    if (place.key.isValid())
        grid->showRow(place.key, place.column);
    grid->view()->setFocus(Qt::ShortcutFocusReason);
    return true;
}

void ForeignKeyActions::offerReferencingRows()
{
    const QList<ForeignKey> keys = referencingKeys();
    if (keys.isEmpty()) {
        report(
            m_window->document()
                ? tr("No table references %1.").arg(m_window->document()->schema().id.displayName())
                : QString());
        return;
    }
    QMenu menu(m_window);
    menu.setObjectName(QStringLiteral("referencingRowsMenu"));
    for (const ForeignKey &key : keys) {
        menu.addAction(tr("%1 (%2)").arg(key.table.displayName(), key.columns.join(", ")), this,
                       [this, key] {
                           QString error;
                           if (!showReferencingRows(key, &error))
                               report(error);
                       });
    }
    QTableView *view = m_window->grid()->view();
    const QRect cell = view->visualRect(view->currentIndex());
    menu.exec(view->viewport()->mapToGlobal(cell.isValid() ? cell.bottomLeft() : QPoint()));
}

// A cell being edited holds a value the user expects to keep: taking the focus from its editor
// makes it a pending edit, which the question about pending changes then counts.
void ForeignKeyActions::commitOpenEditor()
{
    m_window->grid()->view()->setFocus();
}

void ForeignKeyActions::report(const QString &error)
{
    if (!error.isEmpty())
        m_window->statusBar()->showMessage(error, 8000);
}

void ForeignKeyActions::updateBack()
{
    m_back->setEnabled(!m_history.isEmpty());
}

} // namespace Tabula
