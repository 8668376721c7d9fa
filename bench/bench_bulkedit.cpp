// Tabula's contender in scripts/bench-bulkedit.sh: the seed scenario as the app does it,
// through the core API only, as one whole process:
//   open (reads the first rows, as the window does) -> filter status "=inactive"
//   -> bulk edit status = 'active' on the matching rows -> Save.
// Usage: bench_bulkedit DATABASE [TABLE=users]
//   DATABASE is a SQLite file path or a URL (sqlite:///..., postgresql://..., mysql://...).
// Exits non-zero, saying why on stderr, if any step fails or Save did not write what the plan
// said. The script checks the data itself afterwards.
#include "database.h"
#include "tabledocument.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>

using namespace Tabula;

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_bulkedit: %s\n", qPrintable(what));
    return 1;
}

TableInfo usersTable(const Database &db, const QString &name)
{
    for (const TableInfo &table : db.tables()) {
        if (table.id.name == name)
            return table;
    }
    return {{QString(), name}, false};
}

// With TABULA_BENCH_STAGES set, each step's wall time goes to stderr (for profiling).
class Stages
{
public:
    Stages() : m_on(qEnvironmentVariableIsSet("TABULA_BENCH_STAGES")) { m_timer.start(); }
    void mark(const char *stage)
    {
        if (m_on)
            std::fprintf(stderr, "  %-8s %7.1f ms\n", stage, m_timer.nsecsElapsed() / 1e6);
        m_timer.start();
    }

private:
    bool m_on;
    QElapsedTimer m_timer;
};

int runScenario(const Database &db, const QString &tableName, Stages &stages)
{
    QString error;
    const TableInfo table = usersTable(db, tableName);
    stages.mark("tables");
    TableDocument doc(db, table);
    if (!doc.refresh()) // as the main window does when it shows a table
        return fail(QStringLiteral("read: %1").arg(doc.lastError()));
    stages.mark("open");
    const int status = doc.schema().columnIndex(QStringLiteral("status"));
    if (status < 0)
        return fail(QStringLiteral("table %1 has no status column").arg(tableName));

    FilterExpression filter;
    filter.setColumnFilter(status, QStringLiteral("=inactive"));
    if (!doc.setFilter(filter, &error))
        return fail(QStringLiteral("filter: %1").arg(error));
    stages.mark("filter");

    BulkEdit edit;
    edit.column = status;
    edit.value = QStringLiteral("active");
    const BulkEditPlan plan = doc.planBulkEdit(edit);
    if (!plan.ok())
        return fail(QStringLiteral("plan: %1").arg(plan.error));
    stages.mark("plan");
    const int changed = doc.applyBulkEdit(plan);
    stages.mark("apply");

    const SaveResult result = doc.save();
    if (!result.ok)
        return fail(QStringLiteral("save: %1").arg(result.error.message));
    stages.mark("save");
    if (changed != plan.changes.size() || result.updated != changed)
        return fail(QStringLiteral("planned %1 changes, applied %2, saved %3 rows")
                        .arg(plan.changes.size())
                        .arg(changed)
                        .arg(result.updated));
    std::fprintf(stderr, "bench_bulkedit: %d rows updated\n", result.updated);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return fail(QStringLiteral("usage: bench_bulkedit DATABASE [TABLE=users]"));

    QString error;
    Stages stages;
    const ConnectionSpec spec = ConnectionSpec::fromUrl(args.at(1), &error);
    if (!error.isEmpty())
        return fail(error);
    const auto db = Database::open(spec, &error);
    if (!db)
        return fail(QStringLiteral("open: %1").arg(error));
    stages.mark("connect");
    return runScenario(*db, args.value(2, QStringLiteral("users")), stages);
}
