#pragma once

#include "dialect.h"

#include <QMap>
#include <QString>

namespace Tabula {

// Where a database lives, parsed from a SQLAlchemy-style URL or a file path:
//   sqlite:///relative.db   sqlite:////absolute.db   /path/file.db
//   postgresql[+driver]://user:password@host:port/db?sslmode=require&host=/run/postgresql
//   mysql[+driver]://...   mariadb://...
struct ConnectionSpec
{
    DatabaseKind kind = DatabaseKind::SQLite;
    QString host; // a path for a Unix socket
    int port = -1;
    QString user;
    QString password;
    QString database; // the file path for SQLite
    QMap<QString, QString> options;
    int busyTimeoutMs = 5000; // SQLite: how long a Save waits for another writer

    static ConnectionSpec fromUrl(const QString &text, QString *error);
    static ConnectionSpec sqliteFile(const QString &path);

    bool isSqlite() const { return kind == DatabaseKind::SQLite; }
    // The URL without the password, for titles, recent lists and messages.
    QString displayUrl() const;
    QString toUrl(bool withPassword) const;
};

} // namespace Tabula
