#include "gridnavigation.h"

#include "gridview.h"
#include "tabledocument.h"
#include "valuetext.h"

#include <QKeyEvent>
#include <QTableView>

namespace Tabula {

GridNavigation::GridNavigation(QTableView *view, QObject *parent) : QObject(parent), m_view(view)
{
    view->installEventFilter(this);
}

bool GridNavigation::eventFilter(QObject *watched, QEvent *event)
{
    // QTableView only reports Enter as "activated"; in a data editor it edits, as F2 does.
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::MoveToEndOfDocument) ||
            key->matches(QKeySequence::SelectEndOfDocument))
            // QTableView goes to the last row read so far; this to the last row when counted.
            goToEndWhenCounted(GridView::documentJump(key));
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        const QModelIndex current = m_view->currentIndex();
        if (enter && key->modifiers() == Qt::NoModifier && current.isValid() &&
            !m_view->indexWidget(current)) {
            m_view->edit(m_view->currentIndex());
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void GridNavigation::goToEndWhenCounted(QItemSelectionModel::SelectionFlags command)
{
    TableModel *model = m_document ? m_document->model() : nullptr;
    if (!model || !model->isCounting())
        return;
    disconnect(m_toEnd);
    m_toEnd = connect(model, &TableModel::matchingRowCountChanged, this,
                      [this, model, command](qint64 n) {
                          if (n < 0 || !m_document || m_document->model() != model)
                              return;
                          disconnect(m_toEnd);
                          const int column = qMax(m_view->currentIndex().column(), 0);
                          selectLast(model->index(model->storedRowCount() - 1, column), command);
                      });
}

void GridNavigation::selectLast(const QModelIndex &last,
                                QItemSelectionModel::SelectionFlags command)
{
    QItemSelectionModel *selection = m_view->selectionModel();
    if (command & QItemSelectionModel::Current) {
        // Ctrl+Shift+End: the range Qt made from its anchor to the rows read so far grows to
        // the last row.
        QItemSelection grown;
        const QModelIndex current = m_view->currentIndex();
        for (const QItemSelectionRange &range : selection->selection()) {
            if (range.contains(current)) {
                grown.select(last.model()->index(range.top(), range.left()),
                             last.model()->index(last.row(), range.right()));
                break;
            }
        }
        if (grown.isEmpty())
            grown.select(last, last);
        selection->setCurrentIndex(last, QItemSelectionModel::NoUpdate);
        selection->select(grown, QItemSelectionModel::SelectCurrent);
    } else {
        selection->setCurrentIndex(last, command);
    }
    m_view->scrollTo(last);
}

int GridNavigation::rowAt(int position, QString *error)
{
    TableModel *model = m_document->model();
    // Beyond the rows read so far: every row is there once they are counted.
    if (model->rowCount() < position && model->isCounting())
        model->waitForCount();
    if (position < 1 || position > model->rowCount()) {
        *error = tr("There is no row %L1: the grid has %L2.").arg(position).arg(model->rowCount());
        return -1;
    }
    return position - 1;
}

int GridNavigation::rowWithKey(const QString &text, QString *error)
{
    const TableSchema &schema = m_document->schema();
    QVariant value;
    QString name = schema.rowIdName;
    if (schema.usesRowId()) {
        bool isNumber = false;
        value = text.toLongLong(&isNumber);
        if (!isNumber)
            *error = tr("The %1 of a row is a whole number.").arg(name);
    } else if (schema.keyColumns.size() == 1) {
        const ColumnInfo &column = schema.columns.at(schema.keyColumns.first());
        name = column.name;
        value = valueFromText(column, text, error);
    } else {
        *error = tr("Rows of %1 are not found by one key value.").arg(schema.id.displayName());
    }
    if (!error->isEmpty())
        return -1;
    TableModel *model = m_document->model();
    const RowKey key = RowKey::stored({value});
    const int row = model->locate(key);
    if (row < 0)
        *error = tr("No row with %1 = %2 matches the filter.").arg(name, text);
    return row;
}

bool GridNavigation::goToRow(const QString &input, QString *error)
{
    error->clear();
    if (!m_document)
        return false;
    const QString text = input.trimmed();
    int row = -1;
    if (text.startsWith('=')) {
        row = rowWithKey(text.mid(1).trimmed(), error);
    } else {
        bool isNumber = false;
        const int position = text.toInt(&isNumber);
        if (!isNumber)
            *error = tr("Type a row number, or = and a key value.");
        else
            row = rowAt(position, error);
    }
    if (row < 0)
        return false;
    const int column = qMax(m_view->currentIndex().column(), 0);
    const QModelIndex index = m_document->model()->index(row, column);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_view->setCurrentIndex(index);
    return true;
}

} // namespace Tabula
