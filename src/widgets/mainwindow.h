#pragma once

#include "connectionspec.h"
#include "savejob.h"
#include "tableschema.h"

#include <QMainWindow>
#include <QUndoGroup>
#include <memory>

class QLabel;
class QListWidgetItem;
class QMessageBox;

namespace Ui {
class MainWindow;
}

namespace Tabula {

class Database;
class TableDocument;
class TableGrid;
class TaskProgress;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a database by file path or URL and shows its first table. On failure the current
    // database stays open and the reason goes to `error`, or to a message box if it is null.
    bool openLocation(const QString &location, QString *error = nullptr);
    bool openDemo(QString *error = nullptr);
    bool openTable(const QString &displayName);

    TableGrid *grid() const;
    TableDocument *document() const { return m_document.get(); }
    Database *database() const { return m_database.get(); }
    QMessageBox *lastSaveError() const { return m_saveError; }

public slots:
    bool save();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Asks Save / Discard / Cancel when there are pending changes; true means go on.
    bool maybeSave();
    void closeDocument();
    void showTable(const TableInfo &table);
    void onTableClicked(QListWidgetItem *current, QListWidgetItem *previous);
    void updateState();
    void updateRecentMenu();
    void reportError(const QString &title, const QString &message, QString *error);
    void revert();
    void bulkEdit(int column = -1);
    void goToRow();
    void openFileDialog();
    void openUrlDialog();
    bool openSpec(const ConnectionSpec &spec, QString *error,
                  const QString &preferredTable = QString());
    bool openConnectDialog(const ConnectionSpec &initial, const QString &message);

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<TableDocument> m_document;
    QList<TableInfo> m_tables;
    QUndoGroup m_undoGroup;
    QLabel *m_rowsLabel;
    QLabel *m_pendingLabel;
    QLabel *m_locationLabel;
    TaskProgress *m_progress;
    QMessageBox *m_saveError = nullptr;
};

} // namespace Tabula
