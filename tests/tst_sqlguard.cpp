#include "dialect.h"
#include "sqlguard.h"

#include <QTest>

using namespace Tabula;

namespace {

// Each expression is checked as each database's dialect would check it.
struct Rows
{
    Rows()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("sql");
    }
    Rows &operator<<(const char *sql)
    {
        for (const auto &[kind, name] : {std::pair{DatabaseKind::SQLite, "sqlite"},
                                         std::pair{DatabaseKind::PostgreSQL, "postgresql"},
                                         std::pair{DatabaseKind::MySQL, "mariadb"}})
            QTest::addRow("%s: %s", name, sql) << int(kind) << QString::fromUtf8(sql);
        return *this;
    }
};

QString check(int kind, const QString &sql)
{
    return checkReadOnlyExpression(sql, *Dialect::create(DatabaseKind(kind)));
}

} // namespace

// The guard reads an expression the way every database might read it, and refuses whatever
// one of them could read as more than one read-only expression. Tests that the refused
// statements really never reach a database are in tst_filterexpression (per database).
class SqlGuardTest : public QObject
{
    Q_OBJECT
private slots:
    void accepts_data()
    {
        Rows() << "age > 30 AND status = 'active'"
               << "name = 'O''Brien'"
               << "name = 'a; DROP TABLE users'"
               << "name = '-- not a comment /* */ #'"
               << "\"weird \"\"col\"\"\" = 1"
               << "`my col` = 1"
               << "[my col] = 1"
               << "tags[1] = 'x' AND tags[1:2] IS NOT NULL"
               << "age::text = '1'"
               << "id IN (SELECT id FROM users WHERE age > 3)"
               << "name LIKE 'a%' ESCAPE '!'"
               << "a$b = 1"
               << "updated_at IS NULL OR offset_set = 1"
               << "age + 1"
               << "LOWER(name) = 'x'"
               << "name = '? :x $1 $$'"
               // Functions every database knows are pure, however they are spelled.
               << "price * 1.1 > 10"
               << "trim(name) = 'x'"
               << "lower(email) LIKE '%x' AND age > 30 AND email LIKE '%@example.com'"
               << "\"lower\"(name) = 'x'"
               << "COALESCE(NULLIF(name, ''), 'none') = 'none'"
               << "CAST(age AS VARCHAR(10)) = '1'"
               << "replace (name, 'a', 'b') = 'x'"
               << "EXISTS (SELECT 1) AND NOT (age IN (1, 2))"
               << "CASE WHEN (age > 1) THEN (1) ELSE (2) END = 1"
               // Keywords before "(" that PostgreSQL also takes as function names.
               << "name LIKE ('a' || '%') AND name NOT LIKE ('b')"
               << "id IN (SELECT t.id FROM t JOIN (SELECT 1 AS id) s ON s.id = t.id "
                  "GROUP BY (t.id) ORDER BY (t.id))"
               << "id IN (SELECT max(id) OVER (PARTITION BY (name)) FROM t)";
    }
    void accepts()
    {
        QFETCH(QString, sql);
        QFETCH(int, kind);
        QCOMPARE(check(kind, sql), QString());
    }

    void refuses_data()
    {
        Rows() << "  "
               << "1; DROP TABLE users"
               << "1); DELETE FROM users; --"
               << "(SELECT 1) ; UPDATE users SET age = 0"
               << "1 = 1;"
               << "1 = 1 -- x"
               << "1 = 1 /* x */"
               << "1 = 1 # x"
               << "1) OR (1 = 1"
               << "(1 = 1"
               << "name = 'x"
               << "id IN (DELETE FROM users RETURNING id)"
               << "1 = 1 AND update"
               << "(SELECT 1 INTO @x) = 1"
               << "nextval('s') > 0"
               << "SETVAL('s', 1) > 0"
               << "load_extension('evil') IS NULL"
               << "SLEEP(5) = 0"
               << "pg_sleep(5) IS NULL"
               << "lo_from_bytea(0, 'x') > 0"
               << "lo_put(1, 0, 'x') IS NULL"
               << "pg_stat_reset() IS NULL"
               << "(@x := 1) = 1"
               // Lexical tricks: text one database reads as a literal and another as statements.
               << "'\\' = 'a') ; DELETE FROM users ; SELECT 1 AS \"id\" "
                  "WHERE (E'\\'' = 'x'"
               << "name = 'a\\b'"
               << "$$'$$ = $$a$$) ; DELETE FROM users ; SELECT 1 AS \"id\" WHERE ($$'$$ IS NOT NULL"
               << "$x$a$x$ = 'a'"
               << "1$$'$$ = 1"
               << "id = $1"
               << "id = ?"
               << "id = :id"
               << "[x'] = 1 OR load_extension('a') OR [']"
               << "ARRAY[']'] IS NOT NULL) ; DELETE FROM users ; "
                  "SELECT (ARRAY['x'] IS NOT NULL"
               << "[a;b] = 1"
               << "[a = 1"
               // A function that is not known to be pure, however its name is spelled.
               << "\"pg_advisory_lock\"(1) IS NULL"
               << "`get_lock`('x', 0) = 1"
               << "[load_extension]('x') IS NULL"
               << "'load_extension'('x') IS NULL"
               << "GET_LOCK ('x', 0) = 1"
               << "pg_catalog.pg_advisory_lock(1) IS NULL"
               << "\"pg_catalog\" . \"pg_advisory_lock\"(1) IS NULL"
               << "U&\"pg_advisory_lock\"(1) IS NULL"
               << "U&\"p!0067_sleep\" UESCAPE '!' (1) IS NULL"
               << "public.lower(name) = 'x'"
               << "public.any(1) = 1"
               << "1 = ilike('a', 'b') OR NOT ilike('a', 'b')"
               << "join(1) = 1 AND over(1) = 1"
               << "id IN (SELECT by(1))"
               << "id IN (SELECT id FROM t ORDER BY ilike(1))"
               << "(ts AT TIME ZONE ilike('x')) IS NULL"
               << "x IS NOT ilike(1)"
               << "pg_catalog.exists(1) = 1"
               << "db.pg_catalog.lower(name) = 'x'"
               << "\"LOWER\"(name) = 'x'"
               << "query_to_xml('SELECT pg_advisory_lock(1)', true, true, '') IS NULL"
               << "1 OPERATOR(pg_catalog.+) 1 = 2";
    }

    // The refusal names the function, as the database will read it.
    void namesTheFunction()
    {
        for (int kind :
             {int(DatabaseKind::SQLite), int(DatabaseKind::PostgreSQL), int(DatabaseKind::MySQL)}) {
            QCOMPARE(check(kind, "\"pg_advisory_lock\" (1) IS NULL"),
                     QString("The function pg_advisory_lock is not allowed here: only functions "
                             "that read are."));
            QCOMPARE(check(kind, "Public.Lower(name)"),
                     QString("The function Public.Lower is not allowed here: only functions "
                             "that read are."));
        }
    }
    // PostgreSQL's jsonb ? operators read as parameters: the refusal says what to write, and
    // that is accepted.
    void jsonbKeyTestsSayTheFunctionToUse()
    {
        const int pg = int(DatabaseKind::PostgreSQL);
        const QString refusal = check(pg, "data ? 'vip'");
        QVERIFY2(refusal.contains(QLatin1String("jsonb_exists(column, 'key')")),
                 qPrintable(refusal));
        QCOMPARE(check(pg, "jsonb_exists(data, 'vip')"), QString());
        QCOMPARE(check(pg, "jsonb_exists_any(data, '{a,b}')"), QString());
        QCOMPARE(check(pg, "jsonb_exists_all(data, '{a,b}')"), QString());
    }
    void refuses()
    {
        QFETCH(QString, sql);
        QFETCH(int, kind);
        QVERIFY2(!check(kind, sql).isEmpty(), qPrintable(sql));
    }
};

QTEST_GUILESS_MAIN(SqlGuardTest)
#include "tst_sqlguard.moc"
