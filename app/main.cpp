#include "demodatabase.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Tabula::initResources();
    QApplication::setOrganizationName(QStringLiteral("Tabula"));
    QApplication::setApplicationName(QStringLiteral("Tabula"));
    QApplication::setApplicationVersion(QStringLiteral("0.1"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tabula.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Edit database rows; Save writes them all in one transaction."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("database"),
                                 QStringLiteral("A SQLite file or a URL: sqlite:///file.db, "
                                                "postgresql://user@host/db, mysql://user@host/db. "
                                                "Without one, the demo database opens."));
    parser.process(app);

    Tabula::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    // Opened once the window shows, so an error message has a window to belong to.
    QTimer::singleShot(0, &window, [&window, args] {
        if (args.isEmpty())
            window.openDemo();
        else
            window.openLocation(args.first());
    });
    return app.exec();
}
