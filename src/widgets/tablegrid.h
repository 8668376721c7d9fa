#pragma once

#include "savejob.h"

#include <QModelIndexList>
#include <QTimer>
#include <QWidget>
#include <memory>

class QMenu;
class QTableView;

namespace Ui {
class TableGrid;
}

namespace Tabula {

class FilterExpression;
class FilterHeader;
class TableDocument;
class CellDelegate;
class GridClipboard;
class GridNavigation;

// The grid of one table: the filter inputs, the raw WHERE field and the view. It presents
// a TableDocument and forwards what the user does to it.
class TableGrid : public QWidget
{
    Q_OBJECT
public:
    explicit TableGrid(QWidget *parent = nullptr);
    ~TableGrid() override;

    void setDocument(TableDocument *document);
    TableDocument *document() const { return m_document; }
    QTableView *view() const;
    FilterHeader *filterHeader() const { return m_header; }

    QModelIndexList selectedCells() const;
    QList<int> selectedRows() const; // rows with any selected cell, ascending
    QString filterError() const;
    // The banner above the grid says why the table is read-only, or is hidden.
    void showReadOnlyReason();

    // Applies typed filters now instead of after the typing pause.
    void applyFilters();
    void clearFilters();
    // Puts `filter` in the filter inputs and the WHERE field, as if typed, and applies it.
    void showFilter(const FilterExpression &filter);
    // Save, or re-read, keeping the current cell, the selection and the scroll position.
    SaveResult save();
    void refresh();
    void showRow(const RowKey &key, int column = -1);
    int currentColumn() const; // 0 when there is no current cell
    // The column the user is on: the filter input with the focus, else the current cell.
    int activeColumn() const;

    // Editing the selection, each one undo step of the document.
    void setSelectionNull();
    void insertRow();
    void deleteSelectedRows();
    // Puts the cursor in a column's filter input (the current column's by default).
    void focusFilter(int column = -1);
    // Applies the filters and puts the focus on the first row, in that column.
    void focusFirstRow(int column);
    // From the grid to the current column's filter, and from a filter back to the grid.
    void toggleFilterFocus();
    // A row number as the row header shows it, or =key; false and why if there is none.
    bool goToRow(const QString &text, QString *error);

    // Pastes the clipboard at the current cell, asking before adding rows; a value that does
    // not fit is named in a message and nothing changes.
    void paste();
    // Copy, Copy with Column Names, Paste, Fill Down, Empty Cells Paste as NULL: the view's
    // own actions, in this order, for the window's Edit menu too.
    QList<QAction *> clipboardActions() const { return m_clipboardActions; }
    QMenu *copyAsMenu() const { return m_copyAsMenu; }
    // The header's context menu offers this action for the column clicked.
    void setBulkEditAction(QAction *action) { m_bulkEditAction = action; }
    // Sorting by a column no index covers, over at least this many rows, says it may be slow.
    void setSlowSortRows(qint64 rows) { m_slowSortRows = rows; }

signals:
    void statusMessage(const QString &message);
    void rowCountsChanged();
    void bulkEditRequested(int column);
    void documentChanged(); // after setDocument(), with the new model in the view

private:
    struct ViewState;
    ViewState captureState() const;
    void restoreState(const ViewState &state);
    void showFilterError(int column, const QString &error);
    void showHeaderMenu(const QPoint &pos);
    void keepCurrentColumn(const RowKey &key, int column);
    void addClipboardActions();
    QAction *addViewAction(const char *name, const QString &text, const QKeySequence &keys);

    std::unique_ptr<Ui::TableGrid> m_ui;
    FilterHeader *m_header;
    CellDelegate *m_delegate;
    TableDocument *m_document = nullptr;
    QTimer m_filterTimer;
    QAction *m_bulkEditAction = nullptr;
    GridClipboard *m_clipboard;
    GridNavigation *m_navigation;
    QList<QAction *> m_clipboardActions;
    QMenu *m_copyAsMenu = nullptr;
    qint64 m_slowSortRows = 100000;
};

} // namespace Tabula
