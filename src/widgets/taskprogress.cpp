#include "taskprogress.h"

#include "tabledocument.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace Tabula {

namespace {
constexpr int kPollMs = 100;
constexpr int kMessageMs = 10000;
} // namespace

TaskProgress::TaskProgress(QStatusBar *statusBar)
    : QWidget(statusBar), m_statusBar(statusBar), m_label(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("taskProgress"));
    m_cancel->setObjectName(QStringLiteral("cancelTaskButton"));
    m_bar->setMaximumWidth(160);
    m_bar->setTextVisible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_delay.setSingleShot(true);
    m_delay.setInterval(kShowAfterMs);
    m_poll.setInterval(kPollMs);
    connect(&m_delay, &QTimer::timeout, this, &TaskProgress::showProgress);
    connect(&m_poll, &QTimer::timeout, this, &TaskProgress::refresh);
    connect(m_cancel, &QPushButton::clicked, this, &TaskProgress::cancel);
    statusBar->insertPermanentWidget(0, this);
    hide();
}

void TaskProgress::setDocument(TableDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        const TableModel *model = document->model();
        connect(document, &TableDocument::savingChanged, this, &TaskProgress::refresh);
        // Queued: the model says -1 just before its count starts.
        connect(model, &TableModel::matchingRowCountChanged, this, &TaskProgress::refresh,
                Qt::QueuedConnection);
        connect(model, &TableModel::readFailed, this,
                [this](const QString &message) { m_statusBar->showMessage(message, kMessageMs); });
    }
    refresh();
}

bool TaskProgress::isSaving() const
{
    return m_document && m_document->isSaving();
}

bool TaskProgress::isCounting() const
{
    return m_document && m_document->model()->isCounting();
}

void TaskProgress::refresh()
{
    if (!isSaving() && !isCounting()) {
        m_delay.stop();
        m_poll.stop();
        hide();
        return;
    }
    if (isHidden() && !m_delay.isActive())
        m_delay.start();
    if (isSaving()) {
        const int pending = qMax(1, m_document->pendingCount());
        const qint64 written = qMin<qint64>(m_document->rowsSaved(), pending);
        m_label->setText(tr("Saving… %L1 of %L2").arg(written).arg(pending));
        // A busy bar until the first rows are written (the Save may wait for a lock).
        m_bar->setRange(0, written > 0 ? pending : 0);
        m_bar->setValue(int(written));
        m_cancel->setToolTip(tr("Stop the Save: nothing is written, every edit is kept."));
    } else {
        m_label->setText(tr("Counting rows…"));
        m_bar->setRange(0, 0); // no end known: a busy bar
        m_cancel->setToolTip(tr("Stop counting: the rows read so far stay."));
    }
}

void TaskProgress::showProgress()
{
    if (!isSaving() && !isCounting())
        return;
    show();
    m_poll.start();
}

void TaskProgress::cancel()
{
    if (isSaving())
        m_document->cancelSave();
    else if (isCounting())
        m_document->model()->cancelCount();
    refresh();
}

QString rowCountText(const TableModel &model, bool filtered)
{
    const qint64 rows = model.matchingRowCount();
    if (rows >= 0) {
        if (rows == 1)
            return filtered ? QObject::tr("1 row matches the filter") : QObject::tr("1 row");
        return filtered ? QObject::tr("%L1 rows match the filter").arg(rows)
                        : QObject::tr("%L1 rows").arg(rows);
    }
    // Shown by an estimate, the grid's rows are not known to be there.
    const qint64 read = model.rowCountIsEstimated() ? 0 : model.storedRowCount();
    const qint64 atLeast = qMax<qint64>(model.rowCountLowerBound(), read);
    QString text = filtered ? QObject::tr("≥ %L1 rows match the filter").arg(atLeast)
                            : QObject::tr("≥ %L1 rows").arg(atLeast);
    if (!model.isCounting())
        return text + QObject::tr(" (not counted)");
    text += QObject::tr(", counting…");
    if (model.rowCountEstimate() > atLeast)
        text += QObject::tr(" (about %L1)").arg(model.rowCountEstimate());
    return text;
}

} // namespace Tabula
