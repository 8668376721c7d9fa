#include "recentlocations.h"

#include <QSettings>

namespace Tabula {

namespace {
constexpr int kMaxRecent = 10;
const char *const kKey = "recentLocations";
} // namespace

QStringList RecentLocations::list()
{
    return QSettings().value(kKey).toStringList();
}

void RecentLocations::add(const QString &url)
{
    QStringList urls = list();
    urls.removeAll(url);
    urls.prepend(url);
    while (urls.size() > kMaxRecent)
        urls.removeLast();
    store(urls);
}

void RecentLocations::remove(const QString &url)
{
    QStringList urls = list();
    urls.removeAll(url);
    store(urls);
}

void RecentLocations::store(const QStringList &urls)
{
    QSettings().setValue(kKey, urls);
}

} // namespace Tabula
