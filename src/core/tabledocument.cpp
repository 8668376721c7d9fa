#include "tabledocument.h"

#include "database.h"
#include "editcommands.h"

#include <QFile>
#include <QSqlError>

namespace Tabula {

TableDocument::TableDocument(const Database &database, const TableInfo &table, QObject *parent)
    : QObject(parent), m_database(database), m_backgroundSave(database), m_backgroundPlan(database)
{
    m_model =
        std::make_unique<TableModel>(database, database.schema(table), &m_changes, &m_undoStack);
    connect(&m_changes, &ChangeSet::changed, this, [this] {
        emit pendingCountChanged(m_changes.pendingCount());
        if (m_wasModified != isModified()) {
            m_wasModified = isModified();
            emit modifiedChanged(m_wasModified);
        }
    });
    connect(&m_backgroundSave, &BackgroundSave::finished, this, &TableDocument::finishSave);
    connect(&m_backgroundPlan, &BackgroundPlan::finished, this, [this](const BulkEditPlan &plan) {
        if (m_planTakesCount)
            m_model->takeCount(plan.ok() ? plan.rowsInScope : -1);
        m_planTakesCount = false;
        emit bulkPlanned(plan);
    });
}

TableDocument::~TableDocument()
{
    // Closing the document is not a crash: the journal goes only where nothing is pending,
    // and what is pending was saved or discarded on purpose before.
    m_journal.reset();
    // Undo commands point into the change set; drop them before it goes.
    m_undoStack.clear();
}

bool TableDocument::refresh()
{
    if (m_model->select()) {
        m_lastError.clear();
        return true;
    }
    m_lastError = m_model->lastError().text();
    return false;
}

int TableDocument::insertRow()
{
    if (!schema().isEditable() || isSaving())
        return -1;
    ChangeSet::InsertedRow row;
    row.serial = m_changes.nextSerial();
    auto *command = new InsertRowCommand(&m_changes, row);
    m_undoStack.push(command);
    return m_model->rowForKey(RowKey::inserted(row.serial));
}

void TableDocument::deleteRows(const QList<int> &rows)
{
    m_model->deleteRows(rows);
}

bool TableDocument::setNull(const QModelIndexList &cells)
{
    return m_model->setCells(cells, QVariant(),
                             cells.size() == 1 ? tr("Set NULL")
                                               : tr("Set NULL in %L1 cells").arg(cells.size()));
}

void TableDocument::revert()
{
    if (!m_changes.isEmpty() && !isSaving())
        m_undoStack.push(new RevertCommand(&m_changes));
}

bool TableDocument::setFilter(const FilterExpression &filter, QString *error)
{
    const SqlFragment where = filter.toSql(m_database.dialect(), schema(), error);
    if (!error->isEmpty())
        return false;
    const SqlFragment previous = m_model->where();
    m_model->setWhere(where);
    if (!m_model->select()) {
        const QSqlError e = m_model->lastError();
        *error = e.databaseText().isEmpty() ? e.text() : e.databaseText();
        m_model->setWhere(previous);
        return false;
    }
    m_filter = filter;
    return true;
}

bool TableDocument::stopCountForPlan(const BulkEdit &edit) const
{
    // A plan of the filter's rows reads every one of them, and so counts them: a count still
    // running on the worker would scan the table a second time beside it.
    const bool counts = edit.scope == BulkEdit::Scope::MatchingRows && m_model->isCounting();
    if (counts)
        m_model->cancelCount();
    return counts;
}

BulkEditPlan TableDocument::planBulkEdit(const BulkEdit &edit) const
{
    const bool counts = stopCountForPlan(edit);
    const BulkEditPlan plan = Tabula::planBulkEdit(*m_model, m_changes, edit);
    if (counts)
        m_model->takeCount(plan.ok() ? plan.rowsInScope : -1);
    return plan;
}

void TableDocument::startBulkPlan(const BulkEdit &edit)
{
    cancelBulkPlan();
    PlanQueries queries;
    const BulkEditPlan begun = beginBulkPlan(*m_model, m_changes, edit, &queries);
    if (!begun.ok()) {
        emit bulkPlanned(begun);
        return;
    }
    m_planTakesCount = stopCountForPlan(edit);
    m_backgroundPlan.start(schema(), m_changes, queries, begun);
}

void TableDocument::cancelBulkPlan()
{
    if (!m_backgroundPlan.isRunning())
        return;
    m_backgroundPlan.cancel();
    if (m_planTakesCount)
        m_model->takeCount(-1); // counted again on the worker
    m_planTakesCount = false;
}

int TableDocument::applyBulkEdit(const BulkEditPlan &plan)
{
    if (!plan.ok() || plan.changes.isEmpty() || isSaving())
        return 0;
    const int column = plan.changes.first().column;
    const int n = int(plan.changes.size());
    const QString text =
        n == 1 ? tr("Set %1 on 1 row").arg(schema().columns.at(column).name)
               : tr("Set %1 on %L2 rows").arg(schema().columns.at(column).name).arg(n);
    m_undoStack.push(
        new BulkEditCommand(&m_changes, plan.changes.stored, plan.changes.inserted, text));
    return n;
}

SaveResult TableDocument::save()
{
    const SaveResult result = m_model->saveChanges();
    emit saved(result);
    return result;
}

bool TableDocument::startSave()
{
    if (isSaving())
        return false;
    m_model->setFailedRow({}, {});
    if (m_changes.isEmpty()) {
        SaveResult nothing;
        nothing.ok = true;
        emit saved(nothing);
        return true;
    }
    setSaving(true);
    m_backgroundSave.start(schema(), m_changes);
    return true;
}

void TableDocument::finishSave(const SaveResult &result)
{
    setSaving(false);
    m_model->finishSave(result);
    emit saved(result);
}

void TableDocument::setSaving(bool saving)
{
    m_model->setSaving(saving);
    // QUndoStack has no lock: an inactive stack leaves its group's actions disabled.
    m_undoStack.setActive(!saving);
    emit savingChanged(saving);
}

namespace {

QStringList columnNames(const TableSchema &schema)
{
    QStringList names;
    for (const ColumnInfo &c : schema.columns)
        names << c.name;
    return names;
}

} // namespace

QString TableDocument::journalPath(const QString &folder) const
{
    return ChangeJournal::pathFor(folder, m_database.spec().displayUrl(), schema().id);
}

void TableDocument::startJournal(const QString &folder)
{
    m_journal.reset();
    m_journal = std::make_unique<ChangeJournal>(
        journalPath(folder),
        ChangeJournal::Header{m_database.spec().displayUrl(), schema().id, columnNames(schema())},
        &m_changes);
}

void TableDocument::discardJournal()
{
    if (!m_journal)
        return;
    const QString path = m_journal->path();
    m_journal.reset();
    QFile::remove(path);
}

bool TableDocument::restoreJournal(const ChangeJournal::Contents &contents, QString *error)
{
    if (isSaving()) {
        *error = tr("A Save is running.");
        return false;
    }
    if (!ChangeJournal::matches(contents.header, schema().id, columnNames(schema()))) {
        *error = tr("The unsaved changes were made to %1 with other columns than it has now; "
                    "they were not restored.")
                     .arg(contents.header.table.displayName());
        return false;
    }
    m_undoStack.push(
        new RestoreChangesCommand(&m_changes, contents.snapshot,
                                  tr("Restore %L1 unsaved changes").arg(contents.pendingCount)));
    return true;
}

bool TableDocument::collectConflicts(QVector<Conflict> *conflicts, QString *error) const
{
    return ConflictScan(m_database, schema(), m_changes).run(conflicts, error);
}

void TableDocument::applyResolutions(const QVector<Conflict> &conflicts,
                                     const QVector<Resolution> &choices)
{
    if (conflicts.isEmpty() || isSaving())
        return;
    m_undoStack.push(new ResolveConflictsCommand(&m_changes, conflicts, choices));
    m_model->reload(); // their values, where the user took them, in place
}

} // namespace Tabula
