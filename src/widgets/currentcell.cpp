#include "currentcell.h"

#include "tabledocument.h"
#include "tablegrid.h"

#include <QTableView>

namespace Tabula {

CurrentCell::CurrentCell(TableGrid *grid, QObject *parent) : QObject(parent), m_grid(grid)
{
    connect(grid, &TableGrid::documentChanged, this, &CurrentCell::watchDocument);
    watchDocument();
}

TableDocument *CurrentCell::document() const
{
    return m_grid->document();
}

TableModel *CurrentCell::model() const
{
    return document() ? document()->model() : nullptr;
}

QModelIndex CurrentCell::index() const
{
    return model() ? m_grid->view()->currentIndex() : QModelIndex();
}

void CurrentCell::goToRow(int row)
{
    TableModel *m = model();
    if (!m || row < 0 || row >= m->rowCount())
        return;
    const QModelIndex current = index();
    m_grid->view()->setCurrentIndex(m->index(row, current.isValid() ? current.column() : 0));
}

void CurrentCell::watchDocument()
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model();
    if (m_model) {
        // The view makes a new selection model with each model it is given.
        m_connections << connect(m_grid->view()->selectionModel(),
                                 &QItemSelectionModel::currentChanged, this, &CurrentCell::changed)
                      << connect(m_model, &QAbstractItemModel::modelReset, this,
                                 &CurrentCell::changed)
                      << connect(m_model, &QAbstractItemModel::dataChanged, this,
                                 &CurrentCell::onDataChanged);
    }
    emit documentChanged();
    emit changed();
}

void CurrentCell::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const int row = index().row();
    if (row >= topLeft.row() && row <= bottomRight.row())
        emit changed();
}

} // namespace Tabula
