#pragma once

#include <QStyledItemDelegate>

namespace Tabula {

// Editors that fit the column: numbers accept only numbers, booleans and enums offer their
// values, long or multi-line text gets a text box, a column that references another table
// lists that table's rows. Closing an editor on a NULL cell without typing leaves it NULL;
// typed text that does not fit the column is refused with the reason.
class CellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

private:
    QWidget *createForeignKeyEditor(QWidget *parent, const QModelIndex &index) const;

signals:
    void inputRefused(const QString &reason) const;

protected:
    // Colours and fonts of pending, new, deleted, failed and NULL cells, from the model's
    // state roles: presentation lives here, not in the model.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Tabula
