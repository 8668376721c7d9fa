#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "actionstate.h"
#include "bulkeditdialog.h"
#include "connectdialog.h"
#include "database.h"
#include "demodatabase.h"
#include "editordocks.h"
#include "filterheader.h"
#include "foreignkeyactions.h"
#include "integritycheck.h"
#include "journalrestore.h"
#include "passwordstore.h"
#include "recentlocations.h"
#include "saveflow.h"
#include "shortcutsdialog.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "taskprogress.h"
#include "viewsettings.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStyle>
#include <QUndoView>

namespace Tabula {

namespace {
constexpr int kConfirmRevertAbove = 20;
const int kTableRole = Qt::UserRole + 1;
QString lastTableKey(const ConnectionSpec &spec)
{
    return QStringLiteral("lastTable/") +
           QString::fromLatin1(spec.displayUrl().toUtf8().toBase64());
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setAcceptDrops(true);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({200, 900});

    QStyle *s = style();
    m_ui->actionOpen->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    m_ui->actionSave->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    m_ui->actionRevert->setIcon(s->standardIcon(QStyle::SP_DialogResetButton));
    m_ui->actionRefresh->setIcon(s->standardIcon(QStyle::SP_BrowserReload));
    m_ui->actionInsertRow->setIcon(s->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_ui->actionDeleteRows->setIcon(s->standardIcon(QStyle::SP_TrashIcon));
    m_ui->actionSetNull->setIcon(s->standardIcon(QStyle::SP_DialogDiscardButton));
    m_ui->actionBulkEdit->setIcon(s->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);

    QAction *undo = m_undoGroup.createUndoAction(this, tr("&Undo"));
    QAction *redo = m_undoGroup.createRedoAction(this, tr("&Redo"));
    undo->setShortcut(QKeySequence::Undo);
    // Ctrl+Y only where the platform's Redo lacks it: a key bound twice to one action is
    // ambiguous and does nothing.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    redo->setShortcuts(redoKeys);
    QAction *first = m_ui->menuEdit->actions().value(0);
    m_ui->menuEdit->insertActions(first, {undo, redo});
    // The grid's clipboard actions, in the menu too (their keys work in the grid).
    m_ui->menuEdit->insertSeparator(first);
    const QList<QAction *> clipboard = grid()->clipboardActions();
    m_ui->menuEdit->insertActions(first, clipboard.mid(0, 2)); // Copy, Copy with Names
    m_ui->menuEdit->insertMenu(first, grid()->copyAsMenu());
    m_ui->menuEdit->insertActions(first, clipboard.mid(2));
    m_ui->actionShortcuts->setShortcut(QKeySequence::HelpContents);

    // The pending changes, listed as the steps Undo walks back through.
    auto *history = new QDockWidget(tr("Pending Changes"), this);
    history->setObjectName(QStringLiteral("historyDock"));
    auto *undoView = new QUndoView(&m_undoGroup, history);
    undoView->setEmptyLabel(tr("<saved state>"));
    history->setWidget(undoView);
    addDockWidget(Qt::RightDockWidgetArea, history);
    history->hide();
    m_ui->actionShowHistory->setCheckable(true);
    connect(m_ui->actionShowHistory, &QAction::toggled, history, &QDockWidget::setVisible);
    connect(history, &QDockWidget::visibilityChanged, m_ui->actionShowHistory,
            &QAction::setChecked);

    m_rowsLabel = new QLabel(this);
    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(QStringLiteral("pendingLabel"));
    m_locationLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_pendingLabel);
    statusBar()->addPermanentWidget(m_rowsLabel);
    statusBar()->addPermanentWidget(m_locationLabel);
    m_progress = new TaskProgress(statusBar());

    connect(m_ui->actionOpen, &QAction::triggered, this, &MainWindow::openFileDialog);
    connect(m_ui->actionOpenUrl, &QAction::triggered, this, &MainWindow::openUrlDialog);
    connect(m_ui->actionOpenDemo, &QAction::triggered, this, [this] { openDemo(); });
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::save);
    connect(m_ui->actionRevert, &QAction::triggered, this, &MainWindow::revert);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionSetNull, &QAction::triggered, grid(), &TableGrid::setSelectionNull);
    connect(m_ui->actionInsertRow, &QAction::triggered, grid(), &TableGrid::insertRow);
    connect(m_ui->actionDeleteRows, &QAction::triggered, grid(), &TableGrid::deleteSelectedRows);
    connect(m_ui->actionBulkEdit, &QAction::triggered, this, [this] { bulkEdit(); });
    connect(m_ui->actionClearFilters, &QAction::triggered, this,
            [this] { grid()->clearFilters(); });
    connect(m_ui->actionFocusFilter, &QAction::triggered, grid(), &TableGrid::toggleFilterFocus);
    connect(m_ui->actionGoToRow, &QAction::triggered, this, &MainWindow::goToRow);
    connect(m_ui->actionShortcuts, &QAction::triggered, this, [this] {
        ShortcutsDialog dialog(findChildren<QAction *>(), this);
        dialog.exec();
    });
    connect(m_ui->actionRefresh, &QAction::triggered, this, [this] { grid()->refresh(); });
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Tabula"),
                           tr("<b>Tabula</b> %1<br>Edit rows in SQLite, PostgreSQL and MariaDB: "
                              "every change stays pending until Save writes all of it in one "
                              "transaction.")
                               .arg(QCoreApplication::applicationVersion()));
    });
    connect(m_ui->tableList, &QListWidget::currentItemChanged, this, &MainWindow::onTableClicked);
    connect(grid(), &TableGrid::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(grid(), &TableGrid::rowCountsChanged, this, &MainWindow::updateState);
    connect(grid(), &TableGrid::bulkEditRequested, this, &MainWindow::bulkEdit);
    grid()->setBulkEditAction(m_ui->actionBulkEdit);
    new ForeignKeyActions(this); // Go to Referenced Row, Rows Referencing This Row, Back
    new IntegrityCheck(this);    // File > Check Database Integrity

    addEditorDocks(this, grid(), m_ui->actionShowValuePanel, m_ui->actionShowRowForm);
    ViewSettings::restoreWindow(this);
    updateRecentMenu();
    updateState();
}

MainWindow::~MainWindow()
{
    closeDocument();
}

TableGrid *MainWindow::grid() const
{
    return m_ui->grid;
}

void MainWindow::reportError(const QString &title, const QString &message, QString *error)
{
    if (error)
        *error = message;
    else
        QMessageBox::warning(this, title, message);
}

bool MainWindow::openDemo(QString *error)
{
    QString message;
    const QString path = demoDatabasePath(&message);
    if (path.isEmpty()) {
        reportError(tr("Demo database"), message, error);
        return false;
    }
    if (openSpec(ConnectionSpec::sqliteFile(path), &message, QStringLiteral("users")))
        return true;
    if (!message.isEmpty())
        reportError(tr("Demo database"), message, error);
    return false;
}

bool MainWindow::openLocation(const QString &location, QString *error)
{
    QString message;
    ConnectionSpec spec = ConnectionSpec::fromUrl(location, &message);
    if (!message.isEmpty()) {
        reportError(tr("Open"), message, error);
        return false;
    }
    // A saved server connection keeps its password in the keychain, not in the URL.
    if (!spec.isSqlite() && spec.password.isEmpty() && !error)
        spec.password = PasswordStore::read(spec.displayUrl());
    if (openSpec(spec, &message))
        return true;
    if (!message.isEmpty() && !spec.isSqlite() && !error)
        return openConnectDialog(spec, message); // let the user fix host or password
    if (!message.isEmpty())
        reportError(tr("Open"), message, error);
    return false;
}

bool MainWindow::openSpec(const ConnectionSpec &spec, QString *error, const QString &preferredTable)
{
    // Open first: a database that cannot be opened should not cost the user a Save prompt.
    auto database = Database::open(spec, error);
    if (!database)
        return false;
    error->clear();
    if (!maybeSave())
        return false;
    closeDocument();
    m_database = std::move(database);
    RecentLocations::add(spec.displayUrl());
    updateRecentMenu();

    m_tables = m_database->tables();
    const QSignalBlocker blocker(m_ui->tableList);
    m_ui->tableList->clear();
    for (const TableInfo &table : std::as_const(m_tables)) {
        auto *item = new QListWidgetItem(table.id.displayName(), m_ui->tableList);
        item->setIcon(style()->standardIcon(table.isView ? QStyle::SP_FileDialogContentsView
                                                         : QStyle::SP_FileDialogListView));
        item->setData(kTableRole, table.id.displayName());
        if (table.isView)
            item->setToolTip(tr("View (read-only)"));
    }
    m_locationLabel->setText(spec.displayUrl());
    // Start where the user left this database, else on its first table rather than a view.
    const QString last = QSettings().value(lastTableKey(spec), preferredTable).toString();
    int first = -1;
    for (int i = 0; i < m_tables.size() && first < 0; ++i) {
        if (m_tables.at(i).id.displayName() == last)
            first = i;
    }
    for (int i = 0; i < m_tables.size() && first < 0; ++i) {
        if (!m_tables.at(i).isView)
            first = i;
    }
    if (!m_tables.isEmpty()) {
        first = qMax(first, 0);
        m_ui->tableList->setCurrentRow(first);
        showTable(m_tables.at(first));
    }
    updateState();
    return true;
}

bool MainWindow::openTable(const QString &displayName)
{
    for (int i = 0; i < m_tables.size(); ++i) {
        if (m_tables.at(i).id.displayName() == displayName) {
            m_ui->tableList->setCurrentRow(i); // goes through onTableClicked and its prompt
            return m_document && m_document->schema().id == m_tables.at(i).id;
        }
    }
    return false;
}

void MainWindow::onTableClicked(QListWidgetItem *current, QListWidgetItem *previous)
{
    if (!current || !m_database)
        return;
    const int row = m_ui->tableList->row(current);
    if (m_document && m_document->schema().id == m_tables.value(row).id)
        return;
    if (!maybeSave()) {
        // The click that got here goes on to select the clicked item after this returns, so
        // the list is put back once it has.
        const int previousRow = m_ui->tableList->row(previous);
        QMetaObject::invokeMethod(
            this,
            [this, previousRow] {
                const QSignalBlocker blocker(m_ui->tableList);
                m_ui->tableList->setCurrentRow(previousRow);
            },
            Qt::QueuedConnection);
        return;
    }
    showTable(m_tables.value(row));
}

void MainWindow::showTable(const TableInfo &table)
{
    closeDocument();
    m_document = std::make_unique<TableDocument>(*m_database, table);
    QSettings().setValue(lastTableKey(m_database->spec()), table.id.displayName());
    if (!m_document->refresh())
        statusBar()->showMessage(
            tr("Cannot read %1: %2").arg(table.id.displayName(), m_document->lastError()));
    resumeJournal(this, m_document.get());
    m_undoGroup.addStack(m_document->undoStack());
    m_undoGroup.setActiveStack(m_document->undoStack());
    connect(m_document.get(), &TableDocument::pendingCountChanged, this, &MainWindow::updateState);
    connect(m_document.get(), &TableDocument::savingChanged, this, &MainWindow::updateState);
    m_progress->setDocument(m_document.get());
    grid()->setDocument(m_document.get());
    ViewSettings::restoreTable(grid());
    updateState();
}

void MainWindow::closeDocument()
{
    ViewSettings::storeTable(grid());
    m_progress->setDocument(nullptr);
    grid()->setDocument(nullptr);
    if (m_document) {
        m_undoGroup.removeStack(m_document->undoStack());
        // Saved, discarded or nothing pending (maybeSave() came first): only a crash leaves
        // a journal behind.
        m_document->discardJournal();
    }
    m_document.reset();
}

bool MainWindow::maybeSave()
{
    if (!m_document || !m_document->isModified())
        return true;
    if (m_document->isSaving()) { // its end decides; the user can cancel it
        statusBar()->showMessage(tr("A Save is running: wait for it, or cancel it."), 8000);
        return false;
    }
    const int n = m_document->pendingCount();
    const QString table = m_document->schema().id.displayName();
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    n == 1 ? tr("%1 has 1 unsaved change.").arg(table)
                           : tr("%1 has %L2 unsaved changes.").arg(table).arg(n),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool MainWindow::save()
{
    if (!m_document || m_document->isSaving())
        return !m_document;
    SaveResult result = grid()->save();
    const bool goOn = !result.error.conflict || resolveConflicts(this, grid(), &result);
    updateState();
    if (!goOn || result.error.cancelled || result.ok) {
        statusBar()->showMessage(saveOutcome(result, goOn), result.ok ? 8000 : 0);
        return result.ok;
    }
    delete m_saveError;
    m_saveError = saveErrorBox(this, result, m_document->schema().id, [this] { save(); });
    m_saveError->show();
    return false;
}

void MainWindow::revert()
{
    if (!m_document || !m_document->isModified())
        return;
    if (m_document->pendingCount() > kConfirmRevertAbove &&
        QMessageBox::question(this, tr("Revert"),
                              tr("Drop all %L1 pending changes?").arg(m_document->pendingCount()),
                              QMessageBox::Yes | QMessageBox::No) != QMessageBox::Yes)
        return;
    m_document->revert();
}

void MainWindow::bulkEdit(int column)
{
    if (!m_document || !m_document->schema().isEditable() || m_document->isSaving())
        return;
    if (column < 0)
        column = grid()->activeColumn();
    grid()->applyFilters(); // what was typed last is the filter the dialog works on
    BulkEditDialog dialog(m_document.get(), column, grid()->selectedRows(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_document->applyBulkEdit(dialog.plan());
}

void MainWindow::goToRow()
{
    if (!m_document)
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("goToRowDialog"));
    dialog.setWindowTitle(tr("Go to Row"));
    const QString prompt = tr("Row number, or = and a key value:");
    dialog.setLabelText(prompt);
    while (dialog.exec() == QDialog::Accepted) {
        QString error;
        if (grid()->goToRow(dialog.textValue(), &error))
            return;
        dialog.setLabelText(error + '\n' + prompt); // ask again, saying why
    }
}

void MainWindow::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open database"), QString(),
        tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (!path.isEmpty())
        openLocation(path);
}

void MainWindow::openUrlDialog()
{
    ConnectionSpec spec;
    spec.kind = DatabaseKind::PostgreSQL;
    spec.host = QStringLiteral("localhost");
    openConnectDialog(spec, QString());
}

bool MainWindow::openConnectDialog(const ConnectionSpec &initial, const QString &message)
{
    ConnectDialog dialog(this);
    dialog.setSpec(initial);
    dialog.setMessage(message);
    while (dialog.exec() == QDialog::Accepted) {
        const ConnectionSpec spec = dialog.spec();
        QString error;
        if (openSpec(spec, &error)) {
            if (dialog.rememberPassword() && !spec.password.isEmpty() &&
                !PasswordStore::write(spec.displayUrl(), spec.password, &error))
                statusBar()->showMessage(tr("The password was not saved: %1").arg(error), 8000);
            return true;
        }
        if (error.isEmpty())
            return false; // the user kept the current database's unsaved changes
        dialog.setMessage(error);
    }
    return false;
}

void MainWindow::updateRecentMenu()
{
    m_ui->menuRecent->clear();
    const QStringList urls = RecentLocations::list();
    for (const QString &url : urls)
        m_ui->menuRecent->addAction(url, this, [this, url] { openLocation(url); });
    m_ui->menuRecent->setEnabled(!urls.isEmpty());
}

void MainWindow::updateState()
{
    const bool open = m_document != nullptr;
    const bool saving = open && m_document->isSaving();
    const bool editable = open && m_document->schema().isEditable() && !saving;
    const bool modified = open && m_document->isModified();
    m_ui->actionSave->setEnabled(modified && !saving);
    m_ui->actionRevert->setEnabled(modified && !saving);
    updateEditActions(
        open ? &m_document->schema() : nullptr, editable,
        {m_ui->actionSetNull, m_ui->actionBulkEdit, m_ui->actionInsertRow, m_ui->actionDeleteRows});
    m_ui->actionRefresh->setEnabled(open);
    setWindowModified(modified);
    const QString table = open ? m_document->schema().id.displayName() : QString();
    const QString where =
        m_database ? QFileInfo(m_database->spec().database).fileName() : QString();
    setWindowTitle(open ? tr("%1 — %2[*] — Tabula").arg(table, where) : tr("Tabula"));
    const int pending = open ? m_document->pendingCount() : 0;
    m_pendingLabel->setText(pending == 0   ? tr("No pending changes")
                            : pending == 1 ? tr("1 pending change")
                                           : tr("%L1 pending changes").arg(pending));
    m_pendingLabel->setStyleSheet(
        pending ? QStringLiteral("QLabel { color: #8a5a00; font-weight: bold; }") : QString());
    if (open)
        m_rowsLabel->setText(rowCountText(*m_document->model(), !m_document->filter().isEmpty()));
    else
        m_rowsLabel->clear();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (maybeSave()) {
        ViewSettings::storeWindow(this);
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openLocation(urls.first().toLocalFile());
    }
}

} // namespace Tabula
