// Bulk edit + Save against the alternatives, on the same data in the same run:
//   raw       one UPDATE ... WHERE status = 'inactive' (what a script would do)
//   tabula    filter, plan + apply the bulk edit, Save (one transaction, reused statement)
//   qt-cache  QSqlTableModel OnManualSubmit setData() + submitAll() (small n: it is O(n^2))
// Prints seconds and ratios. Usage: bench_save [rows=100000] [--no-qt-cache] (for profiling)
#include "database.h"
#include "tabledocument.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlTableModel>
#include <QTemporaryDir>
#include <cstdio>

using namespace Tabula;

namespace {

QString makeDatabase(const QTemporaryDir &dir, const QString &name, int rows)
{
    const QString path = dir.filePath(name);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "setup");
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, status TEXT, age INTEGER)");
        q.exec(QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < %1) INSERT INTO users SELECT x, 'user ' || x, "
                              "'inactive', x % 90 FROM c")
                   .arg(rows));
        db.close();
    }
    QSqlDatabase::removeDatabase("setup");
    return path;
}

double rawUpdate(const QString &path)
{
    QString error;
    auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
    QElapsedTimer t;
    t.start();
    QSqlQuery q(db->connection());
    q.exec("BEGIN IMMEDIATE");
    q.exec("UPDATE users SET status = 'active' WHERE status = 'inactive'");
    q.exec("COMMIT");
    return t.nsecsElapsed() / 1e9;
}

double tabulaBulkEdit(const QString &path, double *planSeconds, double *saveSeconds, int *changed)
{
    QString error;
    auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
    QElapsedTimer t;
    t.start();
    TableDocument doc(*db, {{QString(), "users"}, false});
    FilterExpression filter;
    filter.setColumnFilter(2, "=inactive");
    doc.setFilter(filter, &error);
    BulkEdit edit;
    edit.column = 2;
    edit.value = QStringLiteral("active");
    const BulkEditPlan plan = doc.planBulkEdit(edit);
    *changed = doc.applyBulkEdit(plan);
    *planSeconds = t.nsecsElapsed() / 1e9;
    QElapsedTimer s;
    s.start();
    const SaveResult result = doc.save();
    *saveSeconds = s.nsecsElapsed() / 1e9;
    if (!result.ok)
        std::fprintf(stderr, "save failed: %s\n", qPrintable(result.error.message));
    return t.nsecsElapsed() / 1e9;
}

double qtCache(const QString &path, int rows)
{
    QString error;
    auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
    QElapsedTimer t;
    t.start();
    QSqlTableModel model(nullptr, db->connection());
    model.setTable("users");
    model.setEditStrategy(QSqlTableModel::OnManualSubmit);
    model.select();
    while (model.canFetchMore())
        model.fetchMore();
    for (int row = 0; row < rows; ++row)
        model.setData(model.index(row, 2), QStringLiteral("active"));
    db->connection().transaction();
    model.submitAll();
    db->connection().commit();
    return t.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int rows = args.size() > 1 && args.at(1).toInt() > 0 ? args.at(1).toInt() : 100000;
    const bool qtCacheToo = !args.contains(QStringLiteral("--no-qt-cache"));
    QTemporaryDir dir;

    const double raw = rawUpdate(makeDatabase(dir, "raw.db", rows));
    double plan = 0, save = 0;
    int changed = 0;
    const double tabula =
        tabulaBulkEdit(makeDatabase(dir, "tabula.db", rows), &plan, &save, &changed);
    std::printf("rows: %d (changed by Tabula: %d)\n", rows, changed);
    std::printf("raw UPDATE:                 %8.3f s\n", raw);
    std::printf(
        "Tabula bulk edit + Save:    %8.3f s  (plan+apply %.3f s, save %.3f s)  ratio %.2fx\n",
        tabula, plan, save, tabula / raw);
    for (int n : {2000, 8000}) {
        if (!qtCacheToo)
            break;
        const double q = qtCache(makeDatabase(dir, QStringLiteral("qt%1.db").arg(n), n), n);
        std::printf("QSqlTableModel cache, %5d rows: %8.3f s  (per row %.1f us)\n", n, q,
                    q / n * 1e6);
    }
    return 0;
}
