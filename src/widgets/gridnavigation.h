#pragma once

#include <QItemSelectionModel>
#include <QObject>
#include <QString>

class QTableView;

namespace Tabula {

class TableDocument;

// Keys of the grid beyond what QTableView does itself: Enter edits the current cell (F2 does
// already), and Go to Row finds a row by its position or by its key.
class GridNavigation : public QObject
{
    Q_OBJECT
public:
    explicit GridNavigation(QTableView *view, QObject *parent = nullptr);
    void setDocument(TableDocument *document) { m_document = document; }

    // `text` is a row number as the row header shows it, or `=value` for the row whose key
    // is that value. Makes that row current, in the current column; false and a reason if
    // there is no such row.
    bool goToRow(const QString &text, QString *error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Ctrl+End while the rows are still being counted: the last row once they are, selected
    // as the key asked (`command`: the cell alone, or the selection grown to it).
    void goToEndWhenCounted(QItemSelectionModel::SelectionFlags command);
    void selectLast(const QModelIndex &last, QItemSelectionModel::SelectionFlags command);
    int rowAt(int position, QString *error);
    int rowWithKey(const QString &text, QString *error);

    QTableView *m_view;
    TableDocument *m_document = nullptr;
    QMetaObject::Connection m_toEnd;
};

} // namespace Tabula
