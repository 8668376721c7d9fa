#include "celldelegate.h"

#include "database.h"
#include "foreignkeyeditor.h"
#include "tablemodel.h"
#include "valuetext.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>

namespace Tabula {

namespace {

const char *const kInitialText = "tabulaInitialText";

const QColor kEditedColor(255, 236, 160);
const QColor kInsertedColor(205, 240, 205);
const QColor kDeletedColor(245, 200, 200);
const QColor kFailedColor(255, 150, 150);
const QColor kPlaceholderText(130, 130, 130); // NULL, defaults, binary values

QColor stateColor(const QModelIndex &index)
{
    switch (index.data(TableModel::FailedRole).toInt()) {
    case TableModel::FailedCell:
        return kFailedColor;
    case TableModel::FailedRowCell:
        return kFailedColor.lighter(115);
    default:
        break;
    }
    switch (index.data(TableModel::RowStateRole).toInt()) {
    case TableModel::Inserted:
        return kInsertedColor;
    case TableModel::Deleted:
        return kDeletedColor;
    default:
        return index.data(TableModel::IsPendingRole).toBool() ? kEditedColor : QColor();
    }
}

const ColumnInfo *columnFor(const QModelIndex &index)
{
    const auto *model = qobject_cast<const TableModel *>(index.model());
    if (!model || index.column() >= model->schema().columns.size())
        return nullptr;
    return &model->schema().columns.at(index.column());
}

QString editorText(QWidget *editor)
{
    if (auto *reference = qobject_cast<ForeignKeyEditor *>(editor))
        return reference->text();
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text();
    if (auto *box = qobject_cast<QComboBox *>(editor))
        return box->currentText();
    if (auto *text = qobject_cast<QPlainTextEdit *>(editor))
        return text->toPlainText();
    return {};
}

} // namespace

void CellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (const QColor color = stateColor(index); color.isValid())
        option->backgroundBrush = color;
    const bool placeholder = index.data(TableModel::IsNullRole).toBool() ||
                             index.data(TableModel::IsDefaultRole).toBool();
    if (placeholder || index.data(Qt::EditRole).typeId() == QMetaType::QByteArray)
        option->palette.setColor(QPalette::Text, kPlaceholderText);
    option->font.setItalic(placeholder);
    option->font.setStrikeOut(index.data(TableModel::RowStateRole).toInt() == TableModel::Deleted);
}

QWidget *CellDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                    const QModelIndex &index) const
{
    const ColumnInfo *column = columnFor(index);
    if (!column)
        return nullptr;
    const QVariant value = index.data(Qt::EditRole);
    if (QWidget *reference = createForeignKeyEditor(parent, index))
        return reference;
    switch (column->kind) {
    case ValueKind::Blob:
        emit inputRefused(tr("Binary values cannot be typed in; use Set NULL or import."));
        return nullptr;
    case ValueKind::Boolean:
    case ValueKind::Enum: {
        auto *box = new QComboBox(parent);
        box->setEditable(column->kind == ValueKind::Enum);
        box->addItems(column->kind == ValueKind::Boolean ? QStringList{"true", "false"}
                                                         : column->enumValues);
        return box;
    }
    case ValueKind::Integer: {
        auto *line = new QLineEdit(parent);
        line->setValidator(new QRegularExpressionValidator(QRegularExpression("[-+]?\\d*"), line));
        return line;
    }
    case ValueKind::Real:
    case ValueKind::Numeric: {
        auto *line = new QLineEdit(parent);
        line->setValidator(new QRegularExpressionValidator(
            QRegularExpression("[-+]?(\\d*\\.?\\d*([eE][-+]?\\d*)?|inf|nan)?"), line));
        return line;
    }
    default:
        break;
    }
    const QString text = editText(value);
    if (text.contains('\n') || text.size() > 200 || column->kind == ValueKind::Json) {
        auto *box = new QPlainTextEdit(parent);
        box->setTabChangesFocus(true);
        return box;
    }
    auto *line = new QLineEdit(parent);
    if (column->kind == ValueKind::Date)
        line->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    else if (column->kind == ValueKind::DateTime)
        line->setPlaceholderText(QStringLiteral("YYYY-MM-DD HH:MM:SS"));
    return line;
}

void CellDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    // Qt hands an open editor its cell's value again whenever that one cell changes (its row
    // read again after a Save, the failed-cell mark): what the user typed there stays.
    const QVariant initial = editor->property(kInitialText);
    if (initial.isValid() && editorText(editor) != initial.toString())
        return;
    const QVariant value = index.data(Qt::EditRole);
    const QString text = editText(value);
    if (auto *reference = qobject_cast<ForeignKeyEditor *>(editor)) {
        reference->setText(text);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(text);
        if (value.isNull())
            line->setPlaceholderText(QStringLiteral("NULL"));
    } else if (auto *box = qobject_cast<QComboBox *>(editor)) {
        QString shown = text;
        // SQLite hands booleans back as 0 and 1; the box offers true and false.
        const ColumnInfo *column = columnFor(index);
        if (column && column->kind == ValueKind::Boolean && !value.isNull()) {
            QString error;
            const QVariant b = valueFromText(*column, text, &error);
            if (error.isEmpty())
                shown = b.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        }
        const int i = box->findText(shown);
        if (i >= 0)
            box->setCurrentIndex(i);
        else if (box->isEditable())
            box->setEditText(shown);
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(editor)) {
        plain->setPlainText(text);
    }
    editor->setProperty(kInitialText, editorText(editor));
}

void CellDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                const QModelIndex &index) const
{
    const ColumnInfo *column = columnFor(index);
    if (!column)
        return;
    const QString text = editorText(editor);
    // Leaving an editor without changing its text changes nothing: NULL stays NULL rather than
    // becoming empty text, and a stored '2020-01-02' or 1 is not rewritten as a date or true.
    if (text == editor->property(kInitialText).toString())
        return;
    QString error;
    const QVariant value = valueFromText(*column, text, &error);
    if (!error.isEmpty()) {
        emit inputRefused(tr("%1: %2").arg(column->name, error));
        return;
    }
    model->setData(index, value, Qt::EditRole);
}

void CellDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    if (qobject_cast<QPlainTextEdit *>(editor)) {
        QRect r = option.rect;
        r.setHeight(qMax(r.height() * 5, 120));
        r.setWidth(qMax(r.width(), 320));
        editor->setGeometry(r);
        return;
    }
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
}

// A single-column foreign key gets the list of the rows it may point to; a composite one is
// edited column by column as plain values.
QWidget *CellDelegate::createForeignKeyEditor(QWidget *parent, const QModelIndex &index) const
{
    const auto *model = qobject_cast<const TableModel *>(index.model());
    const ForeignKey *key = model ? model->schema().foreignKeyAt(index.column()) : nullptr;
    if (!key || key->isComposite())
        return nullptr;
    return new ForeignKeyEditor(model->database(), *key, parent);
}

} // namespace Tabula
