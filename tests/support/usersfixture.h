#pragma once

// Header-only, for the GUI tests: a MainWindow on a small SQLite file with a `users` table
// (and an `orders` one to switch to), and the clicks and keys the tests drive it with.

#include "mainwindow.h"
#include "sqlitefiles.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "windowfixture.h"

#include <QAction>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QWindow>
#include <memory>

namespace Tabula::Test {

// The first column of the first row `sql` returns from the SQLite file at `path`.
inline QVariant readOne(const QString &path, const QString &sql)
{
    return readBack(path, sql).value(0);
}

// Derive the test class from QObject first, then from this; call its setUp/tearDown methods
// from initTestCase(), init() and cleanup().
class UsersWindowFixture
{
protected:
    enum Column
    {
        Id,
        Name,
        Email,
        Age,
        Status
    };

    static constexpr const char *kSchema[] = {
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, "
        "age INTEGER CHECK (age >= 0), status TEXT)",
        "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 'active')",
        "INSERT INTO users VALUES (2, 'Brian', NULL, 41, 'inactive')",
        "INSERT INTO users VALUES (3, 'Chen', 'chen@example.com', NULL, 'inactive')",
        "INSERT INTO users VALUES (4, 'Dana', 'dana@example.com', 29, 'active')",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total REAL)",
        "INSERT INTO orders VALUES (1, 1, 9.5)",
    };

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;

    // For initTestCase().
    void setUpTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // For init(): a new file made of `schema` (kSchema unless a test needs other rows), and
    // the window showing every row of its `users` table.
    void setUpWindow(const QStringList &schema = schemaOf(kSchema))
    {
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("tabula-%1.db").arg(++n));
        const QString failure = createSqliteFile(m_path, schema);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QString error;
        m_window = showMainWindow(m_path, QStringLiteral("users"), &error);
        QVERIFY2(m_window, qPrintable(error));
        QCOMPARE(model()->rowCount(), readOne(m_path, "SELECT COUNT(*) FROM users").toInt());
        view()->setFocus();
    }
    template <size_t N> static QStringList schemaOf(const char *const (&statements)[N])
    {
        QStringList list;
        for (const char *statement : statements)
            list << QLatin1String(statement);
        return list;
    }

    // For cleanup().
    void tearDownWindow()
    {
        // A test that failed with changes pending must not leave a prompt behind.
        if (m_window && m_window->document())
            m_window->document()->changes()->clear();
        m_window.reset();
    }

    TableGrid *grid() const { return m_window->grid(); }
    QTableView *view() const { return grid()->view(); }
    TableDocument *document() const { return m_window->document(); }
    TableModel *model() const { return document()->model(); }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    QWidget *toolButton(const char *actionName) const
    {
        return m_window->findChild<QToolBar *>(QStringLiteral("toolBar"))
            ->widgetForAction(action(actionName));
    }
    QString pendingLabelText() const
    {
        const auto labels = m_window->statusBar()->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->text().contains(QLatin1String("pending")))
                return label->text();
        }
        return {};
    }
    QString shownTitle() const { return m_window->windowHandle()->title(); }

    void clickCell(int row, int column, Qt::KeyboardModifiers modifiers = {})
    {
        const QModelIndex index = model()->index(row, column);
        view()->scrollTo(index);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, modifiers,
                          view()->visualRect(index).center());
        QCOMPARE(view()->currentIndex(), index);
    }
    // Types into the current cell as a user does: the first key opens the editor, Enter
    // commits.
    void typeIntoCell(int row, int column, const QString &text)
    {
        clickCell(row, column);
        const QModelIndex index = model()->index(row, column);
        QTest::keyClicks(view(), text.left(1));
        QWidget *editor = view()->indexWidget(index);
        QVERIFY2(editor, "typing did not open an editor");
        QTest::keyClicks(editor, text.mid(1));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!view()->indexWidget(index));
    }
    void clickSave()
    {
        QWidget *button = toolButton("actionSave");
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    }
};

} // namespace Tabula::Test
