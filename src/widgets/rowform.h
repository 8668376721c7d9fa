#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QScrollArea;
class QToolButton;

namespace Tabula {

class CurrentCell;
class TableGrid;

// The grid's current row as a form, one labelled field per column, for tables too wide to
// read across. A field takes what is typed when Enter is pressed or the focus leaves it,
// as one pending, undoable edit of that cell; it follows the grid's current row.
class RowForm : public QWidget
{
    Q_OBJECT
public:
    explicit RowForm(TableGrid *grid, QWidget *parent = nullptr);

    QLineEdit *field(int column) const { return m_fields.value(column); }
    int row() const { return m_row; }
    QString message() const;
    QSize sizeHint() const override { return {320, 480}; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void rebuild();
    void showRow();
    void showField(int column);
    void commitField(int column);
    void step(int delta);

    CurrentCell *m_cell;
    QLabel *m_rowLabel;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_message;
    QScrollArea *m_scroll;
    QList<QLineEdit *> m_fields;
    bool m_fieldsStale = true; // made for another table
    int m_row = -1;
};

} // namespace Tabula
