// The grid's typed editors, driven with the keyboard in a real TableGrid: what each column
// kind accepts, what it refuses and why, and that opening and leaving an editor without
// changing it changes nothing.

#include "celldelegate.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "testdatabases.h"

#include <QComboBox>
#include <QDate>
#include <QImage>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Label,
    Qty,
    Price,
    Flag,
    Born,
    Seen,
    Data,
    Notes
};
enum Row
{
    Full,
    Nulls,
    Falsy
};

const char *const kSchema[] = {
    "CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT, qty INTEGER, price REAL, "
    "flag BOOLEAN, born DATE, seen DATETIME, data BLOB, notes TEXT)",
    "INSERT INTO things VALUES (1, 'apple', 5, 2.5, 1, '2020-01-02', '2020-01-02 03:04:05', "
    "x'0102', 'line1' || char(10) || 'line2')",
    "INSERT INTO things VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
    "INSERT INTO things VALUES (3, '', 0, 0.0, 0, '1999-12-31', '1999-12-31 23:59:59', x'', '')",
};

} // namespace

class CellDelegateTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_document;
    std::unique_ptr<TableGrid> m_grid;

    QTableView *view() const { return m_grid->view(); }
    TableModel *model() const { return m_document->model(); }
    QModelIndex cell(int row, int column) const { return model()->index(row, column); }

    // Opens the editor with F2, as on a cell already holding a value.
    QWidget *openEditor(int row, int column)
    {
        view()->setCurrentIndex(cell(row, column));
        QTest::keyClick(view(), Qt::Key_F2);
        return view()->indexWidget(cell(row, column));
    }
    void waitClosed(int row, int column) { QTRY_VERIFY(!view()->indexWidget(cell(row, column))); }
    // Starts editing by typing, as a user does, and commits with Enter.
    void typeInto(int row, int column, const QString &text)
    {
        view()->setCurrentIndex(cell(row, column));
        QTest::keyClicks(view(), text.left(1));
        QWidget *editor = view()->indexWidget(cell(row, column));
        QVERIFY2(editor, "typing did not open an editor");
        QTest::keyClicks(editor, text.mid(1));
        QTest::keyClick(editor, Qt::Key_Return);
        waitClosed(row, column);
    }
    QVariant readBack(const QString &sql)
    {
        auto other = Test::openAgain(*m_db);
        if (!other)
            return {};
        QSqlQuery query(other->connection());
        query.exec(sql);
        return query.next() ? query.value(0) : QVariant();
    }

    // The colour painted at a cell's left edge, where no text is.
    QColor shownBackground(int row, int column) const
    {
        const QRect rect = view()->visualRect(cell(row, column));
        return view()->viewport()->grab().toImage().pixelColor(rect.left() + 2, rect.center().y());
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        m_db = Test::openFresh(QStringLiteral("sqlite"), &error);
        QVERIFY2(m_db, qPrintable(error));
        for (const char *sql : kSchema) {
            const QString failure = Test::exec(*m_db, QLatin1String(sql));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        TableInfo table;
        table.id.name = QStringLiteral("things");
        m_document = std::make_unique<TableDocument>(*m_db, table);
        QVERIFY(m_document->refresh());
        m_grid = std::make_unique<TableGrid>();
        m_grid->setDocument(m_document.get());
        m_grid->resize(1400, 500);
        m_grid->show();
        m_grid->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_grid.get()));
        QCOMPARE(model()->rowCount(), 3);
    }

    void cleanup()
    {
        m_grid.reset();
        m_document.reset();
        m_db.reset();
    }

    void editorFitsTheColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QByteArray>("editorClass");
        QTest::newRow("text") << int(Label) << QByteArray("QLineEdit");
        QTest::newRow("integer") << int(Qty) << QByteArray("QLineEdit");
        QTest::newRow("real") << int(Price) << QByteArray("QLineEdit");
        QTest::newRow("boolean") << int(Flag) << QByteArray("QComboBox");
        QTest::newRow("date") << int(Born) << QByteArray("QLineEdit");
        QTest::newRow("multi-line text") << int(Notes) << QByteArray("QPlainTextEdit");
    }
    void editorFitsTheColumn()
    {
        QFETCH(int, column);
        QFETCH(QByteArray, editorClass);
        QWidget *editor = openEditor(Full, column);
        QVERIFY(editor);
        QCOMPARE(QByteArray(editor->metaObject()->className()), editorClass);
        QTest::keyClick(editor, Qt::Key_Escape);
        waitClosed(Full, column);
    }

    void leavingUnchangedEditorChangesNothing_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        for (const auto &[row, rowName] :
             {std::pair{Full, "values"}, {Nulls, "NULLs"}, {Falsy, "zeros and empties"}}) {
            for (const auto &[column, name] : {std::pair{Label, "text"},
                                               {Qty, "integer"},
                                               {Price, "real"},
                                               {Flag, "boolean"},
                                               {Born, "date"},
                                               {Seen, "datetime"},
                                               {Notes, "notes"}}) {
                QTest::addRow("%s, %s", name, rowName) << int(row) << int(column);
            }
        }
    }
    void leavingUnchangedEditorChangesNothing()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        const QVariant before = cell(row, column).data(Qt::EditRole);
        QWidget *editor = openEditor(row, column);
        QVERIFY(editor);
        // Tab leaves every kind of editor, the multi-line one included; it commits.
        QTest::keyClick(editor, Qt::Key_Tab);
        waitClosed(row, column);
        QVERIFY2(!cell(row, column).data(TableModel::IsPendingRole).toBool(),
                 qPrintable(cell(row, column).data().toString()));
        QCOMPARE(m_document->pendingCount(), 0);
        QCOMPARE(cell(row, column).data(Qt::EditRole), before);
    }

    void nullCellEditorSaysNull()
    {
        auto *editor = qobject_cast<QLineEdit *>(openEditor(Nulls, Label));
        QVERIFY(editor);
        QVERIFY(editor->text().isEmpty());
        QCOMPARE(editor->placeholderText(), QStringLiteral("NULL"));
        QTest::keyClick(editor, Qt::Key_Escape);
    }

    void integerEditorTakesOnlyDigits()
    {
        typeInto(Full, Qty, QStringLiteral("-12ab3"));
        QCOMPARE(cell(Full, Qty).data(Qt::EditRole), QVariant(qlonglong(-123)));
        QVERIFY(cell(Full, Qty).data(TableModel::IsPendingRole).toBool());
        QVERIFY(m_document->save().ok);
        QCOMPARE(readBack("SELECT qty FROM things WHERE id = 1").toLongLong(), -123);
        QCOMPARE(readBack("SELECT typeof(qty) FROM things WHERE id = 1").toString(), "integer");
    }

    void erasingANumberGivesNull()
    {
        QWidget *editor = openEditor(Full, Qty);
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClick(editor, Qt::Key_Return);
        waitClosed(Full, Qty);
        QVERIFY(cell(Full, Qty).data(TableModel::IsNullRole).toBool());
        QVERIFY(m_document->save().ok);
        QCOMPARE(readBack("SELECT qty IS NULL FROM things WHERE id = 1").toInt(), 1);
    }

    void realEditor()
    {
        typeInto(Nulls, Price, QStringLiteral("3.25x"));
        QCOMPARE(cell(Nulls, Price).data(Qt::EditRole).toDouble(), 3.25);
        QVERIFY(m_document->save().ok);
        QCOMPARE(readBack("SELECT price FROM things WHERE id = 2").toDouble(), 3.25);
        QCOMPARE(readBack("SELECT typeof(price) FROM things WHERE id = 2").toString(), "real");
    }

    void booleanEditorShowsTheStoredValue_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("shown");
        QTest::newRow("1") << int(Full) << "true";
        QTest::newRow("0") << int(Falsy) << "false";
    }
    void booleanEditorShowsTheStoredValue()
    {
        QFETCH(int, row);
        QFETCH(QString, shown);
        auto *box = qobject_cast<QComboBox *>(openEditor(row, Flag));
        QVERIFY(box);
        QCOMPARE(box->currentText(), shown);
        QTest::keyClick(box, Qt::Key_Escape);
    }

    void booleanEditorWritesTheChoice()
    {
        auto *box = qobject_cast<QComboBox *>(openEditor(Full, Flag));
        QVERIFY(box);
        QTest::keyClick(box, Qt::Key_Down);
        QCOMPARE(box->currentText(), QStringLiteral("false"));
        QTest::keyClick(box, Qt::Key_Return);
        waitClosed(Full, Flag);
        QVERIFY(cell(Full, Flag).data(TableModel::IsPendingRole).toBool());
        QVERIFY(m_document->save().ok);
        QCOMPARE(readBack("SELECT flag FROM things WHERE id = 1").toInt(), 0);
    }

    void refusedInputSaysWhyAndKeepsTheValue_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::newRow("date") << int(Born) << "2021-02-30";
        QTest::newRow("date words") << int(Born) << "yesterday";
        QTest::newRow("datetime") << int(Seen) << "2021-01-01 25:00:00";
    }
    void refusedInputSaysWhyAndKeepsTheValue()
    {
        QFETCH(int, column);
        QFETCH(QString, text);
        QSignalSpy messages(m_grid.get(), &TableGrid::statusMessage);
        const QVariant before = cell(Full, column).data(Qt::EditRole);
        typeInto(Full, column, text);
        QCOMPARE(messages.size(), 1);
        const QString message = messages.first().first().toString();
        QVERIFY2(message.contains(text.trimmed()), qPrintable(message));
        QVERIFY2(message.contains(model()->schema().columns.at(column).name), qPrintable(message));
        QCOMPARE(cell(Full, column).data(Qt::EditRole), before);
        QCOMPARE(m_document->pendingCount(), 0);
    }

    void datesAreWrittenAsTyped()
    {
        typeInto(Nulls, Born, QStringLiteral("2024-02-29"));
        typeInto(Nulls, Seen, QStringLiteral("2024-02-29 12:30:00"));
        QCOMPARE(m_document->pendingCount(), 2);
        QVERIFY(m_document->save().ok);
        QCOMPARE(readBack("SELECT born FROM things WHERE id = 2").toString(), "2024-02-29");
        QVERIFY(readBack("SELECT seen FROM things WHERE id = 2")
                    .toString()
                    .startsWith(QLatin1String("2024-02-29")));
    }

    void blobCannotBeTyped()
    {
        QSignalSpy messages(m_grid.get(), &TableGrid::statusMessage);
        view()->setCurrentIndex(cell(Full, Data));
        QTest::keyClick(view(), Qt::Key_F2);
        QVERIFY(!view()->indexWidget(cell(Full, Data)));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(m_document->pendingCount(), 0);
    }

    void multiLineTextKeepsItsLines()
    {
        auto *editor = qobject_cast<QPlainTextEdit *>(openEditor(Full, Notes));
        QVERIFY(editor);
        QCOMPARE(editor->toPlainText(), QStringLiteral("line1\nline2"));
        QTest::keyClick(editor, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(editor, Qt::Key_Return); // a new line, not the end of editing
        QVERIFY(view()->indexWidget(cell(Full, Notes)));
        QTest::keyClicks(editor, QStringLiteral("line3"));
        QTest::keyClick(editor, Qt::Key_Tab);
        waitClosed(Full, Notes);
        QVERIFY(m_document->save().ok);
        QCOMPARE(readBack("SELECT notes FROM things WHERE id = 1").toString(),
                 "line1\nline2\nline3");
    }

    void escapeDropsWhatWasTyped()
    {
        view()->setCurrentIndex(cell(Full, Label));
        QTest::keyClicks(view(), QStringLiteral("p"));
        QWidget *editor = view()->indexWidget(cell(Full, Label));
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("ear"));
        QTest::keyClick(editor, Qt::Key_Escape);
        waitClosed(Full, Label);
        QCOMPARE(cell(Full, Label).data().toString(), QStringLiteral("apple"));
        QCOMPARE(m_document->pendingCount(), 0);
    }

    // The cell being edited changes under the editor (its row read again when a Save failed,
    // the failed-cell mark set): what was typed is kept and committed. An editor nobody typed
    // into shows the new value.
    void typingSurvivesTheCellChangingUnderIt_data()
    {
        QTest::addColumn<int>("row");
        QTest::newRow("text") << int(Full);
        QTest::newRow("NULL") << int(Nulls);
    }
    void typingSurvivesTheCellChangingUnderIt()
    {
        QFETCH(int, row);
        view()->setCurrentIndex(cell(row, Label));
        QTest::keyClicks(view(), QStringLiteral("C"));
        QWidget *editor = view()->indexWidget(cell(row, Label));
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("han"));
        emit model()->dataChanged(cell(row, Label), cell(row, Label));
        QTest::keyClick(editor, Qt::Key_Return);
        waitClosed(row, Label);
        QCOMPARE(cell(row, Label).data(Qt::EditRole).toString(), QStringLiteral("Chan"));
        QCOMPARE(m_document->pendingCount(), 1);

        QWidget *untouched = openEditor(Falsy, Qty);
        QVERIFY(untouched);
        QVERIFY(model()->setData(cell(Falsy, Qty), qlonglong(42)));
        QCOMPARE(qobject_cast<QLineEdit *>(untouched)->text(), QStringLiteral("42"));
    }

    // Pending, new, deleted and failed cells are painted apart by the delegate, from the
    // model's state roles.
    void cellsArePaintedByTheirState()
    {
        const QColor clean = shownBackground(Full, Label);
        typeInto(Full, Label, QStringLiteral("pear"));
        m_document->deleteRows({Falsy});
        const int added = m_document->insertRow();
        view()->setCurrentIndex(cell(Nulls, Notes)); // away from the cells looked at
        view()->clearSelection();
        const QColor edited = shownBackground(Full, Label);
        const QColor deleted = shownBackground(Falsy, Label);
        const QColor inserted = shownBackground(added, Label);
        const QList<QColor> shown{clean, edited, deleted, inserted};
        for (int i = 0; i < shown.size(); ++i) {
            for (int j = i + 1; j < shown.size(); ++j)
                QVERIFY2(shown.at(i) != shown.at(j),
                         qPrintable(QStringLiteral("%1 and %2 look alike").arg(i).arg(j)));
        }
        QCOMPARE(shownBackground(Full, Qty), clean); // the row's other cells stay clean

        const QColor beforeFailure = shownBackground(Nulls, Label);
        model()->setFailedRow(model()->keyForRow(Nulls), QStringLiteral("qty"));
        const QColor failedCell = shownBackground(Nulls, Qty);
        const QColor failedRow = shownBackground(Nulls, Label);
        QVERIFY(failedRow != beforeFailure);
        QVERIFY(failedCell != failedRow);
        QVERIFY(failedCell != edited && failedCell != deleted);
    }

    void typingTheSameValueIsNoChange()
    {
        typeInto(Full, Label, QStringLiteral("apple"));
        typeInto(Full, Qty, QStringLiteral("5"));
        QCOMPARE(m_document->pendingCount(), 0);
        QCOMPARE(m_document->undoStack()->count(), 0);
    }
};

QTEST_MAIN(CellDelegateTest)
#include "tst_celldelegate.moc"
