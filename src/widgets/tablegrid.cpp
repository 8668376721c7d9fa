#include "tablegrid.h"
#include "ui_tablegrid.h"

#include "celldelegate.h"
#include "filterheader.h"
#include "gridclipboard.h"
#include "gridnavigation.h"
#include "sortcost.h"
#include "tabledocument.h"

#include <QEventLoop>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QScrollBar>
#include <QTableView>

namespace Tabula {

struct TableGrid::ViewState
{
    RowKey currentKey;
    int currentColumn = -1;
    QList<QPair<RowKey, int>> selection;
    int scrollRow = 0;
    int scrollX = 0;
};

TableGrid::TableGrid(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::TableGrid>())
{
    m_ui->setupUi(this);
    m_ui->readOnlyBanner->hide();
    m_ui->filterError->hide();
    m_header = new FilterHeader(m_ui->tableView);
    m_ui->tableView->setHorizontalHeader(m_header);
    m_header->setStretchLastSection(true); // no blank strip right of the last column
    m_ui->tableView->verticalHeader()->setDefaultSectionSize(
        m_ui->tableView->fontMetrics().height() + 8);
    m_delegate = new CellDelegate(this);
    m_ui->tableView->setItemDelegate(m_delegate);
    m_ui->tableView->setEditTriggers(QAbstractItemView::DoubleClicked |
                                     QAbstractItemView::EditKeyPressed |
                                     QAbstractItemView::AnyKeyPressed);
    connect(m_delegate, &CellDelegate::inputRefused, this, &TableGrid::statusMessage);

    // Filters apply after a short pause in typing, so the grid follows without a query per key.
    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(300);
    connect(&m_filterTimer, &QTimer::timeout, this, &TableGrid::applyFilters);
    connect(m_header, &FilterHeader::filterEdited, this, [this] { m_filterTimer.start(); });
    connect(m_header, &FilterHeader::leaveRequested, this, &TableGrid::focusFirstRow);
    connect(m_ui->whereEdit, &QLineEdit::textEdited, this, [this] { m_filterTimer.start(); });
    connect(m_ui->whereEdit, &QLineEdit::returnPressed, this, &TableGrid::applyFilters);
    connect(m_ui->clearFiltersButton, &QToolButton::clicked, this, &TableGrid::clearFilters);
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_header, &QWidget::customContextMenuRequested, this, &TableGrid::showHeaderMenu);
    connect(m_header, &QHeaderView::sortIndicatorChanged, this, [this](int column) {
        const QString hint = m_document ? sortHint(*m_document, column, m_slowSortRows) : QString();
        if (!hint.isEmpty())
            emit statusMessage(hint);
    });
    m_clipboard = new GridClipboard(m_ui->tableView, this);
    m_navigation = new GridNavigation(m_ui->tableView, this);
    addClipboardActions();
}

QAction *TableGrid::addViewAction(const char *name, const QString &text, const QKeySequence &keys)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(keys);
    // Only while the grid (not the table list or a filter input) has the focus.
    action->setShortcutContext(Qt::WidgetShortcut);
    m_ui->tableView->addAction(action);
    m_clipboardActions << action;
    return action;
}

void TableGrid::addClipboardActions()
{
    using Format = GridClipboard::Format;
    auto copy = [this](Format format, bool header) { m_clipboard->copy(format, header); };
    connect(addViewAction("actionCopy", tr("&Copy"), QKeySequence::Copy), &QAction::triggered, this,
            [copy] { copy(Format::Tsv, false); });
    connect(addViewAction("actionCopyWithHeader", tr("Copy with Column &Names"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)),
            &QAction::triggered, this, [copy] { copy(Format::Tsv, true); });
    m_copyAsMenu = new QMenu(tr("Copy &As"), this);
    const QList<QPair<QString, Format>> formats{{tr("CSV"), Format::Csv},
                                                {tr("CSV with Column Names"), Format::Csv},
                                                {tr("SQL INSERT Statements"), Format::SqlInsert},
                                                {tr("Markdown Table"), Format::Markdown}};
    for (int i = 0; i < formats.size(); ++i) {
        const bool header = i == 1;
        m_copyAsMenu->addAction(
            formats.at(i).first, this,
            [copy, format = formats.at(i).second, header] { copy(format, header); });
    }
    connect(addViewAction("actionPaste", tr("&Paste"), QKeySequence::Paste), &QAction::triggered,
            this, &TableGrid::paste);
    connect(addViewAction("actionFillDown", tr("Fill &Down"), QKeySequence(Qt::CTRL | Qt::Key_D)),
            &QAction::triggered, this, [this] { m_clipboard->fillDown(); });
    QAction *nulls = addViewAction("actionEmptyPastesNull", tr("Empty Cells Paste as NU&LL"), {});
    nulls->setCheckable(true);
    connect(nulls, &QAction::toggled, this,
            [this](bool on) { m_clipboard->setEmptyPastesNull(on); });
}

void TableGrid::paste()
{
    const QList<QStringList> rows = GridClipboard::clipboardRows();
    int extraRows = 0;
    QString error;
    if (m_clipboard->paste(rows, false, &extraRows, &error) || (error.isEmpty() && !extraRows))
        return;
    if (extraRows > 0) {
        QMessageBox ask(QMessageBox::Question, tr("Paste"),
                        tr("The pasted block goes %L1 row(s) past the last row.").arg(extraRows),
                        QMessageBox::Yes | QMessageBox::No, this);
        ask.setObjectName(QStringLiteral("pasteRowsBox"));
        ask.setInformativeText(tr("Add them as new rows?"));
        if (ask.exec() == QMessageBox::Yes)
            m_clipboard->paste(rows, true, &extraRows, &error);
    }
    if (!error.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Paste"), error, QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("pasteErrorBox"));
        box.exec();
    }
}

TableGrid::~TableGrid() = default;

QTableView *TableGrid::view() const
{
    return m_ui->tableView;
}

void TableGrid::setDocument(TableDocument *document)
{
    m_filterTimer.stop();
    m_document = document;
    m_clipboard->setDocument(document);
    m_navigation->setDocument(document);
    m_ui->filterError->hide();
    m_ui->whereEdit->clear();
    if (!document) {
        m_ui->tableView->setModel(nullptr);
        m_header->setColumnCount(0);
        m_ui->readOnlyBanner->hide();
        emit documentChanged();
        return;
    }
    TableModel *model = document->model();
    // Every page not in memory is read on the model's worker connection: no read, however
    // slow the server or far the jump, keeps the window from painting.
    model->setFarReadRows(0);
    m_ui->tableView->setModel(model);
    m_header->setColumnCount(model->columnCount());
    m_header->setSortIndicator(-1, Qt::AscendingOrder);
    showReadOnlyReason();
    connect(model, &TableModel::matchingRowCountChanged, this, &TableGrid::rowCountsChanged);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TableGrid::rowCountsChanged);
    m_ui->tableView->resizeColumnsToContents();
    for (int c = 0; c < model->columnCount(); ++c)
        m_ui->tableView->setColumnWidth(c, qBound(70, m_ui->tableView->columnWidth(c), 320));
    emit rowCountsChanged();
    emit documentChanged();
}

void TableGrid::showReadOnlyReason()
{
    const QString reason = m_document ? m_document->schema().refusalText() : QString();
    const bool readOnly = m_document && !m_document->schema().isEditable();
    m_ui->readOnlyBanner->setText(readOnly ? tr("Read-only: %1").arg(reason) : reason);
    m_ui->readOnlyBanner->setVisible(!reason.isEmpty());
}

QString TableGrid::filterError() const
{
    return m_ui->filterError->isHidden() ? QString() : m_ui->filterError->text();
}

void TableGrid::showFilterError(int column, const QString &error)
{
    for (int c = 0; c < m_header->count(); ++c)
        m_header->setInvalid(c, c == column);
    m_ui->filterError->setText(error);
    m_ui->filterError->setVisible(!error.isEmpty());
}

void TableGrid::applyFilters()
{
    m_filterTimer.stop();
    if (!m_document)
        return;
    FilterExpression filter;
    const int columns = m_document->model()->columnCount();
    for (int c = 0; c < columns; ++c) {
        const QString text = m_header->filterText(c);
        filter.setColumnFilter(c, text);
        QString error;
        FilterExpression::compileColumn(m_document->database().dialect(),
                                        m_document->schema().columns.at(c), text, &error);
        if (!error.isEmpty()) {
            showFilterError(c, tr("%1: %2").arg(m_document->schema().columns.at(c).name, error));
            return; // the grid stays as it was
        }
    }
    filter.setRawWhere(m_ui->whereEdit->text());
    if (filter == m_document->filter() && m_ui->filterError->isHidden())
        return; // nothing new: keep the rows, the selection and the scroll position
    const QModelIndex current = m_ui->tableView->currentIndex();
    const RowKey currentKey =
        current.isValid() ? m_document->model()->keyForRow(current.row()) : RowKey();
    QString error;
    if (!m_document->setFilter(filter, &error)) {
        showFilterError(-1, error);
        return;
    }
    keepCurrentColumn(currentKey, current.isValid() ? current.column() : -1);
    showFilterError(-1, QString());
    emit rowCountsChanged();
}

// Re-reading the rows resets the view's current cell; the user stays in their column (and
// row, if it still matches), so Ctrl+B and typing go where they were.
void TableGrid::keepCurrentColumn(const RowKey &key, int column)
{
    TableModel *model = m_document->model();
    if (column < 0 || model->rowCount() == 0)
        return;
    const int row = key.isValid() ? qMax(model->rowForKey(key), 0) : 0;
    m_ui->tableView->selectionModel()->setCurrentIndex(model->index(row, column),
                                                       QItemSelectionModel::NoUpdate);
}

void TableGrid::clearFilters()
{
    m_header->clearFilters();
    m_ui->whereEdit->clear();
    applyFilters();
}

void TableGrid::showFilter(const FilterExpression &filter)
{
    for (int c = 0; c < m_header->count(); ++c)
        m_header->setFilterText(c, filter.columnFilter(c));
    m_ui->whereEdit->setText(filter.rawWhere());
    applyFilters();
}

QModelIndexList TableGrid::selectedCells() const
{
    QModelIndexList cells = m_ui->tableView->selectionModel()
                                ? m_ui->tableView->selectionModel()->selectedIndexes()
                                : QModelIndexList();
    if (cells.isEmpty() && m_ui->tableView->currentIndex().isValid())
        cells << m_ui->tableView->currentIndex();
    return cells;
}

QList<int> TableGrid::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : selectedCells())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

TableGrid::ViewState TableGrid::captureState() const
{
    ViewState state;
    const TableModel *model = m_document->model();
    const QModelIndex current = m_ui->tableView->currentIndex();
    if (current.isValid()) {
        state.currentKey = model->keyForRow(current.row());
        state.currentColumn = current.column();
    }
    for (const QModelIndex &index : selectedCells())
        state.selection.append({model->keyForRow(index.row()), index.column()});
    state.scrollRow = m_ui->tableView->verticalScrollBar()->value();
    state.scrollX = m_ui->tableView->horizontalScrollBar()->value();
    return state;
}

void TableGrid::restoreState(const ViewState &state)
{
    TableModel *model = m_document->model();
    // Fetch as far as the user had scrolled, so the view can return there.
    const int needed = state.scrollRow + m_ui->tableView->height() / 10 + 1;
    while (model->storedRowCount() < needed && model->canFetchMore())
        model->fetchMore();
    m_ui->tableView->verticalScrollBar()->setValue(state.scrollRow);
    m_ui->tableView->horizontalScrollBar()->setValue(state.scrollX);
    // Rows are found by key in the windows in memory: read the ones about to be shown.
    model->prefetch(state.scrollRow, state.scrollRow + m_ui->tableView->height() / 10 + 1);
    QItemSelection selection;
    for (const auto &[key, column] : state.selection) {
        const int row = model->rowForKey(key);
        if (row >= 0)
            selection.select(model->index(row, column), model->index(row, column));
    }
    if (state.currentKey.isValid()) {
        const int row = model->locate(state.currentKey);
        if (row >= 0)
            m_ui->tableView->selectionModel()->setCurrentIndex(
                model->index(row, state.currentColumn), QItemSelectionModel::NoUpdate);
    }
    m_ui->tableView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

// Saves on a worker thread; the window goes on repainting (and Cancel can be clicked) in a
// local event loop, so that callers keep a Save that returns its result.
static SaveResult saveAndWait(TableDocument *document)
{
    SaveResult result;
    bool done = false;
    QEventLoop loop;
    QObject::connect(document, &TableDocument::saved, &loop, [&](const SaveResult &saved) {
        result = saved;
        done = true;
        loop.quit();
    });
    if (!document->startSave()) {
        result.error.message = TableGrid::tr("A Save is running already.");
        return result;
    }
    if (!done)
        loop.exec();
    return result;
}

SaveResult TableGrid::save()
{
    if (!m_document)
        return {};
    // An open editor holds a value the user expects to be saved: taking the focus from it
    // commits it.
    m_ui->tableView->setFocus();
    ViewState state = captureState();
    const QPointer<TableDocument> document = m_document;
    const SaveResult result = saveAndWait(document);
    if (m_document != document || !document)
        return result; // the table was closed meanwhile
    // A new row the user was on is found again under the key the database gave it.
    auto saved = [&result](const RowKey &key) {
        return key.isInserted() ? result.insertedKeys.value(key.insertedSerial(), key) : key;
    };
    state.currentKey = saved(state.currentKey);
    for (auto &cell : state.selection)
        cell.first = saved(cell.first);
    restoreState(state);
    if (!result.ok && result.error.key.isValid())
        showRow(result.error.key, m_document->schema().columnIndex(result.error.column));
    emit rowCountsChanged();
    return result;
}

void TableGrid::refresh()
{
    if (!m_document)
        return;
    const ViewState state = captureState();
    m_document->refresh();
    restoreState(state);
    emit rowCountsChanged();
}

int TableGrid::currentColumn() const
{
    const QModelIndex current = m_ui->tableView->currentIndex();
    return current.isValid() ? current.column() : 0;
}

int TableGrid::activeColumn() const
{
    const int filtered = m_header->focusedColumn();
    return filtered >= 0 ? filtered : currentColumn();
}

void TableGrid::setSelectionNull()
{
    if (m_document)
        m_document->setNull(selectedCells());
}

void TableGrid::insertRow()
{
    if (!m_document)
        return;
    const int row = m_document->insertRow();
    if (row < 0)
        return;
    // Current first: scrolling to the end can fetch more rows above the new one, and the
    // current index follows it where a plain index would not.
    QTableView *view = m_ui->tableView;
    view->setCurrentIndex(m_document->model()->index(row, 0));
    view->scrollTo(view->currentIndex());
    view->scrollTo(view->currentIndex());
}

void TableGrid::deleteSelectedRows()
{
    if (m_document)
        m_document->deleteRows(selectedRows());
}

void TableGrid::focusFilter(int column)
{
    if (QLineEdit *edit = m_header->editor(column < 0 ? currentColumn() : column)) {
        edit->setFocus();
        edit->selectAll();
    }
}

void TableGrid::focusFirstRow(int column)
{
    if (!m_document)
        return;
    applyFilters();
    TableModel *model = m_document->model();
    if (model->rowCount() > 0)
        m_ui->tableView->setCurrentIndex(model->index(0, qMax(column, 0)));
    m_ui->tableView->setFocus(Qt::ShortcutFocusReason);
}

void TableGrid::toggleFilterFocus()
{
    if (m_header->focusedColumn() < 0) {
        focusFilter();
        return;
    }
    applyFilters();
    m_ui->tableView->setFocus(Qt::ShortcutFocusReason);
}

bool TableGrid::goToRow(const QString &text, QString *error)
{
    const bool found = m_navigation->goToRow(text, error);
    if (found)
        m_ui->tableView->setFocus(Qt::ShortcutFocusReason);
    return found;
}

void TableGrid::showHeaderMenu(const QPoint &pos)
{
    const int column = m_header->logicalIndexAt(pos);
    if (!m_document || column < 0)
        return;
    QMenu menu(this);
    const QString name = m_document->schema().columns.at(column).name;
    QAction *bulk = menu.addAction(tr("Bulk Edit %1…").arg(name));
    bulk->setEnabled(m_bulkEditAction && m_bulkEditAction->isEnabled());
    QAction *filter = menu.addAction(tr("Filter %1").arg(name));
    QAction *chosen = menu.exec(m_header->mapToGlobal(pos));
    if (chosen == bulk)
        emit bulkEditRequested(column);
    else if (chosen == filter)
        focusFilter(column);
}

void TableGrid::showRow(const RowKey &key, int column)
{
    TableModel *model = m_document->model();
    const int row = model->locate(key);
    if (row < 0)
        return;
    const QModelIndex index = model->index(row, qMax(column, 0));
    m_ui->tableView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_ui->tableView->setCurrentIndex(index);
}

} // namespace Tabula
