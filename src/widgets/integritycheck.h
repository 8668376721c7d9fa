#pragma once

#include <QObject>
#include <memory>

class QAction;
class QProgressDialog;

namespace Tabula {

class BackgroundQuery;
class MainWindow;

// File > Check Database Integrity: reads every page of a SQLite file (PRAGMA quick_check) on
// a worker, with progress and Cancel, and says what it found. A damaged file turns read-only,
// as one found damaged at open does; pending edits stay (in the grid and the crash journal).
// Servers keep their own storage: there the action is disabled, saying so.
class IntegrityCheck : public QObject
{
    Q_OBJECT
public:
    explicit IntegrityCheck(MainWindow *window);
    ~IntegrityCheck() override;

    QAction *action() const { return m_action; }
    void start();

private:
    void updateAction();
    void finish(const QString &found, const QString &failure);

    MainWindow *m_window;
    QAction *m_action;
    std::unique_ptr<BackgroundQuery> m_query;
    QProgressDialog *m_progress = nullptr;
};

} // namespace Tabula
