#pragma once

#include "bulkedit.h"

#include <QDialog>
#include <QTimer>
#include <memory>

namespace Ui {
class BulkEditDialog;
}

namespace Tabula {

class TableDocument;

// Sets one column on every row the filter matches (or the selected rows) to a value, NULL
// or an SQL expression, showing how many rows will change and a sample before anything does.
class BulkEditDialog : public QDialog
{
    Q_OBJECT
public:
    BulkEditDialog(TableDocument *document, int column, const QList<int> &selectedRows,
                   QWidget *parent = nullptr);
    ~BulkEditDialog() override;

    const BulkEditPlan &plan() const { return m_plan; }
    BulkEdit edit() const;
    // Plans the preview now rather than after the typing pause. The rows are read on a
    // worker (the dialog keeps repainting; Cancel stops the read): previewShown() follows.
    void updatePreview();
    bool isPreviewReady() const { return m_planReady && !m_previewTimer.isActive(); }

signals:
    void previewShown();

private:
    QString valueText() const; // what the value field means: '' stands for empty text
    QString inputError(const BulkEdit &e) const;
    void showPlan(const BulkEditPlan &plan);
    void showSample();
    void applyWhenPlanned();

    std::unique_ptr<Ui::BulkEditDialog> m_ui;
    TableDocument *m_document;
    QList<int> m_selectedRows;
    BulkEditPlan m_plan;
    bool m_planReady = false;
    bool m_applyWhenPlanned = false;
    QTimer m_previewTimer;
};

} // namespace Tabula
