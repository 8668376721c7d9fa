#pragma once

#include <QWidget>

class QFrame;
class QLabel;
class QLineEdit;
class QListView;

namespace Tabula {

class Database;
class ReferencedRowsModel;
struct ForeignKey;

// The cell editor of a column that references another table: the key as text in the cell,
// and under it, in a window of its own, the referenced rows ("key — label"). (Inside the view,
// an editor taller than its cell keeps the view from drawing the cells it overlaps.) Typing
// searches the rows by key or label; Up and Down (or a click) pick one, which puts its key in the
// text; Enter writes the text, so a key typed by hand works too. Rows are read a page at a time as
// the list scrolls.
class ForeignKeyEditor : public QWidget
{
    Q_OBJECT
public:
    ForeignKeyEditor(const Database &database, const ForeignKey &key, QWidget *parent = nullptr);

    QString text() const;
    // Shows the cell's value, and its row in the list when it is among those read.
    void setText(const QString &text);
    QLineEdit *lineEdit() const { return m_edit; }
    QListView *list() const { return m_list; }
    QWidget *popup() const;
    ReferencedRowsModel *rows() const { return m_rows; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void moveEvent(QMoveEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void search(const QString &text);
    void pick(const QModelIndex &index);
    void placePopup();
    bool owns(const QWidget *widget) const;

    ReferencedRowsModel *m_rows;
    QLineEdit *m_edit;
    QFrame *m_popup;
    QListView *m_list;
    QLabel *m_status;
};

} // namespace Tabula
