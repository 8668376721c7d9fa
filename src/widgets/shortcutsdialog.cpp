#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Tabula {

namespace {

// Keys the widgets handle themselves, with no action to read them from.
QList<QPair<QString, QString>> gridKeys()
{
    return {
        {QObject::tr("F2, Enter"), QObject::tr("Edit the current cell")},
        {QObject::tr("Enter (editing)"), QObject::tr("Keep what was typed")},
        {QObject::tr("Escape (editing)"), QObject::tr("Drop what was typed")},
        {QObject::tr("Tab / Shift+Tab"), QObject::tr("Next / previous cell")},
        {QObject::tr("Ctrl+Home / Ctrl+End"), QObject::tr("First / last cell, selected")},
        {QObject::tr("Ctrl+Shift+Home / Ctrl+Shift+End"),
         QObject::tr("Select to the first / last cell")},
        {QObject::tr("Enter or Down (in a filter)"),
         QObject::tr("Go to the first matching row, in that column")},
        {QObject::tr("Escape (in a filter)"), QObject::tr("Clear that filter")},
        {QObject::tr("Tab / Shift+Tab (in a filter)"), QObject::tr("Next / previous filter")},
    };
}

QString plainText(QString text)
{
    text.remove('&');
    text.remove(QChar(0x2026)); // the ellipsis of actions that open a dialog
    return text;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(0, 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto addRow = [table](const QString &keys, const QString &what) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(what));
    };
    for (const QAction *action : actions) {
        QStringList keys;
        for (const QKeySequence &sequence : action->shortcuts())
            keys << sequence.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            addRow(keys.join(QStringLiteral(" / ")), plainText(action->text()));
    }
    for (const auto &[keys, what] : gridKeys())
        addRow(keys, what);
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace Tabula
