#include "rowform.h"

#include "currentcell.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "valueformat.h"
#include "valuetext.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tabula {

RowForm::RowForm(TableGrid *grid, QWidget *parent)
    : QWidget(parent), m_cell(new CurrentCell(grid, this))
{
    m_rowLabel = new QLabel(this);
    m_previous = new QToolButton(this);
    m_previous->setObjectName(QStringLiteral("previousRowButton"));
    m_previous->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    m_previous->setToolTip(tr("Previous row"));
    m_next = new QToolButton(this);
    m_next->setObjectName(QStringLiteral("nextRowButton"));
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_next->setToolTip(tr("Next row"));
    connect(m_previous, &QToolButton::clicked, this, [this] { step(-1); });
    connect(m_next, &QToolButton::clicked, this, [this] { step(1); });
    auto *top = new QHBoxLayout;
    top->addWidget(m_rowLabel, 1);
    top->addWidget(m_previous);
    top->addWidget(m_next);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    m_message->hide();
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);
    connect(m_cell, &CurrentCell::documentChanged, this, [this] { m_fieldsStale = true; });
    connect(m_cell, &CurrentCell::changed, this, &RowForm::showRow);
    showRow();
}

QString RowForm::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void RowForm::rebuild()
{
    for (QLineEdit *edit : std::as_const(m_fields))
        edit->blockSignals(true); // losing the focus as it goes must not edit the new table
    m_fields.clear();
    delete m_scroll->takeWidget(); // the fields and their labels
    auto *pane = new QWidget;
    auto *form = new QFormLayout(pane);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_scroll->setWidget(pane);
    const TableModel *model = m_cell->model();
    m_fieldsStale = false;
    if (!model)
        return;
    const QList<ColumnInfo> &columns = model->schema().columns;
    for (int c = 0; c < columns.size(); ++c) {
        auto *edit = new QLineEdit(pane);
        edit->setObjectName(QStringLiteral("field%1").arg(c));
        edit->setToolTip(columns.at(c).declaredType.toLower());
        connect(edit, &QLineEdit::editingFinished, this, [this, c] { commitField(c); });
        auto *label = new QLabel(columns.at(c).name.toHtmlEscaped(), pane);
        label->setTextFormat(Qt::RichText);
        if (columns.at(c).primaryKeyPosition > 0)
            label->setText(QStringLiteral("<u>%1</u>").arg(label->text())); // as the grid does
        label->setBuddy(edit);
        form->addRow(label, edit);
        m_fields << edit;
    }
}

void RowForm::showEvent(QShowEvent *event)
{
    showRow();
    QWidget::showEvent(event);
}

void RowForm::showRow()
{
    if (!isVisible())
        return; // shown again when the dock opens
    if (m_fieldsStale)
        rebuild();
    const TableModel *model = m_cell->model();
    const QModelIndex index = m_cell->index();
    const int row = index.isValid() ? index.row() : -1;
    if (row != m_row)
        m_message->hide();
    m_row = row;
    m_rowLabel->setText(row < 0 ? tr("No row")
                                : tr("<b>Row %L1</b> of %L2").arg(row + 1).arg(model->rowCount()));
    m_previous->setEnabled(row > 0);
    m_next->setEnabled(row >= 0 && row + 1 < model->rowCount());
    for (int c = 0; c < m_fields.size(); ++c)
        showField(c);
}

void RowForm::showField(int column)
{
    QLineEdit *edit = m_fields.at(column);
    const TableModel *model = m_cell->model();
    if (edit->isModified() && edit->hasFocus())
        return; // being typed in: another cell of the row changed
    if (m_row < 0) {
        edit->clear();
        edit->setEnabled(false);
        return;
    }
    const QModelIndex index = model->index(m_row, column);
    const QVariant value = model->currentValue(m_row, column);
    const bool binary = value.typeId() == QMetaType::QByteArray;
    edit->setEnabled(true);
    edit->setText(binary ? displayText(value) : editText(value));
    edit->setPlaceholderText(value.isNull() ? tr("NULL") : QString());
    edit->setReadOnly(binary || !model->canEdit(index));
    edit->setModified(false);
    edit->setCursorPosition(0);
    QFont font = edit->font();
    font.setItalic(binary);
    edit->setFont(font);
}

void RowForm::commitField(int column)
{
    QLineEdit *edit = m_fields.value(column);
    TableModel *model = m_cell->model();
    if (!edit || !edit->isModified() || !model || m_row < 0)
        return;
    edit->setModified(false);
    QString error;
    const ColumnInfo &info = model->schema().columns.at(column);
    const QVariant value = valueFromText(info, edit->text(), &error);
    if (error.isEmpty() && isJsonColumn(info))
        error = checkJson(edit->text()).error;
    if (!error.isEmpty()) {
        m_message->setText(tr("%1: %2").arg(info.name, error));
        m_message->show();
        edit->setModified(true); // still to be fixed
        return;
    }
    m_message->hide();
    model->setData(model->index(m_row, column), value);
}

void RowForm::step(int delta)
{
    m_cell->goToRow(m_row + delta);
}

} // namespace Tabula
