#pragma once

#include "savejob.h"

#include <QModelIndexList>
#include <QTimer>
#include <QWidget>
#include <memory>

class QTableView;

namespace Ui {
class TableGrid;
}

namespace Tabula {

class FilterHeader;
class TableDocument;
class CellDelegate;

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

    // Applies typed filters now instead of after the typing pause.
    void applyFilters();
    void clearFilters();
    // Save, or re-read, keeping the current cell, the selection and the scroll position.
    SaveResult save();
    void refresh();
    void showRow(const RowKey &key, int column = -1);

signals:
    void statusMessage(const QString &message);
    void rowCountsChanged();

private:
    struct ViewState;
    ViewState captureState() const;
    void restoreState(const ViewState &state);
    void showFilterError(int column, const QString &error);

    std::unique_ptr<Ui::TableGrid> m_ui;
    FilterHeader *m_header;
    CellDelegate *m_delegate;
    TableDocument *m_document = nullptr;
    QTimer m_filterTimer;
};

} // namespace Tabula
