#pragma once

#include <QModelIndex>
#include <QObject>
#include <QPointer>

namespace Tabula {

class TableGrid;
class TableModel;
class TableDocument;

// The grid's current cell, for the panels that show it: says when it moves, when its row's
// values change (an edit, Undo, Save) and when the table changes.
class CurrentCell : public QObject
{
    Q_OBJECT
public:
    explicit CurrentCell(TableGrid *grid, QObject *parent = nullptr);

    TableGrid *grid() const { return m_grid; }
    TableDocument *document() const;
    TableModel *model() const;
    QModelIndex index() const;
    // Makes `row` the grid's current row, in the current column.
    void goToRow(int row);

signals:
    void changed();
    void documentChanged(); // another table (or none): followed by changed()

private:
    void watchDocument();
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    TableGrid *m_grid;
    QPointer<TableModel> m_model;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace Tabula
