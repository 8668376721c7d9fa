#include "conflictsdialog.h"
#include "ui_conflictsdialog.h"

#include "conflictsmodel.h"

#include <QComboBox>
#include <QPushButton>
#include <QStyledItemDelegate>

namespace Tabula {

namespace {

// The choice column is edited with a list of the two choices; picking one applies it.
class ChoiceDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        for (Resolution r : {Resolution::KeepMine, Resolution::TakeTheirs})
            combo->addItem(ConflictsModel::choiceText(r), int(r));
        connect(combo, &QComboBox::activated, this, [this, combo] {
            auto *self = const_cast<ChoiceDelegate *>(this);
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole)));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
    }
};

} // namespace

ConflictsDialog::ConflictsDialog(const TableSchema &schema, QVector<Conflict> conflicts,
                                 QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConflictsDialog>()),
      m_model(new ConflictsModel(schema, std::move(conflicts), this))
{
    m_ui->setupUi(this);
    const int n = m_model->rowCount();
    m_ui->summaryLabel->setText(
        (n == 1 ? tr("1 of your changes conflicts with a change someone else saved since the "
                     "row was loaded.")
                : tr("%L1 of your changes conflict with changes someone else saved since the "
                     "rows were loaded.")
                      .arg(n)) +
        ' ' +
        tr("Nothing was written. Choose for each: keep mine (overwrite theirs) or take theirs "
           "(drop my edit): double-click a choice to change it, then Apply and Save."));
    m_ui->goneLabel->setVisible(m_model->anyRowGone());

    QTableView *table = m_ui->conflictsView;
    table->setModel(m_model);
    table->setItemDelegateForColumn(ConflictsModel::ChoiceColumn, new ChoiceDelegate(table));
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                           QAbstractItemView::EditKeyPressed);
    table->verticalHeader()->hide();
    // Fixed row heights: ten thousand lines lay out at once.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setMinimumSectionSize(90);
    table->resizeColumnsToContents(); // the header samples a bounded number of lines

    m_apply = m_ui->buttonBox->addButton(tr("&Apply and Save"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->keepAllMineButton, &QPushButton::clicked, this,
            [this] { m_model->setAll(Resolution::KeepMine); });
    connect(m_ui->takeAllTheirsButton, &QPushButton::clicked, this,
            [this] { m_model->setAll(Resolution::TakeTheirs); });
}

ConflictsDialog::~ConflictsDialog() = default;

const QVector<Conflict> &ConflictsDialog::conflicts() const
{
    return m_model->conflicts();
}

const QVector<Resolution> &ConflictsDialog::choices() const
{
    return m_model->choices();
}

QTableView *ConflictsDialog::view() const
{
    return m_ui->conflictsView;
}

} // namespace Tabula
