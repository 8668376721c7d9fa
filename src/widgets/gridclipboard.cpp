#include "gridclipboard.h"

#include "database.h"
#include "tabledocument.h"
#include "valuetext.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMap>
#include <QMimeData>
#include <QTableView>
#include <QUndoStack>

namespace Tabula {

namespace {

// Spreadsheets quote a cell holding the separator, a line break or a quote, doubling quotes.
QString quoted(const QString &text, QChar separator)
{
    if (!text.contains(separator) && !text.contains('\n') && !text.contains('\r') &&
        !text.contains('"'))
        return text;
    QString doubled = text;
    doubled.replace('"', QStringLiteral("\"\""));
    return '"' + doubled + '"';
}

QString markdownCell(QString text)
{
    text.replace('|', QStringLiteral("\\|"));
    text.replace('\n', QStringLiteral("<br>"));
    return text;
}

// A value as an SQL literal, for INSERT statements copied as text (never run by Tabula).
QString sqlLiteral(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return value.toString();
    case QMetaType::QByteArray:
        return QStringLiteral("X'%1'").arg(QString::fromLatin1(value.toByteArray().toHex()));
    default: {
        QString text = editText(value);
        text.replace('\'', QStringLiteral("''"));
        return '\'' + text + '\'';
    }
    }
}

// Tabula's own note beside the text it copies: which cells were NULL ("row<TAB>column" lines,
// counted in the text's rows), since the text shows NULL and empty text alike.
const QString kNullsMime = QStringLiteral("application/x-tabula-nulls");

QString joinLine(const QStringList &cells, GridClipboard::Format format)
{
    switch (format) {
    case GridClipboard::Format::Csv:
        return cells.join(',');
    case GridClipboard::Format::Markdown:
        return QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    default:
        return cells.join('\t');
    }
}

} // namespace

GridClipboard::GridClipboard(QTableView *view, QObject *parent) : QObject(parent), m_view(view) {}

GridClipboard::Block GridClipboard::selectedBlock() const
{
    Block block;
    QModelIndexList cells =
        m_view->selectionModel() ? m_view->selectionModel()->selectedIndexes() : QModelIndexList();
    if (cells.isEmpty() && m_view->currentIndex().isValid())
        cells << m_view->currentIndex();
    for (const QModelIndex &index : std::as_const(cells)) {
        block.rows << index.row();
        block.columns << index.column();
    }
    for (QList<int> *list : {&block.rows, &block.columns}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    return block;
}

QStringList GridClipboard::cellTexts(int row, const QList<int> &columns, Format format) const
{
    const TableModel *model = m_document->model();
    QStringList cells;
    for (int column : columns) {
        const QVariant value = model->currentValue(row, column);
        switch (format) {
        case Format::SqlInsert:
            cells << sqlLiteral(value);
            break;
        case Format::Markdown:
            cells << markdownCell(value.isNull() ? QStringLiteral("NULL") : editText(value));
            break;
        case Format::Csv:
            cells << quoted(value.isNull() ? QString() : editText(value), ',');
            break;
        case Format::Tsv:
            cells << quoted(value.isNull() ? QString() : editText(value), '\t');
            break;
        }
    }
    return cells;
}

QString GridClipboard::selectionText(Format format, bool withHeader) const
{
    if (!m_document)
        return {};
    const Block block = selectedBlock();
    if (block.rows.isEmpty())
        return {};
    const TableSchema &schema = m_document->schema();
    const Dialect &dialect = m_document->database().dialect();
    QStringList names;
    for (int column : block.columns)
        names << (format == Format::SqlInsert
                      ? dialect.quoteIdentifier(schema.columns.at(column).name)
                      : schema.columns.at(column).name);
    QStringList lines;
    if (format == Format::Markdown) { // a Markdown table always has its header
        lines << joinLine(names, format);
        lines << joinLine(QStringList(names.size(), QStringLiteral("---")), format);
    } else if (withHeader && format != Format::SqlInsert) {
        lines << joinLine(names, format);
    }
    for (int row : block.rows) {
        const QStringList cells = cellTexts(row, block.columns, format);
        if (format == Format::SqlInsert)
            lines << QStringLiteral("INSERT INTO %1 (%2) VALUES (%3);")
                         .arg(dialect.qualifiedName(schema.id), names.join(QStringLiteral(", ")),
                              cells.join(QStringLiteral(", ")));
        else
            lines << joinLine(cells, format);
    }
    return lines.join('\n') + '\n';
}

void GridClipboard::copy(Format format, bool withHeader) const
{
    const QString text = selectionText(format, withHeader);
    if (text.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setText(text);
    if (format == Format::Csv)
        mime->setData(QStringLiteral("text/csv"), text.toUtf8());
    if (format == Format::Tsv || format == Format::Csv)
        mime->setData(kNullsMime, nullCells(withHeader ? 1 : 0).toUtf8());
    QGuiApplication::clipboard()->setMimeData(mime);
}

QString GridClipboard::nullCells(int firstRow) const
{
    const Block block = selectedBlock();
    QStringList cells;
    for (int i = 0; i < block.rows.size(); ++i) {
        for (int j = 0; j < block.columns.size(); ++j) {
            if (m_document->model()->currentValue(block.rows.at(i), block.columns.at(j)).isNull())
                cells << QStringLiteral("%1\t%2").arg(firstRow + i).arg(j);
        }
    }
    return cells.join('\n');
}

QList<QStringList> GridClipboard::clipboardRows()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime)
        return {};
    QList<QStringList> rows =
        mime->hasFormat(QStringLiteral("text/csv"))
            ? parse(QString::fromUtf8(mime->data(QStringLiteral("text/csv"))), ',')
            : parse(mime->text(), '\t');
    // Cells Tabula copied as NULL paste as NULL (a null QString), not as empty cells.
    const QStringList nulls =
        QString::fromUtf8(mime->data(kNullsMime)).split('\n', Qt::SkipEmptyParts);
    for (const QString &cell : nulls) {
        const int row = cell.section('\t', 0, 0).toInt();
        const int column = cell.section('\t', 1, 1).toInt();
        if (row < rows.size() && column < rows.at(row).size())
            rows[row][column] = QString();
    }
    return rows;
}

QList<QStringList> GridClipboard::parse(const QString &text, QChar separator)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool inQuotes = false;
    bool fresh = true; // nothing read of this cell yet: a quote here opens a quoted cell
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (inQuotes) {
            if (ch == '"' && i + 1 < text.size() && text.at(i + 1) == '"')
                cell += text.at(++i);
            else if (ch == '"')
                inQuotes = false;
            else
                cell += ch;
        } else if (ch == '"' && fresh) {
            inQuotes = true;
            fresh = false;
        } else if (ch == separator || ch == '\n') {
            row << (cell.isNull() ? QString(QLatin1String("")) : cell);
            cell = QString();
            fresh = true;
            if (ch == '\n') {
                rows << row;
                row.clear();
            }
        } else if (ch != '\r') {
            cell += ch;
            fresh = false;
        }
    }
    if (!fresh || !row.isEmpty()) {
        row << (cell.isNull() ? QString(QLatin1String("")) : cell);
        rows << row;
    }
    return rows;
}

QModelIndex GridClipboard::pasteStart() const
{
    const Block block = selectedBlock();
    if (block.rows.isEmpty())
        return m_document->model()->index(0, 0);
    return m_document->model()->index(block.rows.first(), block.columns.first());
}

QString GridClipboard::cellName(int row, int column) const
{
    const TableModel *model = m_document->model();
    const QString rowName = row < model->rowCount()
                                ? model->headerData(row, Qt::Vertical).toString()
                                : tr("new row %1").arg(row - model->rowCount() + 1);
    return tr("row %1, %2").arg(rowName, m_document->schema().columns.at(column).name);
}

// Every pasted value typed for its column, or the first that does not fit, named.
bool GridClipboard::typeCells(const QList<QStringList> &rows, const QModelIndex &start,
                              QList<PastedCell> *cells, QString *error) const
{
    const TableModel *model = m_document->model();
    const TableSchema &schema = m_document->schema();
    for (int i = 0; i < rows.size(); ++i) {
        for (int j = 0; j < rows.at(i).size(); ++j) {
            const QString &text = rows.at(i).at(j);
            // An empty cell leaves the cell as it is, unless NULL was chosen; a cell Tabula
            // copied as NULL (a null string) is NULL.
            if (text.isEmpty() && !text.isNull() && !m_emptyIsNull)
                continue;
            const int row = start.row() + i;
            const int column = start.column() + j;
            const ColumnInfo &info = schema.columns.at(column);
            const bool editable =
                row < model->rowCount() ? model->canEdit(model->index(row, column)) : info.writable;
            if (!editable) {
                *error = tr("Nothing was pasted: %1 cannot be edited.").arg(cellName(row, column));
                return false;
            }
            QString why;
            const QVariant value = text.isEmpty() ? QVariant() : valueFromText(info, text, &why);
            if (!why.isEmpty()) {
                *error = tr("Nothing was pasted: %1 does not take '%2': %3")
                             .arg(cellName(row, column), text, why);
                return false;
            }
            cells->append({row, column, value});
        }
    }
    return true;
}

bool GridClipboard::paste(const QList<QStringList> &rows, bool addRows, int *extraRows,
                          QString *error)
{
    *extraRows = 0;
    if (!m_document || rows.isEmpty() || !m_document->schema().isEditable())
        return false;
    TableModel *model = m_document->model();
    const QModelIndex start = pasteStart();
    int width = 0;
    for (const QStringList &row : rows)
        width = qMax(width, int(row.size()));
    if (start.column() + width > model->columnCount()) {
        *error = tr("Nothing was pasted: the block is %1 columns wide, and from %2 on there are "
                    "only %3.")
                     .arg(width)
                     .arg(m_document->schema().columns.at(start.column()).name)
                     .arg(model->columnCount() - start.column());
        return false;
    }
    // Rows past the end may only be not fetched yet.
    const int needed = start.row() + int(rows.size());
    while (model->rowCount() < needed && model->canFetchMore())
        model->fetchMore();
    const int missing = needed - model->rowCount();
    QList<PastedCell> cells;
    if (!typeCells(rows, start, &cells, error))
        return false;
    if (missing > 0 && !addRows) {
        *extraRows = missing;
        return false;
    }
    QUndoStack *stack = m_document->undoStack();
    const QString text =
        tr("Paste %L1 cells at %2").arg(cells.size()).arg(cellName(start.row(), start.column()));
    if (missing > 0)
        stack->beginMacro(text);
    for (int i = 0; i < missing; ++i)
        m_document->insertRow(); // new rows come at the end, right where the block goes on
    QList<QPair<QModelIndex, QVariant>> values;
    for (const PastedCell &cell : std::as_const(cells))
        values.append({model->index(cell.row, cell.column), cell.value});
    const bool changed = model->setCellValues(values, text);
    if (missing > 0)
        stack->endMacro();
    return changed || missing > 0;
}

bool GridClipboard::fillDown()
{
    if (!m_document || !m_view->selectionModel())
        return false;
    TableModel *model = m_document->model();
    QMap<int, QList<int>> rowsOfColumn;
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected)
        rowsOfColumn[index.column()] << index.row();
    QList<QPair<QModelIndex, QVariant>> values;
    for (auto it = rowsOfColumn.begin(); it != rowsOfColumn.end(); ++it) {
        QList<int> &rows = it.value();
        std::sort(rows.begin(), rows.end());
        const QVariant top = model->currentValue(rows.first(), it.key());
        for (int i = 1; i < rows.size(); ++i)
            values.append({model->index(rows.at(i), it.key()), top});
    }
    return model->setCellValues(values, tr("Fill down %L1 cells").arg(values.size()));
}

} // namespace Tabula
