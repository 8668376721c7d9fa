#include "database.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Tabula {

namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("tabula-%1").arg(counter.fetchAndAddRelaxed(1));
}

// A SQLite file starts with this header; an empty file is an empty database.
bool checkSqliteFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QObject::tr("The file \"%1\" does not exist.").arg(path);
        return false;
    }
    if (info.isDir()) {
        *error = QObject::tr("\"%1\" is a folder, not a database file.").arg(path);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("The file \"%1\" cannot be read: %2.").arg(path, file.errorString());
        return false;
    }
    if (file.size() == 0)
        return true;
    const QByteArray header = file.read(16);
    if (header != QByteArray("SQLite format 3\0", 16)) {
        *error = QObject::tr("\"%1\" is not a SQLite database.").arg(path);
        return false;
    }
    return true;
}

} // namespace

Database::Database(const ConnectionSpec &spec, std::unique_ptr<Dialect> dialect, QString name)
    : m_spec(spec), m_dialect(std::move(dialect)), m_connectionName(std::move(name))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = connection();
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::open(const ConnectionSpec &spec, QString *error)
{
    QString message;
    QString readOnlyReason;
    if (spec.isSqlite()) {
        if (!checkSqliteFile(spec.database, &message)) {
            *error = message;
            return nullptr;
        }
        const QFileInfo info(spec.database);
        const QFileInfo folder(info.absolutePath());
        if (!info.isWritable())
            readOnlyReason = QObject::tr("The file is read-only.");
        else if (!folder.isWritable())
            readOnlyReason = QObject::tr("The folder holding the file is read-only.");
        else if (spec.options.value(QStringLiteral("mode")) == QLatin1String("ro"))
            readOnlyReason = QObject::tr("Opened read-only.");
    }
    auto dialect = Dialect::create(spec.kind);
    if (!QSqlDatabase::isDriverAvailable(dialect->qtDriverName())) {
        *error =
            QObject::tr("The Qt driver %1 for %2 is not installed (on Debian and Ubuntu: "
                        "apt install %3).")
                .arg(dialect->qtDriverName(), dialect->displayName(), dialect->driverPackage());
        return nullptr;
    }
    const QString name = nextConnectionName();
    std::unique_ptr<Database> database(new Database(spec, std::move(dialect), name));
    database->m_readOnlyReason = readOnlyReason;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(database->m_dialect->qtDriverName(), name);
        db.setDatabaseName(spec.database);
        if (!spec.isSqlite()) {
            db.setHostName(spec.host.startsWith('/') && spec.kind == DatabaseKind::MySQL
                               ? QString()
                               : spec.host);
            if (spec.port > 0)
                db.setPort(spec.port);
            db.setUserName(spec.user);
            db.setPassword(spec.password);
            db.setNumericalPrecisionPolicy(QSql::HighPrecision);
        }
        db.setConnectOptions(
            database->m_dialect->connectOptions(spec, !readOnlyReason.isEmpty()).join(';'));
        if (!db.open()) {
            const QSqlError e = db.lastError();
            *error = QObject::tr("Cannot open %1: %2")
                         .arg(spec.displayUrl(),
                              e.databaseText().isEmpty() ? e.text() : e.databaseText().trimmed());
            const QString hint = database->m_dialect->connectionErrorHint(e);
            if (!hint.isEmpty())
                *error += ' ' + hint;
            return nullptr;
        }
        QSqlQuery setup(db);
        QString prepareError;
        if (!database->m_dialect->prepareConnection(db, &prepareError)) {
            *error = QObject::tr("Cannot prepare the connection: %1").arg(prepareError);
            return nullptr;
        }
        for (const QString &statement : database->m_dialect->sessionSetup()) {
            if (!setup.exec(statement)) {
                *error =
                    QObject::tr("Cannot prepare the connection: %1").arg(setup.lastError().text());
                return nullptr;
            }
        }
        for (const SqlFragment &preference : database->m_dialect->sessionPreferences()) {
            setup.prepare(preference.sql);
            for (const QVariant &value : preference.params)
                setup.addBindValue(value);
            setup.exec();
        }
        // A corrupt or encrypted file opens fine and fails at the first read.
        QSqlQuery probe(db);
        if (!probe.exec(spec.isSqlite() ? QStringLiteral("SELECT count(*) FROM sqlite_master")
                                        : QStringLiteral("SELECT 1"))) {
            *error = QObject::tr("Cannot read %1: %2")
                         .arg(spec.displayUrl(), probe.lastError().databaseText());
            return nullptr;
        }
    }
    return database;
}

QList<TableInfo> Database::tables() const
{
    return m_dialect->tables(connection());
}

TableSchema Database::schema(const TableInfo &table) const
{
    TableSchema s = m_dialect->schema(connection(), table);
    if (!m_readOnlyReason.isEmpty() && s.readOnlyReason.isEmpty())
        s.readOnlyReason = m_readOnlyReason;
    return s;
}

} // namespace Tabula
