#pragma once

#include <QString>

namespace Tabula {

// The bundled demo database is a resource and never edited: the first run copies it to the
// user's data directory, and that writable copy is what opens.
QString demoDatabasePath(QString *error);

// Registers the application's resources (icons, demo data); main() calls it first.
void initResources();

} // namespace Tabula
