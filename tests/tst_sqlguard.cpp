#include "sqlguard.h"

#include <QTest>

using namespace Tabula;

// The guard reads an expression the way every database might read it, and refuses whatever
// one of them could read as more than one read-only expression. Tests that the refused
// statements really never reach a database are in tst_filterexpression (per database).
class SqlGuardTest : public QObject
{
    Q_OBJECT
private slots:
    void accepts_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("comparison") << "age > 30 AND status = 'active'";
        QTest::newRow("doubled quote") << "name = 'O''Brien'";
        QTest::newRow("semicolon in literal") << "name = 'a; DROP TABLE users'";
        QTest::newRow("comment in literal") << "name = '-- not a comment /* */ #'";
        QTest::newRow("quoted identifier") << "\"weird \"\"col\"\"\" = 1";
        QTest::newRow("backtick identifier") << "`my col` = 1";
        QTest::newRow("sqlite bracket identifier") << "[my col] = 1";
        QTest::newRow("pg subscript") << "tags[1] = 'x' AND tags[1:2] IS NOT NULL";
        QTest::newRow("pg cast") << "age::text = '1'";
        QTest::newRow("subquery") << "id IN (SELECT id FROM users WHERE age > 3)";
        QTest::newRow("like") << "name LIKE 'a%' ESCAPE '!'";
        QTest::newRow("dollar inside name") << "a$b = 1";
        QTest::newRow("word containing keyword") << "updated_at IS NULL OR offset_set = 1";
        QTest::newRow("expression") << "age + 1";
        QTest::newRow("function") << "LOWER(name) = 'x'";
        QTest::newRow("placeholder text in literal") << "name = '? :x $1 $$'";
    }
    void accepts()
    {
        QFETCH(QString, sql);
        QCOMPARE(checkReadOnlyExpression(sql), QString());
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("empty") << "  ";
        QTest::newRow("second statement") << "1; DROP TABLE users";
        QTest::newRow("closing paren and delete") << "1); DELETE FROM users; --";
        QTest::newRow("select then update") << "(SELECT 1) ; UPDATE users SET age = 0";
        QTest::newRow("trailing semicolon") << "1 = 1;";
        QTest::newRow("dash comment") << "1 = 1 -- x";
        QTest::newRow("block comment") << "1 = 1 /* x */";
        QTest::newRow("mysql comment") << "1 = 1 # x";
        QTest::newRow("unbalanced close") << "1) OR (1 = 1";
        QTest::newRow("unbalanced open") << "(1 = 1";
        QTest::newRow("unclosed quote") << "name = 'x";
        QTest::newRow("delete word") << "id IN (DELETE FROM users RETURNING id)";
        QTest::newRow("update word") << "1 = 1 AND update";
        QTest::newRow("select into") << "(SELECT 1 INTO @x) = 1";
        QTest::newRow("nextval") << "nextval('s') > 0";
        QTest::newRow("setval") << "SETVAL('s', 1) > 0";
        QTest::newRow("load_extension") << "load_extension('evil') IS NULL";
        QTest::newRow("sleep") << "SLEEP(5) = 0";
        QTest::newRow("pg_sleep") << "pg_sleep(5) IS NULL";
        QTest::newRow("large object write") << "lo_from_bytea(0, 'x') > 0";
        QTest::newRow("lo_put") << "lo_put(1, 0, 'x') IS NULL";
        QTest::newRow("pg_stat_reset") << "pg_stat_reset() IS NULL";
        QTest::newRow("mysql assignment") << "(@x := 1) = 1";
        // Lexical tricks: text one database reads as a literal and another as statements.
        QTest::newRow("backslash quote") << "'\\' = 'a') ; DELETE FROM users ; SELECT 1 AS \"id\" "
                                            "WHERE (E'\\'' = 'x'";
        QTest::newRow("backslash alone") << "name = 'a\\b'";
        QTest::newRow("dollar quote")
            << "$$'$$ = $$a$$) ; DELETE FROM users ; SELECT 1 AS \"id\" WHERE ($$'$$ IS NOT NULL";
        QTest::newRow("tagged dollar quote") << "$x$a$x$ = 'a'";
        QTest::newRow("number then dollar quote") << "1$$'$$ = 1";
        QTest::newRow("positional parameter") << "id = $1";
        QTest::newRow("question mark") << "id = ?";
        QTest::newRow("named placeholder") << "id = :id";
        QTest::newRow("quote in brackets") << "[x'] = 1 OR load_extension('a') OR [']";
        QTest::newRow("array with quote") << "ARRAY[']'] IS NOT NULL) ; DELETE FROM users ; "
                                             "SELECT (ARRAY['x'] IS NOT NULL";
        QTest::newRow("semicolon in brackets") << "[a;b] = 1";
        QTest::newRow("unclosed bracket") << "[a = 1";
    }
    void refuses()
    {
        QFETCH(QString, sql);
        QVERIFY2(!checkReadOnlyExpression(sql).isEmpty(), qPrintable(sql));
    }
};

QTEST_GUILESS_MAIN(SqlGuardTest)
#include "tst_sqlguard.moc"
