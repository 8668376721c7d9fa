#pragma once

#include "backgroundplan.h"
#include "backgroundsave.h"
#include "bulkedit.h"
#include "changejournal.h"
#include "changeset.h"
#include "conflictresolution.h"
#include "filterexpression.h"
#include "savejob.h"
#include "tablemodel.h"

#include <QObject>
#include <QUndoStack>
#include <memory>

namespace Tabula {

class Database;

// One open table and everything pending for it: the change set, its undo stack and the
// grid's model. What the user does with the table goes through here, so tests drive it
// without a window.
class TableDocument : public QObject
{
    Q_OBJECT
public:
    TableDocument(const Database &database, const TableInfo &table, QObject *parent = nullptr);
    ~TableDocument() override;

    const Database &database() const { return m_database; }
    const TableSchema &schema() const { return m_model->schema(); }
    TableModel *model() const { return m_model.get(); }
    ChangeSet *changes() { return &m_changes; }
    QUndoStack *undoStack() { return &m_undoStack; }
    bool isModified() const { return !m_changes.isEmpty(); }
    int pendingCount() const { return m_changes.pendingCount(); }

    // Re-reads the rows with the current filter and sort. Pending changes stay.
    bool refresh();
    QString lastError() const { return m_lastError; }

    // Adds an empty row (every column at its default) and returns its row in the model.
    int insertRow();
    void deleteRows(const QList<int> &rows);
    bool setNull(const QModelIndexList &cells);
    void revert();

    // Filters the grid. A filter that does not compile, or that the database refuses, leaves
    // the grid as it was and returns the reason. Pending changes are never touched.
    bool setFilter(const FilterExpression &filter, QString *error);
    const FilterExpression &filter() const { return m_filter; }

    BulkEditPlan planBulkEdit(const BulkEdit &edit) const;
    // The same plan with its rows read on a worker thread (BackgroundPlan): returns at once
    // (with the plan when it is refused before any read), and bulkPlanned() brings the plan.
    // A new start drops the plan under way; the change set must not change meanwhile.
    void startBulkPlan(const BulkEdit &edit);
    void cancelBulkPlan();
    bool isPlanning() const { return m_backgroundPlan.isRunning(); }
    // Applies a planned bulk edit as one undo step; returns the number of changed cells.
    int applyBulkEdit(const BulkEditPlan &plan);

    // Writes every pending change in one transaction. On success the change set and the undo
    // history are cleared and the rows re-read; on failure nothing pending is lost and the
    // failed row is marked in the model.
    SaveResult save();
    // The same Save on a worker thread (BackgroundSave): returns at once, and saved() says how
    // it went, after the same clearing and re-reading. Until then every edit is refused and
    // the undo stack is inactive (its group's Undo and Redo actions are disabled). False when
    // a Save is running already.
    bool startSave();
    // Stops the Save under way: it rolls back, nothing is written, every edit is kept.
    void cancelSave() { m_backgroundSave.cancel(); }
    bool isSaving() const { return m_model->isSaving(); }
    qint64 rowsSaved() const { return m_backgroundSave.rowsWritten(); }

    // Keeps what is pending in a journal file in `folder` from now on (see ChangeJournal), so
    // that a crash loses nothing. journalPath() is where it is kept.
    void startJournal(const QString &folder);
    QString journalPath(const QString &folder) const;
    // Stops journaling and removes the file: what was pending was saved or given up on purpose.
    void discardJournal();
    // Brings back what a journal held, as one undo step; false with the reason when the
    // journal is of another table or columns. Restored edits go through the conflict check
    // at Save like any other.
    bool restoreJournal(const ChangeJournal::Contents &contents, QString *error);

    // After a Save failed on a conflict: every pending change someone else's change since
    // loading stands in the way of (ConflictScan), read without a transaction. False with
    // the database's reason when the rows cannot be read.
    bool collectConflicts(QVector<Conflict> *conflicts, QString *error) const;
    // Applies the user's choice for each conflict as one undo step (ResolveConflictsCommand)
    // and re-reads the rows, so that a cell that took theirs shows their value.
    void applyResolutions(const QVector<Conflict> &conflicts, const QVector<Resolution> &choices);

signals:
    void modifiedChanged(bool modified);
    void pendingCountChanged(int count);
    void saved(const SaveResult &result);
    void savingChanged(bool saving);
    void bulkPlanned(const Tabula::BulkEditPlan &plan);

private:
    // Stops the count a plan of `edit` makes needless; true when the plan's rows stand for it.
    bool stopCountForPlan(const BulkEdit &edit) const;
    void finishSave(const SaveResult &result);
    void setSaving(bool saving);

    const Database &m_database;
    ChangeSet m_changes;
    QUndoStack m_undoStack;
    std::unique_ptr<TableModel> m_model;
    std::unique_ptr<ChangeJournal> m_journal;
    QString m_lastError;
    FilterExpression m_filter;
    bool m_wasModified = false;
    bool m_planTakesCount = false;
    // Last: their workers read the change set and the schema.
    BackgroundSave m_backgroundSave;
    BackgroundPlan m_backgroundPlan;
};

} // namespace Tabula
