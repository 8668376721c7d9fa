// Bulk edit as a user does it: filter the grid, press Ctrl+B, fill in the dialog, read the
// summary, Apply; then Undo, Redo and Save, each checked against the database file.

#include "bulkeditdialog.h"
#include "database.h"
#include "mainwindow.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "usersfixture.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <functional>

using namespace Tabula;
using Tabula::Test::readBack;

namespace {

const char *const kBulkSchema[] = {
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, "
    "age INTEGER, status TEXT)",
    "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 'active')",
    "INSERT INTO users VALUES (2, 'Brian', NULL, 41, 'inactive')",
    "INSERT INTO users VALUES (3, 'Chen', 'chen@example.com', NULL, 'inactive')",
    "INSERT INTO users VALUES (4, 'Dana', 'dana@example.com', 29, 'active')",
    "INSERT INTO users VALUES (5, 'Eve', 'eve@example.com', 52, 'inactive')",
    "INSERT INTO users VALUES (6, 'Femi', 'femi@example.com', 23, 'active')",
    "INSERT INTO users VALUES (7, 'Gus', 'gus@example.com', 61, 'inactive')",
};

// The dialog's parts, by the names the form gives them.
struct DialogParts
{
    explicit DialogParts(QDialog *d) : dialog(d) {}
    template <typename T> T *part(const char *name) const
    {
        T *w = dialog->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no %s in the dialog", name);
        return w;
    }
    QComboBox *column() const { return part<QComboBox>("columnCombo"); }
    QLineEdit *value() const { return part<QLineEdit>("valueEdit"); }
    QRadioButton *nullRadio() const { return part<QRadioButton>("nullRadio"); }
    QRadioButton *valueRadio() const { return part<QRadioButton>("valueRadio"); }
    QRadioButton *expressionRadio() const { return part<QRadioButton>("expressionRadio"); }
    QLineEdit *expression() const { return part<QLineEdit>("expressionEdit"); }
    QRadioButton *matching() const { return part<QRadioButton>("matchingRadio"); }
    QRadioButton *selected() const { return part<QRadioButton>("selectedRadio"); }
    QLabel *summary() const { return part<QLabel>("summaryLabel"); }
    QTableWidget *preview() const { return part<QTableWidget>("previewTable"); }
    QPushButton *apply() const
    {
        return part<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Apply);
    }
    // The "After" of the preview's first row, once the typing pause has passed.
    QString firstAfter() const
    {
        const QTableWidgetItem *item = preview()->item(0, 2);
        return item ? item->text() : QString();
    }
    QPushButton *cancel() const
    {
        return part<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Cancel);
    }

    QDialog *dialog;
};

// Clicks a radio button where a user does: on its indicator, not on the empty space a
// layout may have stretched it across.
void clickRadio(QRadioButton *radio)
{
    const int indicator = radio->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth);
    QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(indicator / 2 + 1, radio->height() / 2));
}

// Runs `drive` on the next modal BulkEditDialog once it is up. A dialog `drive` leaves open
// (a failed check returns early) is cancelled, so a failure never hangs the test.
void driveNextDialog(const std::function<void(DialogParts &)> &drive, bool *seen,
                     int attempts = 300)
{
    QTimer::singleShot(10, qApp, [=] {
        auto *dialog = qobject_cast<BulkEditDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible()) {
            if (attempts > 0)
                driveNextDialog(drive, seen, attempts - 1);
            return;
        }
        *seen = true;
        DialogParts parts(dialog);
        drive(parts);
        if (dialog->isVisible())
            dialog->reject();
    });
}

} // namespace

class BulkEditDialogTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT
private:
    void filter(int column, const QString &text)
    {
        auto *input = grid()->findChild<QLineEdit *>(QStringLiteral("filter%1").arg(column));
        QVERIFY(input);
        QTest::mouseClick(input, Qt::LeftButton);
        QTest::keyClicks(input, text);
        QTRY_COMPARE(document()->filter().columnFilter(column), text);
    }
    // Presses Ctrl+B in the grid with `drive` answering the dialog.
    void bulkEdit(const std::function<void(DialogParts &)> &drive)
    {
        bool seen = false;
        driveNextDialog(drive, &seen);
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_B, Qt::ControlModifier);
        QVERIFY(seen);
        // A window manager gives the focus back when the dialog closes; offscreen has none.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void save()
    {
        clickSave();
        QCOMPARE(document()->pendingCount(), 0);
    }
    QStringList column(const char *name) const
    {
        QStringList values;
        const QVariantList read =
            readBack(m_path, QStringLiteral("SELECT %1 FROM users ORDER BY id").arg(name));
        for (const QVariant &v : read)
            values << (v.isNull() ? QStringLiteral("NULL") : v.toString());
        return values;
    }
    int pendingRows(int column) const
    {
        int n = 0;
        for (int row = 0; row < model()->rowCount(); ++row)
            n += model()->index(row, column).data(TableModel::IsPendingRole).toBool();
        return n;
    }

private slots:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(schemaOf(kBulkSchema)); }
    void cleanup() { tearDownWindow(); }

    void valueOnFilteredRowsUndoRedoSave()
    {
        filter(Status, QStringLiteral("=inactive"));
        QTRY_COMPARE(model()->rowCount(), 4);
        clickCell(0, Status);

        bulkEdit([](DialogParts &d) {
            QCOMPARE(d.column()->currentText(), QStringLiteral("status"));
            QVERIFY(d.matching()->isChecked());
            QVERIFY2(d.matching()->text().contains(QLatin1String("(4)")),
                     qPrintable(d.matching()->text()));
            QTest::keyClicks(d.value(), QStringLiteral("active"));
            QVERIFY(d.valueRadio()->isChecked());
            QTRY_COMPARE(d.firstAfter(), QStringLiteral("active"));
            QVERIFY2(d.summary()->text().startsWith(QLatin1String("4 rows will change")),
                     qPrintable(d.summary()->text()));
            QCOMPARE(d.preview()->rowCount(), 4);
            QCOMPARE(d.preview()->item(0, 1)->text(), QStringLiteral("inactive"));
            QCOMPARE(d.preview()->item(0, 2)->text(), QStringLiteral("active"));
            QVERIFY(d.apply()->isEnabled());
            QTest::mouseClick(d.apply(), Qt::LeftButton);
            QVERIFY(!d.dialog->isVisible());
            QCOMPARE(d.dialog->result(), int(QDialog::Accepted));
        });

        // Pending, shown, nothing written.
        QCOMPARE(document()->pendingCount(), 4);
        QCOMPARE(pendingRows(Status), 4);
        QCOMPARE(model()->index(0, Status).data().toString(), QStringLiteral("active"));
        QVERIFY(m_window->isWindowModified());
        QCOMPARE(column("status"), (QStringList{"active", "inactive", "inactive", "active",
                                                "inactive", "active", "inactive"}));

        // One undo step takes all of it back, one redo brings it again.
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document()->pendingCount(), 0);
        QCOMPARE(pendingRows(Status), 0);
        QCOMPARE(model()->index(0, Status).data().toString(), QStringLiteral("inactive"));
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(document()->pendingCount(), 4);
        QCOMPARE(pendingRows(Status), 4);

        save();
        QCOMPARE(column("status"), QStringList(7, QStringLiteral("active")));
        // Only the status column was touched.
        QCOMPARE(column("name"),
                 (QStringList{"Ada", "Brian", "Chen", "Dana", "Eve", "Femi", "Gus"}));
        QCOMPARE(column("age"), (QStringList{"36", "41", "NULL", "29", "52", "23", "61"}));
    }

    void expressionOnFilteredRows()
    {
        filter(Status, QStringLiteral("=inactive"));
        QTRY_COMPARE(model()->rowCount(), 4);
        clickCell(0, Name);

        bulkEdit([](DialogParts &d) {
            // Choose the column with the keyboard: name -> email -> age.
            QCOMPARE(d.column()->currentText(), QStringLiteral("name"));
            d.column()->setFocus();
            QTest::keyClick(d.column(), Qt::Key_Down);
            QTest::keyClick(d.column(), Qt::Key_Down);
            QCOMPARE(d.column()->currentText(), QStringLiteral("age"));
            QTest::keyClicks(d.expression(), QStringLiteral("age + 1"));
            QVERIFY(d.expressionRadio()->isChecked());
            // Chen's age is NULL, and NULL + 1 is NULL: that row does not change.
            QTRY_COMPARE(d.firstAfter(), QStringLiteral("42"));
            QVERIFY2(d.summary()->text().startsWith(QLatin1String("3 rows will change")),
                     qPrintable(d.summary()->text()));
            QTest::mouseClick(d.apply(), Qt::LeftButton);
        });
        QCOMPARE(document()->pendingCount(), 3);
        QCOMPARE(pendingRows(Age), 3);
        save();
        QCOMPARE(column("age"), (QStringList{"36", "42", "NULL", "29", "53", "23", "62"}));
    }

    void nullOnFilteredRows()
    {
        filter(Age, QStringLiteral(">40"));
        QTRY_COMPARE(model()->rowCount(), 3);
        clickCell(0, Email);

        bulkEdit([](DialogParts &d) {
            QCOMPARE(d.column()->currentText(), QStringLiteral("email"));
            clickRadio(d.nullRadio());
            QVERIFY(d.nullRadio()->isChecked());
            QTRY_COMPARE(d.firstAfter(), QStringLiteral("NULL"));
            // Brian's email is already NULL.
            QVERIFY2(d.summary()->text().startsWith(QLatin1String("2 rows will change")),
                     qPrintable(d.summary()->text()));
            QTest::mouseClick(d.apply(), Qt::LeftButton);
        });
        QCOMPARE(document()->pendingCount(), 2);
        save();
        QCOMPARE(column("email"),
                 (QStringList{"ada@example.com", "NULL", "chen@example.com", "dana@example.com",
                              "NULL", "femi@example.com", "NULL"}));
        QCOMPARE(readBack(m_path, "SELECT COUNT(*) FROM users WHERE email = ''").value(0).toInt(),
                 0);
    }

    void selectedRowsOnly()
    {
        clickCell(1, Status);
        clickCell(3, Status, Qt::ControlModifier);
        clickCell(5, Status, Qt::ControlModifier);
        QCOMPARE(grid()->selectedRows(), (QList<int>{1, 3, 5}));

        bulkEdit([](DialogParts &d) {
            QVERIFY(d.selected()->isEnabled());
            QVERIFY2(d.selected()->text().contains(QLatin1String("(3)")),
                     qPrintable(d.selected()->text()));
            clickRadio(d.selected());
            QVERIFY(d.selected()->isChecked());
            QTest::keyClicks(d.value(), QStringLiteral("paused"));
            QTRY_COMPARE(d.firstAfter(), QStringLiteral("paused"));
            QVERIFY2(d.summary()->text().startsWith(QLatin1String("3 rows will change")),
                     qPrintable(d.summary()->text()));
            QTest::mouseClick(d.apply(), Qt::LeftButton);
        });
        QCOMPARE(document()->pendingCount(), 3);
        save();
        QCOMPARE(column("status"), (QStringList{"active", "paused", "inactive", "paused",
                                                "inactive", "paused", "inactive"}));
    }

    void nothingSelectedDisablesSelectedScope()
    {
        view()->clearSelection();
        view()->setCurrentIndex(QModelIndex());
        bulkEdit([](DialogParts &d) {
            QVERIFY(!d.selected()->isEnabled());
            QVERIFY(d.matching()->isChecked());
        });
        QCOMPARE(document()->pendingCount(), 0);
    }

    void refusedInputKeepsApplyDisabled_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("expression");
        QTest::addColumn<QString>("text");
        QTest::newRow("text into integer") << int(Age) << false << "abc";
        QTest::newRow("statement") << int(Age) << true << "1; DROP TABLE users";
        QTest::newRow("unknown column") << int(Age) << true << "agee + 1";
        QTest::newRow("empty expression") << int(Age) << true << " ";
    }
    void refusedInputKeepsApplyDisabled()
    {
        QFETCH(int, column);
        QFETCH(bool, expression);
        QFETCH(QString, text);
        clickCell(0, column);
        QString summary;
        bulkEdit([&](DialogParts &d) {
            QTest::keyClicks(expression ? d.expression() : d.value(), text);
            QTRY_VERIFY(!d.apply()->isEnabled());
            QTRY_VERIFY(!d.summary()->text().contains(QLatin1String("will change")));
            summary = d.summary()->text();
            // Enter does not apply it either.
            QTest::keyClick(expression ? d.expression() : d.value(), Qt::Key_Return);
            QVERIFY(d.dialog->isVisible());
            QTest::mouseClick(d.cancel(), Qt::LeftButton);
        });
        QVERIFY(!summary.isEmpty());
        QCOMPARE(document()->pendingCount(), 0);
        QCOMPARE(readBack(m_path, "SELECT COUNT(*) FROM users").value(0).toInt(), 7);
    }

    // Enter on a dialog just opened on a text column must not blank every matching row;
    // empty text is asked for as ''.
    void untouchedValueDoesNotApply()
    {
        clickCell(0, Status);
        bulkEdit([](DialogParts &d) {
            QTRY_VERIFY(!d.apply()->isEnabled());
            QTest::keyClick(d.value(), Qt::Key_Return);
            QVERIFY(d.dialog->isVisible());
            QTest::keyClicks(d.value(), QStringLiteral("''"));
            QTRY_VERIFY(d.apply()->isEnabled());
            QTRY_COMPARE(d.firstAfter(), QString());
            QTest::mouseClick(d.cancel(), Qt::LeftButton);
        });
        QCOMPARE(document()->pendingCount(), 0);
    }

    // Enter right after typing applies what was typed, without waiting for the typing pause:
    // as soon as its rows are read (on a worker).
    void enterRightAfterTypingApplies()
    {
        filter(Status, QStringLiteral("=inactive"));
        clickCell(0, Status);
        bool closed = false;
        bulkEdit([&](DialogParts &d) {
            QTest::keyClicks(d.value(), QStringLiteral("gone"));
            QTest::keyClick(d.value(), Qt::Key_Return); // well within the 250 ms pause
            QTRY_VERIFY(!d.dialog->isVisible());
            closed = true;
        });
        QVERIFY(closed);
        QCOMPARE(pendingRows(Status), 4);
        QCOMPARE(model()->index(0, Status).data().toString(), QStringLiteral("gone"));
    }

    void cancelChangesNothing()
    {
        clickCell(0, Status);
        bulkEdit([](DialogParts &d) {
            QTest::keyClicks(d.value(), QStringLiteral("gone"));
            QTRY_VERIFY(d.apply()->isEnabled());
            QTest::mouseClick(d.cancel(), Qt::LeftButton);
        });
        QCOMPARE(document()->pendingCount(), 0);
        QVERIFY(!m_window->isWindowModified());
    }

    void pendingValuesShowAsBeforeAndCountOnlyRealChanges()
    {
        // The preview's "before" is what the grid shows, pending edits included; rows
        // that already hold the value do not count.
        clickCell(0, Status);
        QTest::keyClicks(view(), QStringLiteral("x"));
        QWidget *editor = view()->indexWidget(model()->index(0, Status));
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("yz"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(model()->index(0, Status).data().toString(), QStringLiteral("xyz"));

        BulkEditDialog dialog(document(), Status, {}, m_window.get());
        DialogParts d(&dialog);
        dialog.show();
        QTest::keyClicks(d.value(), QStringLiteral("active"));
        QTRY_COMPARE(d.firstAfter(), QStringLiteral("active"));
        QVERIFY2(d.summary()->text().startsWith(QLatin1String("5 rows will change")),
                 qPrintable(d.summary()->text()));
        QCOMPARE(dialog.plan().changes.size(), 5);
        QCOMPARE(d.preview()->item(0, 1)->text(), QStringLiteral("xyz"));
        QCOMPARE(d.preview()->item(0, 2)->text(), QStringLiteral("active"));
    }
};

QTEST_MAIN(BulkEditDialogTest)
#include "tst_bulkeditdialog.moc"
