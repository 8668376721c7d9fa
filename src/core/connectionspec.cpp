#include "connectionspec.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace Tabula {

namespace {

bool kindForScheme(const QString &scheme, DatabaseKind *kind)
{
    const QString base = scheme.section('+', 0, 0).toLower();
    if (base == QLatin1String("sqlite")) {
        *kind = DatabaseKind::SQLite;
    } else if (base == QLatin1String("postgresql") || base == QLatin1String("postgres")) {
        *kind = DatabaseKind::PostgreSQL;
    } else if (base == QLatin1String("mysql") || base == QLatin1String("mariadb")) {
        *kind = DatabaseKind::MySQL;
    } else {
        return false;
    }
    return true;
}

QString schemeFor(DatabaseKind kind)
{
    switch (kind) {
    case DatabaseKind::SQLite:
        return QStringLiteral("sqlite");
    case DatabaseKind::PostgreSQL:
        return QStringLiteral("postgresql");
    case DatabaseKind::MySQL:
        return QStringLiteral("mysql");
    }
    return {};
}

QString decode(const QString &s)
{
    return QUrl::fromPercentEncoding(s.toUtf8());
}

} // namespace

ConnectionSpec ConnectionSpec::sqliteFile(const QString &path)
{
    ConnectionSpec spec;
    spec.kind = DatabaseKind::SQLite;
    spec.database = path;
    return spec;
}

ConnectionSpec ConnectionSpec::fromUrl(const QString &input, QString *error)
{
    if (error)
        error->clear();
    const QString text = input.trimmed();
    const int schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return sqliteFile(text); // a plain file path

    ConnectionSpec spec;
    if (!kindForScheme(text.left(schemeEnd), &spec.kind)) {
        if (error)
            *error = QObject::tr("Unknown database type \"%1\": use sqlite://, postgresql:// "
                                 "or mysql://.")
                         .arg(text.left(schemeEnd));
        return {};
    }
    QString rest = text.mid(schemeEnd + 3);
    QString query;
    const int q = rest.indexOf('?');
    if (q >= 0) {
        query = rest.mid(q + 1);
        rest.truncate(q);
    }
    if (spec.kind == DatabaseKind::SQLite) {
        // sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy spells them.
        if (!rest.startsWith('/') || rest.size() < 2) {
            if (error)
                *error = QObject::tr("A SQLite URL names a file: sqlite:///relative/path.db or "
                                     "sqlite:////absolute/path.db.");
            return {};
        }
        spec.database = decode(rest.mid(1));
    } else {
        const int slash = rest.indexOf('/');
        QString authority = slash >= 0 ? rest.left(slash) : rest;
        spec.database = slash >= 0 ? decode(rest.mid(slash + 1)) : QString();
        const int at = authority.lastIndexOf('@');
        if (at >= 0) {
            const QString userInfo = authority.left(at);
            authority = authority.mid(at + 1);
            const int colon = userInfo.indexOf(':');
            spec.user = decode(colon >= 0 ? userInfo.left(colon) : userInfo);
            if (colon >= 0)
                spec.password = decode(userInfo.mid(colon + 1));
        }
        // host:port, [ipv6]:port, or a percent-encoded socket directory.
        QString host = authority;
        const int bracket = host.indexOf(']');
        const int colon = host.lastIndexOf(':');
        if (colon > bracket) {
            bool ok = false;
            spec.port = host.mid(colon + 1).toInt(&ok);
            if (!ok) {
                if (error)
                    *error =
                        QObject::tr("The port \"%1\" is not a number.").arg(host.mid(colon + 1));
                return {};
            }
            host.truncate(colon);
        }
        if (host.startsWith('[') && host.endsWith(']'))
            host = host.mid(1, host.size() - 2);
        spec.host = decode(host);
        if (spec.database.isEmpty()) {
            if (error)
                *error = QObject::tr("The URL names no database: add /DATABASE after the host.");
            return {};
        }
    }
    const QUrlQuery params(query);
    for (const auto &item : params.queryItems(QUrl::FullyDecoded)) {
        if (item.first == QLatin1String("host"))
            spec.host = item.second; // SQLAlchemy's way to name a Unix socket directory
        else if (item.first == QLatin1String("port"))
            spec.port = item.second.toInt();
        else
            spec.options.insert(item.first, item.second);
    }
    if (error)
        error->clear();
    return spec;
}

QString ConnectionSpec::toUrl(bool withPassword) const
{
    if (kind == DatabaseKind::SQLite) {
        const QString path = QDir::fromNativeSeparators(database);
        return QStringLiteral("sqlite:///") + path;
    }
    auto enc = [](const QString &s) { return QString::fromUtf8(QUrl::toPercentEncoding(s)); };
    QString url = schemeFor(kind) + QStringLiteral("://");
    if (!user.isEmpty()) {
        url += enc(user);
        if (withPassword && !password.isEmpty())
            url += ':' + enc(password);
        url += '@';
    }
    const bool socket = host.startsWith('/');
    if (!socket) {
        url += host.contains(':') ? '[' + host + ']' : host;
        if (port > 0)
            url += ':' + QString::number(port);
    }
    url += '/' + enc(database);
    QUrlQuery params;
    if (socket)
        params.addQueryItem(QStringLiteral("host"), host);
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        params.addQueryItem(it.key(), it.value());
    if (!params.isEmpty())
        url += '?' + params.toString(QUrl::FullyEncoded);
    return url;
}

QString ConnectionSpec::displayUrl() const
{
    return toUrl(false);
}

} // namespace Tabula
