// The row form beside a real grid, on every database: it shows the grid's current row, one
// field per column with NULL shown as NULL; a field takes what is typed on Enter as one
// undoable edit that Save writes, refuses what does not fit its column, and keeps a
// read-only table read-only; its arrows move the grid's current row.

#include "rowform.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "testdatabases.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <memory>

using namespace Tabula;

namespace {
enum Column
{
    Id,
    Name,
    Qty,
    Note
};
} // namespace

class RowFormTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_document;
    std::unique_ptr<QWidget> m_window;
    TableGrid *m_grid = nullptr;
    RowForm *m_form = nullptr;

    TableModel *model() const { return m_document->model(); }
    QLineEdit *field(int column) const { return m_form->field(column); }
    void open(const QString &dbName, const char *table = "t")
    {
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        for (const char *sql :
             {"CREATE TABLE t (id %PK%, name %TEXT%, qty INTEGER, note %TEXT%)",
              "INSERT INTO t (name, qty, note) VALUES ('Ada', 1, NULL)",
              "INSERT INTO t (name, qty, note) VALUES ('Brian', 2, 'x')",
              "CREATE VIEW v AS SELECT * FROM t", "CREATE TABLE two (id %PK%, x %TEXT%)",
              "INSERT INTO two (x) VALUES ('only')"})
            QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, sql)), QString());
        m_document = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, table));
        QVERIFY(m_document->refresh());
        m_window = std::make_unique<QWidget>();
        auto *layout = new QHBoxLayout(m_window.get());
        m_grid = new TableGrid(m_window.get());
        m_form = new RowForm(m_grid, m_window.get());
        layout->addWidget(m_form, 1);
        layout->addWidget(m_grid, 2);
        m_grid->setDocument(m_document.get());
        m_window->resize(1000, 400);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_grid->view()->setCurrentIndex(model()->index(0, Name));
        QCOMPARE(m_form->row(), 0);
    }
    void typeIntoField(int column, const QString &text)
    {
        field(column)->setFocus();
        QTest::keyClick(field(column), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(field(column), text);
        QTest::keyClick(field(column), Qt::Key_Return);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup()
    {
        if (m_document)
            m_document->changes()->clear();
        m_window.reset();
        m_document.reset();
        m_db.reset();
    }

    void showsTheCurrentRowAndEditsIt_data() { Test::addDatabaseRows(); }
    void showsTheCurrentRowAndEditsIt()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        QCOMPARE(field(Name)->text(), QStringLiteral("Ada"));
        QCOMPARE(field(Qty)->text(), QStringLiteral("1"));
        QCOMPARE(field(Note)->text(), QString());
        QCOMPARE(field(Note)->placeholderText(), QStringLiteral("NULL"));

        const int steps = m_document->undoStack()->count();
        typeIntoField(Qty, QStringLiteral("12"));
        QCOMPARE(m_document->pendingCount(), 1);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        QCOMPARE(model()->currentValue(0, Qty).toLongLong(), 12);
        QCOMPARE(model()->currentValue(0, Qty).typeId(), int(QMetaType::LongLong));

        typeIntoField(Qty, QStringLiteral("twelve"));
        QVERIFY2(m_form->message().contains(QStringLiteral("qty")), qPrintable(m_form->message()));
        QCOMPARE(m_document->pendingCount(), 1);
        QCOMPARE(model()->currentValue(0, Qty).toLongLong(), 12);

        typeIntoField(Note, QStringLiteral("hello"));
        QCOMPARE(m_document->undoStack()->count(), steps + 2);
        m_document->undoStack()->undo();
        QCOMPARE(field(Note)->text(), QString()); // the form follows Undo
        m_document->undoStack()->redo();
        QCOMPARE(field(Note)->text(), QStringLiteral("hello"));

        // The arrows move the grid.
        auto *next = m_form->findChild<QToolButton *>(QStringLiteral("nextRowButton"));
        QVERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(m_grid->view()->currentIndex(), model()->index(1, Name));
        QCOMPARE(field(Name)->text(), QStringLiteral("Brian"));
        QVERIFY(!next->isEnabled());
        m_grid->view()->setCurrentIndex(model()->index(0, Qty)); // and the grid moves the form
        QCOMPARE(field(Name)->text(), QStringLiteral("Ada"));

        QVERIFY(m_grid->save().ok);
        const QList<QVariantList> rows =
            Test::readRows(*m_db, QStringLiteral("SELECT qty, note FROM t ORDER BY id"));
        QCOMPARE(rows.value(0), (QVariantList{12, QStringLiteral("hello")}));
    }

    void anotherTableGetsItsOwnFields_data() { Test::addDatabaseRows(); }
    void anotherTableGetsItsOwnFields()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        auto labels = [this] {
            int n = 0;
            for (const QLabel *label : m_form->findChildren<QLabel *>())
                n += label->buddy() ? 1 : 0;
            return n;
        };
        QCOMPARE(labels(), 4);
        TableDocument two(*m_db, Test::tableNamed(*m_db, "two"));
        QVERIFY(two.refresh());
        m_grid->setDocument(&two);
        m_grid->view()->setCurrentIndex(two.model()->index(0, 1));
        QCOMPARE(labels(), 2);
        QVERIFY(!field(2));
        QCOMPARE(field(1)->text(), QStringLiteral("only"));
        m_grid->setDocument(m_document.get());
        QCOMPARE(labels(), 4);
    }

    void readOnlyTableGivesReadOnlyFields_data() { Test::addDatabaseRows(); }
    void readOnlyTableGivesReadOnlyFields()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName, "v"));
        for (int column = Id; column <= Note; ++column)
            QVERIFY(field(column)->isReadOnly());
        typeIntoField(Name, QStringLiteral("x"));
        QCOMPARE(m_document->pendingCount(), 0);
    }
};

QTEST_MAIN(RowFormTest)
#include "tst_rowform.moc"
