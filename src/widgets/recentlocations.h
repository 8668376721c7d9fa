#pragma once

#include <QStringList>

namespace Tabula {

// Recently opened databases, newest first, as URLs without passwords.
class RecentLocations
{
public:
    static QStringList list();
    static void add(const QString &url);
    static void remove(const QString &url);

private:
    static void store(const QStringList &urls);
};

} // namespace Tabula
