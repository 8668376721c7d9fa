// A "contains" column filter on a large SQLite table against the raw LIKE a script would run,
// in the same run on the same file. Tabula's filter folds case beyond ASCII (tabula_fold) and
// also reads the first window of rows and counts the matches.
// Usage: bench_filter [rows=1000000]
#include "database.h"
#include "tabledocument.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>

using namespace Tabula;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QString(argv[1]).toInt() : 1000000;
    QTemporaryDir dir;
    const QString path = dir.filePath("filter.db");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "setup");
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        q.exec(QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < %1) INSERT INTO t SELECT x, CASE WHEN x % 1000 = 0 "
                              "THEN 'Émile ' || x ELSE 'user number ' || x END FROM c")
                   .arg(rows));
        db.close();
    }
    QSqlDatabase::removeDatabase("setup");

    QString error;
    auto db = Database::open(ConnectionSpec::sqliteFile(path), &error);
    QElapsedTimer t;
    t.start();
    QSqlQuery raw(db->connection());
    raw.exec("SELECT COUNT(*) FROM t WHERE name LIKE '%mile%'");
    raw.next();
    const double rawSeconds = t.nsecsElapsed() / 1e9;
    const qlonglong rawCount = raw.value(0).toLongLong();

    TableDocument doc(*db, {{QString(), "t"}, false});
    t.restart();
    FilterExpression filter;
    filter.setColumnFilter(1, QStringLiteral("émile"));
    doc.setFilter(filter, &error);
    const double tabulaSeconds = t.nsecsElapsed() / 1e9;

    std::printf("rows: %d\n", rows);
    std::printf("raw COUNT(*) ... LIKE '%%mile%%':     %7.3f s  (%lld rows)\n", rawSeconds,
                rawCount);
    std::printf("Tabula filter 'émile' (rows + count): %7.3f s  (%lld rows)  ratio %.2fx\n",
                tabulaSeconds, doc.model()->matchingRowCount(), tabulaSeconds / rawSeconds);
    return 0;
}
