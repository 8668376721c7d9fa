#include "saveflow.h"

#include "conflictsdialog.h"
#include "tabledocument.h"
#include "tablegrid.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace Tabula {

bool resolveConflicts(QWidget *parent, TableGrid *grid, SaveResult *result)
{
    TableDocument *document = grid->document();
    bool savedAgain = false; // a Save whose conflicts were gone when read is tried once more
    while (document && !result->ok && result->error.conflict) {
        QVector<Conflict> conflicts;
        QString error;
        if (!document->collectConflicts(&conflicts, &error)) {
            result->error.message +=
                ' ' + QObject::tr("(The conflicts could not be read: %1)").arg(error);
            return true;
        }
        if (conflicts.isEmpty()) {
            // Changed back since, or a change only Save's own check sees: Save tells.
            if (std::exchange(savedAgain, true))
                return true;
            *result = grid->save();
            continue;
        }
        ConflictsDialog dialog(document->schema(), conflicts, parent);
        dialog.setObjectName(QStringLiteral("conflictsDialog"));
        if (dialog.exec() != QDialog::Accepted)
            return false;
        document->applyResolutions(dialog.conflicts(), dialog.choices());
        *result = grid->save();
    }
    return true;
}

namespace {

void offerRetry(QMessageBox *box, const SaveResult &result, std::function<void()> retry)
{
    if (!result.error.busy)
        return;
    QPushButton *button = box->addButton(QMessageBox::Retry);
    box->setDefaultButton(button);
    // Later, from the window: retrying replaces this message, which is still in its click.
    QObject *context = box->parent() ? box->parent() : box;
    QObject::connect(button, &QPushButton::clicked, context,
                     [context, retry] { QTimer::singleShot(0, context, retry); });
}

} // namespace

QString saveOutcome(const SaveResult &result, bool goOn)
{
    if (!goOn || !result.ok)
        return QObject::tr("Save cancelled: nothing was written, every edit is kept.");
    return QObject::tr("Saved: %L1 updated, %L2 inserted, %L3 deleted.")
        .arg(result.updated)
        .arg(result.inserted)
        .arg(result.deleted);
}

QMessageBox *saveErrorBox(QWidget *parent, const SaveResult &result, const TableId &table,
                          std::function<void()> retry)
{
    auto *box = new QMessageBox(QMessageBox::Critical, QObject::tr("Save failed"),
                                result.error.describe(table), QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("saveErrorBox"));
    box->setInformativeText(QObject::tr("Nothing was written: the transaction was rolled back. "
                                        "Every pending change is kept."));
    if (!result.error.statement.isEmpty())
        box->setDetailedText(result.error.statement);
    box->setWindowModality(Qt::NonModal); // QMessageBox is modal by default
    offerRetry(box, result, std::move(retry));
    return box;
}

} // namespace Tabula
