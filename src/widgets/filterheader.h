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

    QSize sizeHint() const override;

signals:
    void filterEdited(int column, const QString &text);

protected:
    void updateGeometries() override;

private:
    void positionEditors();
    int editorHeight() const;

    QList<QLineEdit *> m_editors;
};

} // namespace Tabula
