#include "valuepanel.h"
#include "ui_valuepanel.h"

#include "currentcell.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "valuetext.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QImage>
#include <QPixmap>
#include <QSaveFile>

namespace Tabula {

ValuePanel::ValuePanel(TableGrid *grid, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ValuePanel>()), m_cell(new CurrentCell(grid, this))
{
    m_ui->setupUi(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->valueEdit->setFont(fixed);
    m_ui->hexView->setFont(fixed);
    m_ui->binarySplitter->setStretchFactor(0, 2); // the picture
    m_ui->binarySplitter->setStretchFactor(1, 3); // the hex dump

    m_applyAction = new QAction(tr("Apply Value to the Cell"), this);
    m_applyAction->setObjectName(QStringLiteral("actionApplyValue"));
    m_applyAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_applyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_applyAction);
    connect(m_applyAction, &QAction::triggered, this, &ValuePanel::apply);
    connect(m_ui->applyButton, &QPushButton::clicked, this, &ValuePanel::apply);
    connect(m_ui->discardButton, &QPushButton::clicked, this, [this] {
        m_ui->valueEdit->document()->setModified(false);
        showCurrent();
    });
    connect(m_ui->nullButton, &QPushButton::clicked, this, &ValuePanel::setNull);
    connect(m_ui->loadButton, &QToolButton::clicked, this, &ValuePanel::chooseLoadFile);
    connect(m_ui->saveButton, &QToolButton::clicked, this, &ValuePanel::chooseSaveFile);
    connect(m_ui->formatCombo, &QComboBox::activated, this, &ValuePanel::onFormatChosen);
    connect(m_ui->valueEdit, &QPlainTextEdit::modificationChanged, this,
            &ValuePanel::updateButtons);
    connect(m_cell, &CurrentCell::changed, this, &ValuePanel::showCurrent);
    showCurrent();
}

ValuePanel::~ValuePanel() = default;

QSize ValuePanel::sizeHint() const
{
    const QFontMetrics metrics(m_ui->hexView->font());
    const int hexLine = metrics.horizontalAdvance(QString(80, '0'));
    return {hexLine + 40, 480};
}

QString ValuePanel::message() const
{
    return m_ui->messageLabel->text();
}

bool ValuePanel::editable() const
{
    const TableModel *model = m_cell->model();
    return model && m_index.isValid() && model->canEdit(m_index);
}

void ValuePanel::showEvent(QShowEvent *event)
{
    showCurrent();
    QWidget::showEvent(event);
}

void ValuePanel::showCurrent()
{
    if (!isVisible()) {
        // A closed dock does no work (a blob's hex dump and image) for each cell passed.
        m_index = QModelIndex();
        return;
    }
    const QModelIndex index = m_cell->index();
    // What the user typed and has not applied stays while other cells of the row change.
    if (index == m_index && index.isValid() && m_ui->valueEdit->document()->isModified())
        return;
    m_index = index;
    showMessage(QString());
    const TableModel *model = m_cell->model();
    if (!model || !index.isValid()) {
        m_ui->cellLabel->setText(tr("No cell"));
        m_ui->nullBadge->hide();
        m_ui->formatCombo->hide();
        m_ui->pages->setCurrentWidget(m_ui->textPage);
        m_ui->valueEdit->clear();
        m_ui->valueEdit->setPlaceholderText(QString());
        m_ui->valueEdit->setReadOnly(true);
        updateButtons();
        return;
    }
    const ColumnInfo &column = model->schema().columns.at(index.column());
    const QVariant value = model->currentValue(index.row(), index.column());
    m_ui->cellLabel->setText(
        tr("<b>%1</b> <span style='color:gray'>%2</span> · row %3")
            .arg(column.name.toHtmlEscaped(), column.declaredType.toHtmlEscaped().toLower())
            .arg(index.row() + 1));
    const bool isDefault = index.data(TableModel::IsDefaultRole).toBool();
    m_ui->nullBadge->setText(isDefault ? tr("DEFAULT") : tr("NULL"));
    m_ui->nullBadge->setVisible(value.isNull());
    m_format = formatFor(column, value);
    if (m_format == ValueFormat::Binary)
        showBinary(value.toByteArray());
    else
        showText(column, value);
    if (!model->canEdit(index))
        showMessage(model->schema().isEditable()
                        ? tr("This cell cannot be changed.")
                        : tr("Read-only: %1").arg(model->schema().readOnlyReason));
    updateButtons();
}

void ValuePanel::showText(const ColumnInfo &column, const QVariant &value)
{
    m_ui->pages->setCurrentWidget(m_ui->textPage);
    QString text = editText(value);
    m_wasMultiLine = text.contains('\n');
    if (m_format == ValueFormat::Json && !value.isNull()) {
        const JsonCheck check = checkJson(text);
        if (check.ok)
            text = indentedJson(text);
        else
            showMessage(tr("The value held is not valid JSON. %1").arg(check.error), true);
    }
    m_ui->valueEdit->setPlainText(text);
    m_ui->valueEdit->setPlaceholderText(value.isNull() ? tr("NULL") : tr("(empty text)"));
    m_ui->valueEdit->setReadOnly(!editable());
    m_ui->valueEdit->document()->setModified(false);
    // JSON columns are always JSON; a text column may be read either way.
    m_ui->formatCombo->setVisible(column.kind == ValueKind::Text || isJsonColumn(column));
    m_ui->formatCombo->setEnabled(column.kind == ValueKind::Text);
    m_ui->formatCombo->setCurrentIndex(m_format == ValueFormat::Json ? 1 : 0);
}

void ValuePanel::showBinary(const QByteArray &bytes)
{
    m_ui->pages->setCurrentWidget(m_ui->binaryPage);
    m_ui->formatCombo->hide();
    m_ui->hexView->setPlainText(hexDump(bytes));
    const QImage image = QImage::fromData(bytes);
    m_ui->imageLabel->setVisible(!image.isNull());
    if (image.isNull()) {
        m_ui->imageLabel->clear();
        return;
    }
    // Shown whole up to the room there is, never enlarged.
    const QSize room = m_ui->binarySplitter->size() * 0.6;
    QPixmap pixmap = QPixmap::fromImage(image);
    if (pixmap.width() > room.width() || pixmap.height() > room.height())
        pixmap = pixmap.scaled(room.expandedTo(QSize(64, 64)), Qt::KeepAspectRatio,
                               Qt::SmoothTransformation);
    m_ui->imageLabel->setPixmap(pixmap);
    m_ui->imageLabel->setToolTip(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()));
}

void ValuePanel::onFormatChosen(int item)
{
    m_format = item == 1 ? ValueFormat::Json : ValueFormat::Text;
    showMessage(QString());
    if (m_format != ValueFormat::Json)
        return;
    QTextDocument *document = m_ui->valueEdit->document();
    const QString text = m_ui->valueEdit->toPlainText();
    const JsonCheck check = checkJson(text);
    if (!check.ok) {
        showMessage(check.error, true);
        return;
    }
    const bool modified = document->isModified();
    m_ui->valueEdit->setPlainText(indentedJson(text));
    document->setModified(modified);
}

std::optional<QVariant> ValuePanel::typedValue(QString *error) const
{
    const QString text = m_ui->valueEdit->toPlainText();
    if (m_format == ValueFormat::Json) {
        const JsonCheck check = checkJson(text);
        if (!check.ok) {
            *error = check.error;
            return std::nullopt;
        }
        // A value stored on one line stays on one line (as the grid shows it and as other
        // programs wrote it); one the user had laid out keeps the layout typed.
        return QVariant(m_wasMultiLine ? text : compactJson(text));
    }
    const ColumnInfo &column = m_cell->model()->schema().columns.at(m_index.column());
    QVariant value = valueFromText(column, text, error);
    if (!error->isEmpty())
        return std::nullopt;
    return value;
}

bool ValuePanel::apply()
{
    if (!editable() || m_format == ValueFormat::Binary) {
        showMessage(m_format == ValueFormat::Binary ? tr("A binary value is set with Load…")
                                                    : tr("This cell cannot be changed."),
                    true);
        return false;
    }
    if (!m_ui->valueEdit->document()->isModified()) {
        showMessage(tr("Nothing was typed: the cell keeps its value."));
        return false;
    }
    QString error;
    const std::optional<QVariant> value = typedValue(&error);
    if (!value) {
        showMessage(tr("Not applied. %1").arg(error), true);
        return false;
    }
    m_ui->valueEdit->document()->setModified(false);
    if (!m_cell->model()->setData(m_index, *value)) {
        showCurrent();
        showMessage(tr("The cell already holds this value."));
        return false;
    }
    showMessage(tr("Applied: pending until Save; Undo takes it back."));
    return true;
}

void ValuePanel::setNull()
{
    if (editable())
        m_cell->document()->setNull({m_index});
}

bool ValuePanel::loadFile(const QString &path)
{
    if (!editable()) {
        showMessage(tr("This cell cannot be changed."), true);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    const QByteArray bytes = file.readAll();
    const ColumnInfo &column = m_cell->model()->schema().columns.at(m_index.column());
    QVariant value = bytes;
    if (column.kind != ValueKind::Blob) {
        QString error;
        if (bytes.contains('\0'))
            error = tr("%1 is a binary file and %2 holds text.").arg(path, column.name);
        else if (isJsonColumn(column))
            error = checkJson(QString::fromUtf8(bytes)).error;
        if (error.isEmpty())
            value = valueFromText(column, QString::fromUtf8(bytes), &error);
        if (!error.isEmpty()) {
            showMessage(tr("Not loaded. %1").arg(error), true);
            return false;
        }
    }
    m_ui->valueEdit->document()->setModified(false);
    if (!m_cell->model()->setData(m_index, value)) {
        showMessage(tr("The cell already holds what %1 holds.").arg(path));
        return false;
    }
    showMessage(tr("Loaded %1 (%L2 bytes): pending until Save.")
                    .arg(QFileInfo(path).fileName())
                    .arg(bytes.size()));
    return true;
}

bool ValuePanel::saveFile(const QString &path)
{
    if (!m_index.isValid())
        return false;
    const QVariant value = m_cell->model()->currentValue(m_index.row(), m_index.column());
    const QByteArray bytes =
        value.typeId() == QMetaType::QByteArray ? value.toByteArray() : editText(value).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showMessage(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    showMessage(tr("Wrote %L1 bytes to %2.").arg(bytes.size()).arg(QFileInfo(path).fileName()));
    return true;
}

void ValuePanel::chooseLoadFile()
{
    QFileDialog dialog(this, tr("Load Value From File"));
    dialog.setObjectName(QStringLiteral("loadValueDialog"));
    dialog.setFileMode(QFileDialog::ExistingFile);
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        loadFile(dialog.selectedFiles().constFirst());
}

void ValuePanel::chooseSaveFile()
{
    QFileDialog dialog(this, tr("Save Value to File"));
    dialog.setObjectName(QStringLiteral("saveValueDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        saveFile(dialog.selectedFiles().constFirst());
}

void ValuePanel::showMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(isError ? QStringLiteral("QLabel { color: #b00020; }")
                                              : QStringLiteral("QLabel { color: #555; }"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void ValuePanel::updateButtons()
{
    const bool canEdit = editable();
    const bool isText = m_format != ValueFormat::Binary;
    const bool typed = m_ui->valueEdit->document()->isModified();
    m_ui->applyButton->setEnabled(canEdit && isText && typed);
    m_ui->discardButton->setEnabled(isText && typed);
    m_applyAction->setEnabled(canEdit && isText);
    m_ui->nullButton->setEnabled(canEdit && !m_ui->nullBadge->isVisibleTo(this));
    m_ui->loadButton->setEnabled(canEdit);
    m_ui->saveButton->setEnabled(m_index.isValid() && !m_ui->nullBadge->isVisibleTo(this));
}

} // namespace Tabula
