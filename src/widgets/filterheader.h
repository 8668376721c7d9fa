#pragma once

#include <QHeaderView>
#include <QList>

class QLineEdit;
class QTableView;

namespace Tabula {

// A horizontal header with a filter input under each column's title.
class FilterHeader : public QHeaderView
{
    Q_OBJECT
public:
    explicit FilterHeader(QTableView *parent);

    void setColumnCount(int count);
    QLineEdit *editor(int column) const { return m_editors.value(column); }
    QString filterText(int column) const;
    void setFilterText(int column, const QString &text);
    void clearFilters();
    // Marks a column's input as holding a filter that was refused.
    void setInvalid(int column, bool invalid);
    // The column whose filter input has the keyboard focus, or -1.
    int focusedColumn() const;

    QSize sizeHint() const override;

signals:
    void filterEdited(int column, const QString &text);
    // Enter or Down in a filter input: the user wants to go to the rows.
    void leaveRequested(int column);

protected:
    void updateGeometries() override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void positionEditors();
    int editorHeight() const;
    bool handleKey(int column, int key);
    void fitToText(int column);

    QList<QLineEdit *> m_editors;
};

} // namespace Tabula
