#include "integritycheck.h"

#include "backgroundquery.h"
#include "database.h"
#include "dialect.h"
#include "mainwindow.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>

namespace Tabula {

IntegrityCheck::IntegrityCheck(MainWindow *window) : QObject(window), m_window(window)
{
    m_action = new QAction(tr("Check Database &Integrity…"), this);
    m_action->setObjectName(QStringLiteral("actionCheckIntegrity"));
    connect(m_action, &QAction::triggered, this, &IntegrityCheck::start);
    if (auto *menu = window->findChild<QMenu *>(QStringLiteral("menuFile"))) {
        QAction *quit = window->findChild<QAction *>(QStringLiteral("actionQuit"));
        menu->insertAction(quit, m_action);
        menu->insertSeparator(quit);
        connect(menu, &QMenu::aboutToShow, this, &IntegrityCheck::updateAction);
    }
    connect(window->grid(), &TableGrid::documentChanged, this, &IntegrityCheck::updateAction);
    updateAction();
}

IntegrityCheck::~IntegrityCheck() = default;

void IntegrityCheck::updateAction()
{
    const Database *db = m_window->database();
    const bool checkable = db && !db->dialect().quickCheck().isEmpty();
    m_action->setEnabled(checkable && !m_query);
    m_action->setToolTip(checkable || !db ? tr("Read every page of the file and report damage")
                                          : tr("%1 keeps its own storage: only SQLite files are "
                                               "checked here.")
                                                .arg(db->dialect().displayName()));
}

void IntegrityCheck::start()
{
    updateAction();
    if (!m_action->isEnabled())
        return;
    Database *db = m_window->database();
    m_query = std::make_unique<BackgroundQuery>(*db);
    m_progress = new QProgressDialog(tr("Checking every page of %1…").arg(db->spec().database),
                                     tr("Cancel"), 0, 0, m_window);
    m_progress->setObjectName(QStringLiteral("integrityProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(500);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_progress, &QProgressDialog::canceled, this, [this] {
        m_query->cancel();
        finish({}, tr("The check was cancelled: nothing was found or changed."));
    });
    connect(m_query.get(), &BackgroundQuery::finished, this,
            [this](const QVariant &first) { finish(first.toString(), {}); });
    connect(m_query.get(), &BackgroundQuery::failed, this,
            [this](const QString &message) { finish({}, message); });
    m_query->start({db->dialect().quickCheck(), {}});
}

// `found`: the check's first line ("ok" when nothing is damaged); `failure`: why it stopped.
void IntegrityCheck::finish(const QString &found, const QString &failure)
{
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->close();
        m_progress = nullptr;
    }
    m_query.release()->deleteLater(); // this may run inside one of its signals
    Database *db = m_window->database();
    QString text;
    QMessageBox::Icon icon = QMessageBox::Information;
    if (!failure.isEmpty()) {
        text = tr("The check did not finish: %1").arg(failure);
        icon = QMessageBox::Warning;
    } else if (found == QLatin1String("ok")) {
        text = tr("No damage found in %1.").arg(db->spec().database);
    } else {
        text = db->markDamaged({found});
        icon = QMessageBox::Critical;
        if (TableDocument *document = m_window->document()) {
            document->model()->setReadOnlyReason(text);
            m_window->grid()->showReadOnlyReason();
        }
    }
    updateAction();
    auto *box =
        new QMessageBox(icon, tr("Check Database Integrity"), text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("integrityResultBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace Tabula
