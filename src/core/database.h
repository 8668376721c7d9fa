#pragma once

#include "connectionspec.h"
#include "dialect.h"

#include <QSqlDatabase>
#include <memory>

namespace Tabula {

// One open connection and the dialect that speaks to it. Owns the QSqlDatabase
// connection name; everything that queries it must be gone before it is destroyed.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the database or says in `error` why not, in words for the user. Never creates a
    // SQLite file that does not exist, and refuses files that are not SQLite databases.
    static std::unique_ptr<Database> open(const ConnectionSpec &spec, QString *error);

    // Another connection to the database `spec` names, for a worker thread: it belongs to the
    // thread that calls this (and must be destroyed there), with the same session settings,
    // read-only when `readOnlyReason` says so. Read both on the owner's thread first.
    static std::unique_ptr<Database> openWorker(const ConnectionSpec &spec,
                                                const QString &readOnlyReason, QString *error);

    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    const Dialect &dialect() const { return *m_dialect; }
    const ConnectionSpec &spec() const { return m_spec; }
    QString readOnlyReason() const { return m_readOnlyReason; }

    // Checks the pages of a SQLite file (PRAGMA quick_check); open() does so for files below
    // 64 MiB. Returns what is damaged, in words for the user, or an empty string when nothing
    // is (or the database has no such check, or is too busy to run it). A damaged database
    // turns read-only.
    QString checkForDamage();
    // Makes the database read-only as damaged, for what a check found; returns the words.
    QString markDamaged(const QStringList &problems);
    QString damage() const { return m_damage; }

    QList<TableInfo> tables() const;
    // The table's columns, row identity and foreign keys.
    TableSchema schema(const TableInfo &table) const;
    // The foreign keys of other tables (or of this one) that reference `table`.
    QList<ForeignKey> referencingKeys(const TableId &table) const;

private:
    Database(const ConnectionSpec &spec, std::unique_ptr<Dialect> dialect, QString name);
    bool connect(QString *error);
    bool prepareSession(QString *error) const;
    bool probe(QString *error) const;

    ConnectionSpec m_spec;
    std::unique_ptr<Dialect> m_dialect;
    QString m_connectionName;
    QString m_readOnlyReason;
    QString m_damage;
};

} // namespace Tabula
