#pragma once

#include <QList>
#include <QModelIndexList>
#include <QObject>
#include <QStringList>
#include <QVariant>

class QTableView;

namespace Tabula {

class TableDocument;

// Copy and paste of cell blocks, as in a spreadsheet. Copy writes the selection as TSV (or
// CSV, SQL INSERT statements, a Markdown table); paste reads TSV or CSV into the block at the
// current cell as pending edits, typed and checked per column, all in one undo step.
class GridClipboard : public QObject
{
    Q_OBJECT
public:
    enum class Format
    {
        Tsv,
        Csv,
        SqlInsert,
        Markdown
    };
    Q_ENUM(Format)

    GridClipboard(QTableView *view, QObject *parent = nullptr);
    void setDocument(TableDocument *document) { m_document = document; }

    // The selected block (the rectangle the selected cells span) in `format`.
    QString selectionText(Format format, bool withHeader) const;
    void copy(Format format, bool withHeader) const;

    // Empty cells of a paste become NULL when set; otherwise they leave the cell as it is.
    void setEmptyPastesNull(bool on) { m_emptyIsNull = on; }
    bool emptyPastesNull() const { return m_emptyIsNull; }

    // Pastes `rows` at the current cell. More rows than the grid has are added as new rows
    // when `addRows` is set; otherwise `*extraRows` says how many are missing and nothing
    // changes. A value that does not fit its column changes nothing and is named in `error`.
    bool paste(const QList<QStringList> &rows, bool addRows, int *extraRows, QString *error);
    // Fills each selected column with the value of its topmost selected cell, one undo step.
    bool fillDown();

    // The clipboard's text as rows of cells: CSV when it says so, else tab-separated. Cells
    // Tabula copied as NULL are null strings; empty cells are empty, not null.
    static QList<QStringList> clipboardRows();
    static QList<QStringList> parse(const QString &text, QChar separator);

private:
    struct PastedCell
    {
        int row;
        int column;
        QVariant value;
    };
    struct Block
    {
        QList<int> rows;
        QList<int> columns;
    };
    Block selectedBlock() const;
    QStringList cellTexts(int row, const QList<int> &columns, Format format) const;
    QModelIndex pasteStart() const;
    QString nullCells(int firstRow) const;
    QString cellName(int row, int column) const; // as the user sees it: "row 3, email"
    bool typeCells(const QList<QStringList> &rows, const QModelIndex &start,
                   QList<PastedCell> *cells, QString *error) const;

    QTableView *m_view;
    TableDocument *m_document = nullptr;
    bool m_emptyIsNull = false;
};

} // namespace Tabula
