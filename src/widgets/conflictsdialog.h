#pragma once

#include "conflictresolution.h"

#include <QDialog>
#include <memory>

class QPushButton;
class QTableView;

namespace Ui {
class ConflictsDialog;
}

namespace Tabula {

class ConflictsModel;
struct TableSchema;

// Lists a Save's conflicts (row, column, the value when loaded, theirs now, yours) with a
// choice for each, Keep mine or Take theirs, and for all at once. Accepted by Apply and Save.
class ConflictsDialog : public QDialog
{
    Q_OBJECT
public:
    ConflictsDialog(const TableSchema &schema, QVector<Conflict> conflicts,
                    QWidget *parent = nullptr);
    ~ConflictsDialog() override;

    const QVector<Conflict> &conflicts() const;
    const QVector<Resolution> &choices() const;
    ConflictsModel *model() const { return m_model; }
    QTableView *view() const;
    QPushButton *applyButton() const { return m_apply; }

private:
    std::unique_ptr<Ui::ConflictsDialog> m_ui;
    ConflictsModel *m_model;
    QPushButton *m_apply;
};

} // namespace Tabula
