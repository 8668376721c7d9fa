#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStatusBar;

namespace Tabula {

class TableDocument;
class TableModel;

// The status bar's view of what runs on worker threads for the open table: a Save and a row
// count. It shows itself only once one has taken longer than half a second, with a progress
// bar and Cancel (a cancelled Save writes nothing and keeps every edit; a cancelled count
// leaves the rows read so far). A failed read or count is said in the status bar.
class TaskProgress : public QWidget
{
    Q_OBJECT
public:
    explicit TaskProgress(QStatusBar *statusBar);

    void setDocument(TableDocument *document);
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_bar; }

    static constexpr int kShowAfterMs = 500;

private:
    bool isSaving() const;
    bool isCounting() const;
    void refresh();
    void showProgress();
    void cancel();

    QStatusBar *m_statusBar;
    QPointer<TableDocument> m_document;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QTimer m_delay; // from the start of a task until the bar shows
    QTimer m_poll;  // rows written so far, while shown
};

// "12,345 rows", "≥ 10,001 rows, counting… (about 2,000,000)", "3 rows match the filter".
QString rowCountText(const TableModel &model, bool filtered);

} // namespace Tabula
