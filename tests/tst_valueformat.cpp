// The value panel's decisions, headless: which columns hold JSON, what is valid JSON and why
// not, JSON laid out without losing key order or digits, and blobs as a hex dump.

#include "valueformat.h"

#include <QTest>

using namespace Tabula;

namespace {
ColumnInfo column(ValueKind kind, const QString &declaredType = QString())
{
    ColumnInfo c;
    c.name = QStringLiteral("c");
    c.kind = kind;
    c.declaredType = declaredType;
    return c;
}
} // namespace

class ValueFormatTest : public QObject
{
    Q_OBJECT
private slots:
    void formatForColumnAndValue_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("format");
        const auto text = int(ValueFormat::Text), json = int(ValueFormat::Json),
                   binary = int(ValueFormat::Binary);
        QTest::newRow("json column, any text") << int(ValueKind::Json) << QVariant("x") << json;
        QTest::newRow("json column, NULL") << int(ValueKind::Json) << QVariant() << json;
        QTest::newRow("text holding an object")
            << int(ValueKind::Text) << QVariant(" {\"a\": 1}") << json;
        QTest::newRow("text holding an array") << int(ValueKind::Text) << QVariant("[1,2]") << json;
        QTest::newRow("text that only starts like JSON")
            << int(ValueKind::Text) << QVariant("{not json") << text;
        QTest::newRow("text holding a JSON scalar")
            << int(ValueKind::Text) << QVariant("42") << text;
        QTest::newRow("integer") << int(ValueKind::Integer) << QVariant(7) << text;
        QTest::newRow("blob column")
            << int(ValueKind::Blob) << QVariant(QByteArray("ab")) << binary;
        QTest::newRow("JSON handed over as bytes (MariaDB)")
            << int(ValueKind::Json) << QVariant(QByteArray("{\"a\": 1}")) << json;
        QTest::newRow("text handed over as bytes")
            << int(ValueKind::Text) << QVariant(QByteArray("caf\xc3\xa9")) << text;
        QTest::newRow("NUL in bytes of a text column")
            << int(ValueKind::Text) << QVariant(QByteArray("a\0b", 3)) << binary;
        QTest::newRow("blob in a text column (SQLite)")
            << int(ValueKind::Text) << QVariant(QByteArray("\x89PNG")) << binary;
    }
    void formatForColumnAndValue()
    {
        QFETCH(int, kind);
        QFETCH(QVariant, value);
        QFETCH(int, format);
        QCOMPARE(int(formatFor(column(ValueKind(kind)), value)), format);
    }

    void validJson_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("object") << QStringLiteral("{\"a\": [1, 2, {\"b\": null}]}");
        QTest::newRow("array") << QStringLiteral("[]");
        QTest::newRow("number") << QStringLiteral("42");
        QTest::newRow("string") << QStringLiteral("\"x\"");
        QTest::newRow("null") << QStringLiteral("null");
        QTest::newRow("surrounded by space") << QStringLiteral("\n  {\"a\":1}  \n");
        QTest::newRow("non-ASCII") << QStringLiteral("{\"straße\": \"€\"}");
    }
    void validJson()
    {
        QFETCH(QString, text);
        const JsonCheck check = checkJson(text);
        QVERIFY2(check.ok, qPrintable(check.error));
        QVERIFY(check.error.isEmpty());
    }

    void invalidJsonSaysWhatAndWhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("missing value") << QStringLiteral("{\"a\": }") << QStringLiteral("line 1");
        QTest::newRow("second line")
            << QStringLiteral("{\n  \"a\": 1,\n  b: 2\n}") << QStringLiteral("line 3");
        QTest::newRow("unterminated") << QStringLiteral("[1, 2") << QStringLiteral("line 1");
        QTest::newRow("two values") << QStringLiteral("1, 2") << QStringLiteral("more than one");
        QTest::newRow("single quotes") << QStringLiteral("{'a': 1}") << QStringLiteral("line 1");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("null");
    }
    void invalidJsonSaysWhatAndWhere()
    {
        QFETCH(QString, text);
        QFETCH(QString, where);
        const JsonCheck check = checkJson(text);
        QVERIFY(!check.ok);
        QVERIFY2(check.error.contains(where), qPrintable(check.error));
    }

    void looksLikeJsonOnlyForObjectsAndArrays()
    {
        QVERIFY(looksLikeJson(QStringLiteral("{\"a\":1}")));
        QVERIFY(looksLikeJson(QStringLiteral("  [true]")));
        QVERIFY(!looksLikeJson(QStringLiteral("true")));
        QVERIFY(!looksLikeJson(QStringLiteral("[not json]")));
        QVERIFY(!looksLikeJson(QString()));
    }

    void indentKeepsKeyOrderAndDigits()
    {
        const QString compact = QStringLiteral(
            "{\"z\":12345678901234567890,\"a\":[1,{},[]],\"s\":\"x, {y}: \\\"q\\\"\"}");
        const QString expected = QStringLiteral("{\n"
                                                "    \"z\": 12345678901234567890,\n"
                                                "    \"a\": [\n"
                                                "        1,\n"
                                                "        {},\n"
                                                "        []\n"
                                                "    ],\n"
                                                "    \"s\": \"x, {y}: \\\"q\\\"\"\n"
                                                "}");
        QCOMPARE(indentedJson(compact), expected);
        QCOMPARE(compactJson(expected), compact);
        QCOMPARE(compactJson(QStringLiteral(" [ 1 ,\t\"a b\" ] ")), QStringLiteral("[1,\"a b\"]"));
        QCOMPARE(indentedJson(QStringLiteral("42")), QStringLiteral("42"));
    }

    void hexDumpShowsOffsetsBytesAndText()
    {
        const QByteArray bytes = QByteArray("Hello, world!\n\x00\xff", 16) + "AB";
        const QStringList lines = hexDump(bytes).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 0a "
                                             "00 ff  Hello, world!..."));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("00000010  41 42 ")), qPrintable(lines[1]));
        QVERIFY(lines.at(1).endsWith(QStringLiteral(" AB")));
        const QString cut = hexDump(QByteArray(100, 'x'), 32);
        QCOMPARE(cut.count('\n'), 3);
        QVERIFY2(cut.contains(QStringLiteral("68 more bytes")), qPrintable(cut));
    }
};

QTEST_GUILESS_MAIN(ValueFormatTest)
#include "tst_valueformat.moc"
