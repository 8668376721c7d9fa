// Exact decimals stay exact, or are refused with a clear message, never rounded in silence.
// SQLite keeps a DECIMAL column's numbers as 64-bit floats (NUMERIC affinity, about 15
// digits): a value with more digits is refused where it is typed (the grid's editor, paste
// and bulk edit all read typed text through valueFromText), with what SQLite would have kept.
// PostgreSQL numeric and MariaDB DECIMAL are exact: the same value is saved digit for digit.
// Keys too: a SQLite TEXT key that is not UTF-8 is kept as its bytes, so its row can be saved.

#include "bulkedit.h"
#include "tabledocument.h"
#include "tablemodel.h"
#include "testdatabases.h"
#include "valuetext.h"

#include <QTest>

using namespace Tabula;

namespace {

const QString kLong = QStringLiteral("12345678901234567.89");

} // namespace

class ExactValuesTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_doc;

    bool isSqlite() const { return m_db->dialect().kind() == DatabaseKind::SQLite; }
    const ColumnInfo &amount() const { return m_doc->schema().columns.at(1); }
    QString committed() const
    {
        const QString sql = QStringLiteral("SELECT %1 FROM t WHERE id = 1")
                                .arg(m_db->dialect().castToText(QStringLiteral("amount")));
        return Test::readRows(*m_db, sql).value(0).value(0).toString();
    }
    // Types `text` into the amount cell of row 1 and saves; what valueFromText said, if it
    // refused.
    QString typeAndSave(const QString &text)
    {
        QString error;
        const QVariant value = valueFromText(amount(), text, &error);
        if (!error.isEmpty())
            return error;
        TableModel *model = m_doc->model();
        if (!model->setData(model->index(0, 1), value))
            return QStringLiteral("the model refused the value");
        const SaveResult result = m_doc->save();
        return result.ok ? QString() : result.error.describe(m_doc->schema().id);
    }

private slots:
    void initTestCase_data() { Test::addDatabaseRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        QCOMPARE(
            Test::exec(*m_db, "CREATE TABLE t (id INTEGER PRIMARY KEY, amount DECIMAL(20, 2))"),
            QString());
        QCOMPARE(Test::exec(*m_db, "INSERT INTO t VALUES (1, 1.5)"), QString());
        m_doc = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, "t"));
        QVERIFY(m_doc->refresh());
    }
    void cleanup()
    {
        m_doc.reset();
        m_db.reset();
    }

    void aValueWithinTheDigitsIsSavedExactly()
    {
        QCOMPARE(typeAndSave("1234.56"), QString());
        QCOMPARE(committed(), QStringLiteral("1234.56"));
        QCOMPARE(typeAndSave("-0.1"), QString());
        QCOMPARE(committed().toDouble(), -0.1);
    }

    void moreDigitsAreSavedExactlyOrRefusedNeverRounded()
    {
        const QString said = typeAndSave(kLong);
        if (isSqlite()) {
            QVERIFY2(said.contains("15 significant digits") && said.contains(kLong) &&
                         said.contains("12345678901234568"),
                     qPrintable(said));
            QCOMPARE(committed(), QStringLiteral("1.5")); // nothing written
            QCOMPARE(m_doc->pendingCount(), 0);
        } else {
            QCOMPARE(said, QString());
            QCOMPARE(committed(), kLong);
        }
    }

    // Control: what the refusal prevents. The same text bound into the column as it is,
    // which is what Tabula did before, comes back rounded on SQLite.
    void withoutTheCheckSqliteRounds()
    {
        if (!isSqlite())
            QSKIP("PostgreSQL and MariaDB store the digits");
        QCOMPARE(m_doc->pendingCount(), 0);
        TableModel *model = m_doc->model();
        QVERIFY(model->setData(model->index(0, 1), kLong)); // not through valueFromText
        const SaveResult result = m_doc->save();
        QVERIFY(result.ok);
        QVERIFY2(committed() != kLong, qPrintable(committed()));
        QCOMPARE(committed().toDouble(), kLong.toDouble());
    }

    // More integer digits than DECIMAL(20, 2) holds: refused where it is typed, on every
    // database (SQLite: more digits than a float keeps; the servers: the declared precision).
    void beyondTheDeclaredPrecisionIsRefusedNotTruncated()
    {
        const QString tooBig = QStringLiteral("123456789012345678901.5");
        const QString said = typeAndSave(tooBig);
        QVERIFY2(!said.isEmpty(), "a value beyond the precision was accepted");
        QCOMPARE(committed().toDouble(), 1.5); // nothing written
        QCOMPARE(m_doc->pendingCount(), 0);    // refused before it became an edit
        if (!isSqlite())
            QVERIFY2(said.contains("at most 18 digits before the decimal point"), qPrintable(said));
    }

    // Control: without the check the servers refuse the same value only at Save (PostgreSQL:
    // numeric field overflow; MariaDB, strict sql_mode: out of range), keeping the edit.
    void withoutTheCheckServersRefuseAtSave()
    {
        if (isSqlite())
            QSKIP("SQLite refuses it where it is typed");
        TableModel *model = m_doc->model();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("123456789012345678901.5")));
        const SaveResult result = m_doc->save();
        QVERIFY(!result.ok);
        const QString said = result.error.describe(m_doc->schema().id);
        QVERIFY2(said.contains("overflow", Qt::CaseInsensitive) ||
                     said.contains("out of range", Qt::CaseInsensitive),
                 qPrintable(said));
        QCOMPARE(m_doc->pendingCount(), 1);
    }

    // More decimal places than the column keeps: PostgreSQL and MariaDB would round them
    // without a word (MariaDB only notes it), so they are refused where they are typed.
    // SQLite keeps what it is given (its DECIMAL(20, 2) declares nothing it enforces).
    void extraDecimalPlacesAreRefusedNotRounded()
    {
        const QString said = typeAndSave(QStringLiteral("1.234"));
        if (isSqlite()) {
            QCOMPARE(said, QString());
            QCOMPARE(committed(), QStringLiteral("1.234"));
            return;
        }
        QVERIFY2(said.contains("keeps 2 decimal places") && said.contains("1.234"),
                 qPrintable(said));
        QCOMPARE(committed(), QStringLiteral("1.50")); // nothing written
        QCOMPARE(m_doc->pendingCount(), 0);
        QCOMPARE(typeAndSave(QStringLiteral("1.230")), QString()); // trailing zeros are kept
        QCOMPARE(committed(), QStringLiteral("1.23"));
    }

    // Control: the same text, not read through valueFromText, is saved rounded in silence.
    void withoutTheCheckServersRoundDecimalPlaces()
    {
        if (isSqlite())
            QSKIP("SQLite keeps every decimal place it is given");
        TableModel *model = m_doc->model();
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("1.234")));
        QVERIFY(m_doc->save().ok);
        QCOMPARE(committed(), QStringLiteral("1.23"));
    }

    // A VARCHAR(5) holds five characters (code points: an emoji is one) on the servers;
    // more is refused where it is typed instead of failing at Save. SQLite enforces no length.
    void textLongerThanTheColumnIsRefused()
    {
        QCOMPARE(Test::exec(*m_db, "CREATE TABLE v (id INTEGER PRIMARY KEY, name VARCHAR(5))"),
                 QString());
        QCOMPARE(Test::exec(*m_db, "INSERT INTO v VALUES (1, 'a')"), QString());
        TableDocument doc(*m_db, Test::tableNamed(*m_db, "v"));
        QVERIFY(doc.refresh());
        const ColumnInfo &name = doc.schema().columns.at(1);
        QString error;
        valueFromText(name, QStringLiteral("abcdef"), &error);
        if (isSqlite())
            QCOMPARE(error, QString());
        else
            QVERIFY2(error.contains("at most 5 characters; this text has 6"), qPrintable(error));
        const QString fiveEmoji = QStringLiteral("😀😀😀😀😀");
        const QVariant value = valueFromText(name, fiveEmoji, &error);
        QCOMPARE(error, QString());
        QVERIFY(doc.model()->setData(doc.model()->index(0, 1), value));
        QVERIFY(doc.save().ok);
        QCOMPARE(Test::readRows(*m_db, "SELECT name FROM v").value(0).value(0).toString(),
                 fiveEmoji);
        if (isSqlite())
            return;
        // Control: six characters, not read through valueFromText, fail at Save.
        QVERIFY(doc.model()->setData(doc.model()->index(0, 1), QStringLiteral("abcdef")));
        QVERIFY(!doc.save().ok);
        QCOMPARE(doc.pendingCount(), 1);
    }

    // Control: what the strict sql_mode Tabula sets prevents. Without it, MariaDB clamps the
    // same value to the column's largest number and says nothing.
    void withoutStrictModeMariadbTruncates()
    {
        if (m_db->dialect().kind() != DatabaseKind::MySQL)
            QSKIP("only MariaDB has a non-strict mode");
        QCOMPARE(Test::exec(*m_db, "SET SESSION sql_mode = ''"), QString());
        QCOMPARE(Test::exec(*m_db, "UPDATE t SET amount = 123456789012345678901.5 WHERE id = 1"),
                 QString());
        QCOMPARE(committed(), QStringLiteral("999999999999999999.99"));
    }

    // A TEXT key that is not UTF-8 (bytes another program wrote) still names its row: it is
    // read as bytes and matched byte for byte, so the row can be edited, bulk-edited and
    // deleted.
    void aTextKeyThatIsNotUtf8StillNamesItsRow()
    {
        if (!isSqlite())
            QSKIP("PostgreSQL and MariaDB (utf8mb4) refuse text that is not UTF-8");
        for (const char *sql : {"CREATE TABLE k (code TEXT PRIMARY KEY, v TEXT)",
                                "INSERT INTO k VALUES ('a', 'one'), ('c', 'three')",
                                "INSERT INTO k VALUES (CAST(x'ff61' AS TEXT), 'two')"})
            QCOMPARE(Test::exec(*m_db, sql), QString());
        TableDocument doc(*m_db, Test::tableNamed(*m_db, "k"));
        QVERIFY(doc.refresh());
        TableModel *model = doc.model();
        QCOMPARE(model->rowCount(), 3);
        const int odd = 2; // x'ff61' sorts after 'a' and 'c'
        QVERIFY(model->index(odd, 0).data().toString().endsWith('a'));

        // Control: the key as a QString shows it (a replacement character for the 0xff) and
        // matches no row, which is why Save used to say "row not found".
        const QString shown = model->index(odd, 0).data().toString();
        QCOMPARE(Test::readRows(
                     *m_db, QStringLiteral("SELECT COUNT(*) FROM k WHERE code = '%1'").arg(shown))
                     .value(0)
                     .value(0)
                     .toInt(),
                 0);

        QVERIFY(model->setData(model->index(odd, 1), QStringLiteral("edited")));
        SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        const QString dump = QStringLiteral("SELECT hex(code) || ':' || v FROM k ORDER BY code");
        QCOMPARE(Test::readRows(*m_db, dump),
                 QList<QVariantList>({{"61:one"}, {"63:three"}, {"FF61:edited"}}));

        BulkEdit edit;
        edit.column = 1;
        edit.value = QStringLiteral("bulk");
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        QCOMPARE(doc.applyBulkEdit(plan), 3);
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*m_db, dump),
                 QList<QVariantList>({{"61:bulk"}, {"63:bulk"}, {"FF61:bulk"}}));

        QVERIFY(model->deleteRows({odd}));
        result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*m_db, dump), QList<QVariantList>({{"61:bulk"}, {"63:bulk"}}));
    }
};

QTEST_GUILESS_MAIN(ExactValuesTest)
#include "tst_exactvalues.moc"
