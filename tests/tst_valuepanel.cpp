// The value panel beside a real grid, on every database: JSON refused with a reason and
// nothing applied, or taken as one undoable pending edit that Save writes (json and jsonb on
// PostgreSQL, JSON on MariaDB, a JSON column and JSON-looking text on SQLite); blobs as hex
// and as an image; a file loaded into a cell; NULL shown as NULL; read-only cells kept so.

#include "tabledocument.h"
#include "tablegrid.h"
#include "testdatabases.h"
#include "valueformat.h"
#include "valuepanel.h"

#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <functional>
#include <memory>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Doc,  // jsonb on PostgreSQL, JSON elsewhere
    Doc2, // json on PostgreSQL, JSON elsewhere
    Note, // text
    Data  // blob
};

const char *const kStoredDoc = "{\"b\":1,\"a\":[1,2]}";

QByteArray png(const QColor &color, int width)
{
    QImage image(width, 6, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Runs `drive` on the next modal dialog of type T once it is up; closes it if `drive` did not.
template <typename T>
void driveNext(const std::function<void(T *)> &drive, std::shared_ptr<bool> seen,
               int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible()) {
            if (attempts > 0)
                driveNext<T>(drive, seen, attempts - 1);
            return;
        }
        *seen = true;
        drive(dialog);
        if (dialog->isVisible())
            dialog->reject();
    });
}

} // namespace

class ValuePanelTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TableDocument> m_document;
    std::unique_ptr<QWidget> m_window;
    TableGrid *m_grid = nullptr;
    ValuePanel *m_panel = nullptr;
    QTemporaryDir m_files;

    QTableView *view() const { return m_grid->view(); }
    TableModel *model() const { return m_document->model(); }
    template <typename T> T *part(const char *name) const
    {
        auto *widget = m_panel->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no %s in the value panel", name);
        return widget;
    }
    QPlainTextEdit *editor() const { return part<QPlainTextEdit>("valueEdit"); }
    int undoSteps() const { return m_document->undoStack()->count(); }

    void open(const QString &dbName, const QString &table = QStringLiteral("docs"))
    {
        QString error;
        m_db = Test::openFresh(dbName, &error);
        QVERIFY2(m_db, qPrintable(error));
        const bool postgres = Test::isPostgres(dbName);
        const QString ddl =
            QStringLiteral("CREATE TABLE docs (id %PK%, doc %1, doc2 %2, note TEXT, data %BLOB%)")
                .arg(postgres ? "JSONB" : "JSON", postgres ? "JSON" : "JSON");
        QCOMPARE(Test::exec(*m_db, Test::portable(*m_db, ddl)), QString());
        QCOMPARE(Test::exec(*m_db, QStringLiteral("CREATE VIEW docs_view AS SELECT * FROM docs")),
                 QString());
        QSqlQuery insert(m_db->connection());
        insert.prepare("INSERT INTO docs (doc, doc2, note, data) VALUES (?, ?, ?, ?)");
        for (const QVariantList &row :
             {QVariantList{kStoredDoc, kStoredDoc, "{\"k\": \"v\"}", png(Qt::red, 8)},
              QVariantList{QVariant(), QVariant(), QString(""), QVariant()}}) {
            for (const QVariant &value : row)
                insert.addBindValue(value);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        m_document = std::make_unique<TableDocument>(*m_db, Test::tableNamed(*m_db, table));
        QVERIFY(m_document->refresh());
        m_window = std::make_unique<QWidget>();
        auto *layout = new QHBoxLayout(m_window.get());
        m_grid = new TableGrid(m_window.get());
        m_panel = new ValuePanel(m_grid, m_window.get());
        layout->addWidget(m_grid, 2);
        layout->addWidget(m_panel, 1);
        m_grid->setDocument(m_document.get());
        m_window->resize(1100, 500);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QCOMPARE(model()->rowCount(), 2);
    }
    void clickCell(int row, int column)
    {
        const QModelIndex index = model()->index(row, column);
        view()->scrollTo(index);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {},
                          view()->visualRect(index).center());
        QCOMPARE(view()->currentIndex(), index);
        QCOMPARE(m_panel->index(), QModelIndex(index));
    }
    // Replaces the editor's text as a user does: select all, type.
    void typeIntoEditor(const QString &text)
    {
        editor()->setFocus();
        QTest::keyClick(editor(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor(), text);
    }
    QString savedText(const QString &column) const
    {
        const QList<QVariantList> rows =
            Test::readRows(*m_db, QStringLiteral("SELECT %1 FROM docs ORDER BY id").arg(column));
        return rows.value(0).value(0).toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_files.isValid());
    }
    void cleanup()
    {
        if (m_document)
            m_document->changes()->clear();
        m_window.reset();
        m_document.reset();
        m_db.reset();
    }

    void invalidJsonIsRefusedValidJsonIsOneUndoableEditThatSaves_data()
    {
        QTest::addColumn<QString>("dbName");
        QTest::addColumn<int>("column");
        const bool ci = !qEnvironmentVariableIsEmpty("CI");
        for (const QString &db : Test::databaseNames()) {
            if (db != QLatin1String("sqlite") && Test::urlFor(db).isEmpty() && !ci)
                continue; // as addDatabaseRows() does
            QTest::newRow(qPrintable((db + QStringLiteral(" doc")))) << db << int(Doc);
            QTest::newRow(qPrintable((db + QStringLiteral(" doc2")))) << db << int(Doc2);
        }
    }
    void invalidJsonIsRefusedValidJsonIsOneUndoableEditThatSaves()
    {
        QFETCH(QString, dbName);
        QFETCH(int, column);
        TABULA_HELPER(open(dbName));
        QVERIFY(isJsonColumn(model()->schema().columns.at(column)));
        clickCell(0, column);
        QCOMPARE(int(m_panel->format()), int(ValueFormat::Json));
        const QString stored = model()->currentValue(0, column).toString();
        QCOMPARE(editor()->toPlainText(), indentedJson(stored)); // laid out, one key a line
        QVERIFY(editor()->toPlainText().contains(QStringLiteral("\n    \"b\": 1")));
        const int steps = undoSteps();

        typeIntoEditor(QStringLiteral("{\"a\": }"));
        QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(m_panel->message().contains(QStringLiteral("Not valid JSON")),
                 qPrintable(m_panel->message()));
        QVERIFY2(m_panel->message().contains(QStringLiteral("line 1, column")),
                 qPrintable(m_panel->message()));
        QCOMPARE(m_document->pendingCount(), 0);
        QCOMPARE(undoSteps(), steps);
        QCOMPARE(model()->currentValue(0, column).toString(), stored);

        // Stored on one line, so saved on one line: key order and digits as typed.
        const QString typed = QStringLiteral("{\"z\": 12345678901234567890, \"a\": [true, null]}");
        const QString compact = QStringLiteral("{\"z\":12345678901234567890,\"a\":[true,null]}");
        typeIntoEditor(typed);
        QTest::mouseClick(part<QPushButton>("applyButton"), Qt::LeftButton);
        QVERIFY2(m_panel->message().startsWith(QStringLiteral("Applied")),
                 qPrintable(m_panel->message()));
        QCOMPARE(m_document->pendingCount(), 1);
        QCOMPARE(undoSteps(), steps + 1);
        QCOMPARE(model()->currentValue(0, column).toString(), compact);
        QCOMPARE(editor()->toPlainText(), indentedJson(compact));

        m_document->undoStack()->undo();
        QCOMPARE(m_document->pendingCount(), 0);
        QCOMPARE(editor()->toPlainText(), indentedJson(stored)); // the panel follows Undo
        m_document->undoStack()->redo();
        const SaveResult result = m_grid->save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(m_document->schema().id)));
        const QString saved = savedText(column == Doc ? "doc" : "doc2");
        QCOMPARE(QJsonDocument::fromJson(saved.toUtf8()),
                 QJsonDocument::fromJson(compact.toUtf8()));
        const bool jsonb = Test::isPostgres(dbName) && column == Doc;
        if (!jsonb) // jsonb keeps its own normal form; every other column the text
            QCOMPARE(saved, compact);
    }

    void jsonLookingTextIsShownAsJsonAndMayBeKeptAsText_data() { Test::addDatabaseRows(); }
    void jsonLookingTextIsShownAsJsonAndMayBeKeptAsText()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        clickCell(0, Note);
        QCOMPARE(int(m_panel->format()), int(ValueFormat::Json));
        QCOMPARE(editor()->toPlainText(), QStringLiteral("{\n    \"k\": \"v\"\n}"));
        auto *combo = part<QComboBox>("formatCombo");
        QVERIFY(combo->isVisible() && combo->isEnabled());
        typeIntoEditor(QStringLiteral("{not json"));
        QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(m_document->pendingCount(), 0);
        // The user says it is text: then it is taken as typed.
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(int(m_panel->format()), int(ValueFormat::Text));
        editor()->setFocus();
        QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(m_document->pendingCount(), 1);
        QCOMPARE(model()->currentValue(0, Note).toString(), QStringLiteral("{not json"));
        QVERIFY(m_grid->save().ok);
        QCOMPARE(savedText("note"), QStringLiteral("{not json"));
    }

    void blobShowsHexAndImageAndLoadsFromFile_data() { Test::addDatabaseRows(); }
    void blobShowsHexAndImageAndLoadsFromFile()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        clickCell(0, Data);
        QCOMPARE(int(m_panel->format()), int(ValueFormat::Binary));
        QVERIFY(part<QPlainTextEdit>("hexView")->isVisible());
        QVERIFY2(part<QPlainTextEdit>("hexView")->toPlainText().startsWith(
                     QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a")),
                 qPrintable(part<QPlainTextEdit>("hexView")->toPlainText().left(80)));
        QVERIFY(part<QLabel>("imageLabel")->isVisible());
        const QPixmap shown = part<QLabel>("imageLabel")->pixmap();
        QCOMPARE(shown.size(), QSize(8, 6));
        QCOMPARE(shown.toImage().pixelColor(2, 2), QColor(Qt::red));
        QVERIFY(!part<QPushButton>("applyButton")->isEnabled()); // hex is read-only

        const QByteArray blue = png(Qt::blue, 12);
        const QString path = m_files.filePath(QStringLiteral("blue.png"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(blue);
        file.close();
        const int steps = undoSteps();
        auto seen = std::make_shared<bool>(false);
        driveNext<QFileDialog>(
            [path](QFileDialog *dialog) {
                QCOMPARE(dialog->objectName(), QStringLiteral("loadValueDialog"));
                // Typed into its file name field, as a user would (selectFile() depends on the
                // folder having been read in the background).
                auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                QVERIFY(name);
                name->setText(path);
                QCOMPARE(dialog->selectedFiles(), QStringList{path});
                QTest::keyClick(name, Qt::Key_Return);
            },
            seen);
        QTest::mouseClick(part<QToolButton>("loadButton"), Qt::LeftButton);
        QVERIFY(*seen);
        QVERIFY2(m_document->pendingCount() == 1, qPrintable(m_panel->message()));
        QCOMPARE(undoSteps(), steps + 1);
        QCOMPARE(model()->currentValue(0, Data).toByteArray(), blue);
        QCOMPARE(part<QLabel>("imageLabel")->pixmap().size(), QSize(12, 6));
        QVERIFY(m_grid->save().ok);
        const QList<QVariantList> rows =
            Test::readRows(*m_db, QStringLiteral("SELECT data FROM docs ORDER BY id"));
        QCOMPARE(rows.value(0).value(0).toByteArray(), blue);

        // Bytes that are no image: hex only.
        clickCell(1, Data);
        const QString junk = m_files.filePath(QStringLiteral("junk.bin"));
        QFile other(junk);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(QByteArray("\x00\x01\x02not an image", 15));
        other.close();
        QVERIFY(m_panel->loadFile(junk));
        QVERIFY(!part<QLabel>("imageLabel")->isVisible());
        QVERIFY(part<QPlainTextEdit>("hexView")->toPlainText().contains(QStringLiteral("..not")));
    }

    void fileLoadsIntoTextAndJsonCells_data() { Test::addDatabaseRows(); }
    void fileLoadsIntoTextAndJsonCells()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        const QString bad = m_files.filePath(QStringLiteral("bad.json"));
        const QString good = m_files.filePath(QStringLiteral("good.json"));
        for (const auto &[path, text] : {std::pair{bad, QByteArray("{\"a\": [1,}")},
                                         std::pair{good, QByteArray("{\"straße\": \"€\"}\n")}}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        clickCell(1, Doc);
        QVERIFY(!m_panel->loadFile(bad));
        QVERIFY2(m_panel->message().contains(QStringLiteral("Not valid JSON")),
                 qPrintable(m_panel->message()));
        QCOMPARE(m_document->pendingCount(), 0);
        QVERIFY(m_panel->loadFile(good));
        QCOMPARE(m_document->pendingCount(), 1);
        clickCell(1, Note);
        QVERIFY(m_panel->loadFile(good));
        QCOMPARE(model()->currentValue(1, Note).toString(),
                 QStringLiteral("{\"straße\": \"€\"}\n"));
        QVERIFY(m_grid->save().ok);
        const QList<QVariantList> rows =
            Test::readRows(*m_db, QStringLiteral("SELECT doc, note FROM docs ORDER BY id"));
        QCOMPARE(QJsonDocument::fromJson(rows.value(1).value(0).toString().toUtf8())
                     .object()
                     .value(QStringLiteral("straße"))
                     .toString(),
                 QStringLiteral("€"));
        QCOMPARE(rows.value(1).value(1).toString(), QStringLiteral("{\"straße\": \"€\"}\n"));
    }

    void nullIsShownAsNullNotAsEmptyText_data() { Test::addDatabaseRows(); }
    void nullIsShownAsNullNotAsEmptyText()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        auto *badge = part<QLabel>("nullBadge");
        clickCell(1, Doc);
        QVERIFY(badge->isVisible());
        QCOMPARE(badge->text(), QStringLiteral("NULL"));
        QCOMPARE(editor()->placeholderText(), QStringLiteral("NULL"));
        QVERIFY(!part<QPushButton>("nullButton")->isEnabled());
        clickCell(1, Note); // empty text
        QVERIFY(!badge->isVisible());
        QVERIFY(part<QPushButton>("nullButton")->isEnabled());
        QTest::mouseClick(part<QPushButton>("nullButton"), Qt::LeftButton);
        QVERIFY(model()->currentValue(1, Note).isNull());
        QVERIFY(badge->isVisible());
        QCOMPARE(m_document->pendingCount(), 1);
    }

    void typingIsNotAppliedByMovingAway_data() { Test::addDatabaseRows(); }
    void typingIsNotAppliedByMovingAway()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName));
        clickCell(0, Note);
        typeIntoEditor(QStringLiteral("[1]"));
        QVERIFY(part<QPushButton>("applyButton")->isEnabled());
        clickCell(1, Note);
        QCOMPARE(m_document->pendingCount(), 0);
        QCOMPARE(editor()->toPlainText(), QString());
        clickCell(0, Note);
        QCOMPARE(editor()->toPlainText(), QStringLiteral("{\n    \"k\": \"v\"\n}"));
    }

    void readOnlyCellsStayReadOnly_data() { Test::addDatabaseRows(); }
    void readOnlyCellsStayReadOnly()
    {
        QFETCH(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        TABULA_HELPER(open(dbName, QStringLiteral("docs_view")));
        clickCell(0, Note);
        QVERIFY(editor()->isReadOnly());
        QVERIFY(m_panel->message().startsWith(QStringLiteral("Read-only")));
        for (const char *button : {"applyButton", "nullButton"})
            QVERIFY(!part<QPushButton>(button)->isEnabled());
        QVERIFY(!part<QToolButton>("loadButton")->isEnabled());
        QVERIFY(!m_panel->apply());
        QCOMPARE(m_document->pendingCount(), 0);
    }
};

QTEST_MAIN(ValuePanelTest)
#include "tst_valuepanel.moc"
