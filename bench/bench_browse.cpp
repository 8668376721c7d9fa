// Issue 10's browsing figures, one step per process (scripts/bench-browse.sh times each whole
// process and reads its peak RSS; the process prints its own time from the open to the end of
// the step, without start-up and exit), for Tabula's TableModel as TableDocument gives it and
// for a plain QSqlTableModel on the same connection:
//   first-screen  open, then data() of the first 50 rows, every column, in the roles a view
//                 paints with (display, background, foreground, font)
//   last-row      open, to the end as a view goes on Ctrl+End (QSqlTableModel: fetchMore()
//                 until the end; Tabula: one window from the end, placed by the catalog's
//                 estimate while counting, else after the count), then data() of the last 50
//                 rows; the last must be the table's last (its id is ROWS)
//   all-rows      open, fetch to the end and data() of every row once: peak RSS after every
//                 row was shown
// Usage: bench_browse tabula|qsql first-screen|last-row|all-rows DATABASE ROWS [TABLE=users]
// Exits non-zero if the model does not end up with the ROWS it should have.
#include "database.h"
#include "tabledocument.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QSqlTableModel>
#include <cstdio>

using namespace Tabula;

namespace {

constexpr int kScreenRows = 50;

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_browse: %s\n", qPrintable(what));
    return 1;
}

// Asks every role a view paints with of every cell in rows [first, last); returns how many
// answers were not empty, so the calls cannot be optimized away.
qint64 showRows(const QAbstractItemModel &model, int first, int last)
{
    static const int roles[] = {Qt::DisplayRole, Qt::BackgroundRole, Qt::ForegroundRole,
                                Qt::FontRole};
    qint64 answers = 0;
    const int columns = model.columnCount();
    for (int row = qMax(0, first); row < last; ++row) {
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(row, column);
            for (int role : roles)
                answers += model.data(index, role).isValid() ? 1 : 0;
        }
    }
    return answers;
}

// What a view does on Ctrl+End: Qt's model fetches every row up to the end; Tabula's counts
// them on a worker thread (started when it opened) and reads the last window alone, at once
// where an estimate stands for the count until it comes (`untilCounted`: waits for the count).
void fetchAll(QAbstractItemModel &model, bool untilCounted)
{
    if (auto *tabula = qobject_cast<TableModel *>(&model)) {
        if (untilCounted || !tabula->rowCountIsEstimated())
            tabula->waitForCount();
        return;
    }
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
}

// The last row shown must be the table's last. Tabula's rows are in key order, so its first
// column (the id) is the row count; QSqlTableModel's are in no order: it must have every row.
int checkLastRow(const QAbstractItemModel &model, qint64 expectedRows)
{
    const int rows = model.rowCount();
    if (!qobject_cast<const TableModel *>(&model)) {
        if (rows == expectedRows)
            return 0;
        return fail(QStringLiteral("%1 rows fetched, want %2").arg(rows).arg(expectedRows));
    }
    const qint64 id = model.index(rows - 1, 0).data(Qt::EditRole).toLongLong();
    if (id != expectedRows)
        return fail(QStringLiteral("the last of %1 rows has id %2, want %3")
                        .arg(rows)
                        .arg(id)
                        .arg(expectedRows));
    return 0;
}

// Runs one step on an opened model; returns the process's exit code.
int browse(QAbstractItemModel &model, const QString &step, qint64 expectedRows)
{
    qint64 answers = 0;
    if (step == QLatin1String("first-screen")) {
        answers = showRows(model, 0, kScreenRows);
        expectedRows = qMin<qint64>(expectedRows, kScreenRows);
        if (model.rowCount() < expectedRows)
            return fail(QStringLiteral("%1 rows on screen, want %2")
                            .arg(model.rowCount())
                            .arg(expectedRows));
    } else if (step == QLatin1String("last-row")) {
        fetchAll(model, false);
        const int rows = model.rowCount();
        answers = showRows(model, rows - kScreenRows, rows);
        if (const int failed = checkLastRow(model, expectedRows))
            return failed;
    } else if (step == QLatin1String("all-rows")) {
        fetchAll(model, true);
        const int rows = model.rowCount();
        answers = showRows(model, 0, rows);
        if (rows != expectedRows)
            return fail(QStringLiteral("%1 rows fetched, want %2").arg(rows).arg(expectedRows));
    } else {
        return fail(QStringLiteral("unknown step %1").arg(step));
    }
    std::fprintf(stderr, "bench_browse: %d rows, %lld answers\n", model.rowCount(), answers);
    return 0;
}

TableInfo findTable(const Database &db, const QString &name)
{
    for (const TableInfo &table : db.tables()) {
        if (table.id.name == name)
            return table;
    }
    return {{QString(), name}, false};
}

int browseWith(const QString &which, const Database &db, const QString &table, const QString &step,
               qint64 rows)
{
    if (which == QLatin1String("tabula")) {
        TableDocument doc(db, findTable(db, table));
        if (!doc.refresh()) // as the main window does when it shows a table
            return fail(QStringLiteral("read: %1").arg(doc.lastError()));
        return browse(*doc.model(), step, rows);
    }
    QSqlTableModel model(nullptr, db.connection());
    model.setTable(table);
    if (!model.select())
        return fail(QStringLiteral("select: %1").arg(model.lastError().text()));
    return browse(model, step, rows);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // fonts and brushes want a GUI application
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5)
        return fail(QStringLiteral("usage: bench_browse tabula|qsql "
                                   "first-screen|last-row|all-rows DATABASE ROWS [TABLE=users]"));
    QElapsedTimer timer; // from the open to the end of the step, printed for the script
    timer.start();
    QString error;
    const ConnectionSpec spec = ConnectionSpec::fromUrl(args.at(3), &error);
    if (!error.isEmpty())
        return fail(error);
    const auto db = Database::open(spec, &error);
    if (!db)
        return fail(QStringLiteral("open: %1").arg(error));
    const int exitCode = browseWith(args.at(1), *db, args.value(5, QStringLiteral("users")),
                                    args.at(2), args.at(4).toLongLong());
    std::fprintf(stderr, "bench_browse: in process: %lld us\n", timer.nsecsElapsed() / 1000);
    return exitCode;
}
