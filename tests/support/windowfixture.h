#pragma once

// Header-only, for the GUI tests: it needs the widgets, which tabula_testsupport must not.

#include "mainwindow.h"

#include <QString>
#include <QTest>
#include <memory>

namespace Tabula::Test {

// A MainWindow as a user meets it: shown at a usable size, active, with `table` of the
// database at `location` open. Null, with `error` saying which step failed, otherwise.
inline std::unique_ptr<MainWindow> showMainWindow(const QString &location, const QString &table,
                                                  QString *error)
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1200, 700);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get())) {
        *error = QStringLiteral("the main window did not become active");
        return nullptr;
    }
    if (!window->openLocation(location, error)) {
        if (error->isEmpty())
            *error = QStringLiteral("openLocation(%1) failed").arg(location);
        return nullptr;
    }
    if (!window->openTable(table)) {
        *error = QStringLiteral("openTable(%1) failed").arg(table);
        return nullptr;
    }
    return window;
}

} // namespace Tabula::Test
