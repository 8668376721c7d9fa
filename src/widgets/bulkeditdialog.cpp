#include "bulkeditdialog.h"
#include "ui_bulkeditdialog.h"

#include "savejob.h"
#include "tabledocument.h"
#include "valuetext.h"

#include <QPushButton>

#include <utility>

namespace Tabula {

namespace {
constexpr int kSampleRows = 10;
}

BulkEditDialog::BulkEditDialog(TableDocument *document, int column, const QList<int> &selectedRows,
                               QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::BulkEditDialog>()), m_document(document),
      m_selectedRows(selectedRows)
{
    m_ui->setupUi(this);
    const TableSchema &schema = document->schema();
    for (const ColumnInfo &c : schema.columns)
        m_ui->columnCombo->addItem(c.name);
    m_ui->columnCombo->setCurrentIndex(qMax(column, 0));
    const qint64 matching = document->model()->matchingRowCount();
    m_ui->matchingRadio->setText(document->filter().isEmpty()
                                     ? tr("Every row of the table (%L1)").arg(matching)
                                     : tr("Every row matching the filter (%L1)").arg(matching));
    m_ui->selectedRadio->setText(tr("Only the selected rows (%L1)").arg(selectedRows.size()));
    m_ui->selectedRadio->setEnabled(!selectedRows.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setDefault(true);
    m_ui->previewTable->horizontalHeader()->setStretchLastSection(true);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(250);
    connect(&m_previewTimer, &QTimer::timeout, this, &BulkEditDialog::updatePreview);
    // Apply stays clickable while a preview is due: it computes the preview first, so Enter
    // right after typing applies what was typed (or shows why not).
    auto schedule = [this] {
        m_previewTimer.start();
        m_ui->buttonBox->button(QDialogButtonBox::Apply)->setEnabled(true);
    };
    connect(m_ui->columnCombo, &QComboBox::currentIndexChanged, this, schedule);
    connect(m_ui->valueEdit, &QLineEdit::textChanged, this, [this, schedule] {
        m_ui->valueRadio->setChecked(true);
        schedule();
    });
    connect(m_ui->expressionEdit, &QLineEdit::textChanged, this, [this, schedule] {
        m_ui->expressionRadio->setChecked(true);
        schedule();
    });
    for (QRadioButton *radio : {m_ui->valueRadio, m_ui->nullRadio, m_ui->expressionRadio,
                                m_ui->matchingRadio, m_ui->selectedRadio})
        connect(radio, &QRadioButton::toggled, this, schedule);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &BulkEditDialog::applyWhenPlanned);
    connect(document, &TableDocument::bulkPlanned, this, &BulkEditDialog::showPlan);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
    m_ui->valueEdit->setFocus(); // the column is usually right already: type the value
}

BulkEditDialog::~BulkEditDialog()
{
    m_document->cancelBulkPlan();
}

// Apply applies the plan of what is typed now: when that plan is still being read, once it
// arrives (Enter right after typing applies what was typed, or shows why not).
void BulkEditDialog::applyWhenPlanned()
{
    if (m_previewTimer.isActive() || !m_planReady) {
        m_applyWhenPlanned = true;
        if (m_previewTimer.isActive() || !m_document->isPlanning())
            updatePreview();
        return;
    }
    if (m_plan.ok() && !m_plan.changes.isEmpty())
        accept();
}

QString BulkEditDialog::valueText() const
{
    const QString text = m_ui->valueEdit->text();
    return text == QLatin1String("''") ? QString(QLatin1String("")) : text;
}

BulkEdit BulkEditDialog::edit() const
{
    BulkEdit edit;
    edit.column = m_ui->columnCombo->currentIndex();
    if (m_ui->nullRadio->isChecked()) {
        edit.kind = BulkEdit::Kind::Null;
    } else if (m_ui->expressionRadio->isChecked()) {
        edit.kind = BulkEdit::Kind::Expression;
        edit.expression = m_ui->expressionEdit->text();
    } else {
        edit.kind = BulkEdit::Kind::Value;
        const auto &columns = m_document->schema().columns;
        if (edit.column >= 0 && edit.column < columns.size()) {
            QString error;
            edit.value = valueFromText(columns.at(edit.column), valueText(), &error);
        }
    }
    if (m_ui->selectedRadio->isChecked()) {
        edit.scope = BulkEdit::Scope::SelectedRows;
        edit.selectedRows = m_selectedRows;
    }
    return edit;
}

// Why the edit cannot be planned, known without reading a row; empty when it can be.
QString BulkEditDialog::inputError(const BulkEdit &e) const
{
    const auto &columns = m_document->schema().columns;
    QString valueError;
    if (e.kind == BulkEdit::Kind::Value && e.column >= 0 && e.column < columns.size())
        valueFromText(columns.at(e.column), valueText(), &valueError);
    // An untouched value field must not blank every row on Enter: empty text is typed as ''.
    if (e.kind == BulkEdit::Kind::Value && m_ui->valueEdit->text().isEmpty())
        valueError = tr("Type a value ('' for empty text), or choose NULL.");
    if (valueError.isEmpty() && e.kind == BulkEdit::Kind::Expression &&
        e.expression.trimmed().isEmpty())
        valueError = tr("Type an SQL expression.");
    return valueError;
}

void BulkEditDialog::updatePreview()
{
    m_previewTimer.stop();
    const BulkEdit e = edit();
    const QString error = inputError(e);
    if (!error.isEmpty()) {
        m_document->cancelBulkPlan();
        BulkEditPlan refused;
        refused.error = error;
        showPlan(refused);
        return;
    }
    m_planReady = false;
    m_ui->previewTable->setRowCount(0);
    m_ui->summaryLabel->setStyleSheet(QString());
    m_ui->summaryLabel->setText(tr("Reading the rows in scope…"));
    m_document->startBulkPlan(e); // showPlan() when it is read
}

void BulkEditDialog::showPlan(const BulkEditPlan &plan)
{
    m_plan = plan;
    m_planReady = true;
    QPushButton *apply = m_ui->buttonBox->button(QDialogButtonBox::Apply);
    m_ui->previewTable->setRowCount(0);
    const bool applyNow = std::exchange(m_applyWhenPlanned, false);
    if (!m_plan.ok()) {
        m_ui->summaryLabel->setText(m_plan.error);
        m_ui->summaryLabel->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
        apply->setEnabled(false);
        emit previewShown();
        return;
    }
    m_ui->summaryLabel->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
    const int n = int(m_plan.changes.size());
    QString summary = n == 1 ? tr("1 row will change") : tr("%L1 rows will change").arg(n);
    summary += tr(" (of %L1 in scope).").arg(m_plan.rowsInScope);
    if (m_plan.skippedNewRows > 0)
        summary += tr(" %L1 new rows are skipped: expressions run on saved rows.")
                       .arg(m_plan.skippedNewRows);
    m_ui->summaryLabel->setText(summary);
    apply->setEnabled(n > 0);
    apply->setText(n > 0 ? tr("Apply to %L1 rows").arg(n) : tr("Apply"));
    showSample();
    emit previewShown();
    if (applyNow && n > 0)
        accept();
}

void BulkEditDialog::showSample()
{
    const int n = int(m_plan.changes.size());
    const int shown = qMin(n, kSampleRows);
    m_ui->previewTable->setRowCount(shown);
    const TableModel *model = m_document->model();
    for (int i = 0; i < shown; ++i) {
        const CellChange &c = m_plan.changes.at(i);
        const auto pending = m_document->changes()->pendingValue(c.key, c.column);
        const QVariant before = pending ? *pending : c.original;
        m_ui->previewTable->setItem(
            i, 0,
            new QTableWidgetItem(describeRow(model->schema(), *m_document->changes(), c.key)));
        m_ui->previewTable->setItem(i, 1, new QTableWidgetItem(displayText(before)));
        m_ui->previewTable->setItem(i, 2, new QTableWidgetItem(displayText(*c.value)));
    }
    m_ui->previewTable->resizeColumnsToContents();
}

} // namespace Tabula
