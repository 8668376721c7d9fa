#include "demodatabase.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QStandardPaths>

// The resources live in a static library: referencing them here keeps the linker from
// dropping them.
static void initTabulaResources()
{
    Q_INIT_RESOURCE(tabula);
}

namespace Tabula {

void initResources()
{
    initTabulaResources();
}

QString demoDatabasePath(QString *error)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString path = QDir(folder).filePath(QStringLiteral("demo.db"));
    if (QFile::exists(path))
        return path;
    initResources();
    if (!QDir().mkpath(folder)) {
        *error = QObject::tr("Cannot create the folder %1 for the demo database.").arg(folder);
        return {};
    }
    QFile resource(QStringLiteral(":/demo/demo.db"));
    if (!resource.copy(path)) {
        *error = QObject::tr("Cannot copy the demo database to %1: %2")
                     .arg(path, resource.errorString());
        return {};
    }
    // Files copied out of resources are read-only.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                    QFile::ReadOther);
    return path;
}

} // namespace Tabula
