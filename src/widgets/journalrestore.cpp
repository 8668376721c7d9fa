#include "journalrestore.h"

#include "changejournal.h"
#include "tabledocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace Tabula {

QString journalFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("journal"));
}

namespace {

bool askToRestore(QWidget *parent, const TableDocument &document,
                  const ChangeJournal::Contents &contents, const QDateTime &when)
{
    const QString changes = contents.pendingCount == 1
                                ? QObject::tr("1 change")
                                : QObject::tr("%L1 changes").arg(contents.pendingCount);
    QMessageBox box(QMessageBox::Question, QObject::tr("Unsaved changes found"),
                    QObject::tr("%1 to %2 were not saved when Tabula last closed (%3).")
                        .arg(changes, document.schema().id.displayName(),
                             QLocale().toString(when, QLocale::ShortFormat)),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("restoreJournalBox"));
    box.setInformativeText(QObject::tr("Restore them as pending changes? They are checked "
                                       "against what the database holds now when you save."));
    QPushButton *restore = box.addButton(QObject::tr("Restore"), QMessageBox::AcceptRole);
    box.addButton(QObject::tr("Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    return box.clickedButton() == restore;
}

} // namespace

void resumeJournal(QWidget *parent, TableDocument *document)
{
    const QString path = document->journalPath(journalFolder());
    if (QFile::exists(path)) {
        ChangeJournal::Contents contents;
        QString error;
        const QDateTime when = QFileInfo(path).lastModified();
        if (!ChangeJournal::read(path, &contents, &error) ||
            (askToRestore(parent, *document, contents, when) &&
             !document->restoreJournal(contents, &error))) {
            QFile::remove(path + QStringLiteral(".refused"));
            QFile::rename(path, path + QStringLiteral(".refused"));
            QMessageBox::warning(parent, QObject::tr("Unsaved changes not restored"),
                                 QObject::tr("%1\n\nThe journal was kept as %2.")
                                     .arg(error, QDir::toNativeSeparators(path + ".refused")));
        } else if (document->pendingCount() == 0) {
            QFile::remove(path); // declined: the user's word, not an accident
        }
    }
    document->startJournal(journalFolder());
}

} // namespace Tabula
