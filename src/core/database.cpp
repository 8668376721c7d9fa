#include "database.h"

#include "preparedquery.h"
#include "privileges.h"

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

// SQLite files below this size have their pages checked on open (quick_check reads them all).
constexpr qint64 kQuickCheckLimitBytes = 64 * 1024 * 1024;

// A SQLite file starts with this header; an empty file is an empty database.
bool checkSqliteHeader(const QString &path, QString *error)
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

// Whether the SQLite file can be opened, and why it must be read-only if it must.
bool checkSqliteFile(const ConnectionSpec &spec, QString *error, QString *readOnlyReason)
{
    if (!checkSqliteHeader(spec.database, error))
        return false;
    const QFileInfo info(spec.database);
    const QFileInfo folder(info.absolutePath());
    if (!info.isWritable())
        *readOnlyReason = QObject::tr("The file is read-only.");
    else if (!folder.isWritable())
        *readOnlyReason = QObject::tr("The folder holding the file is read-only.");
    else if (spec.options.value(QStringLiteral("mode")) == QLatin1String("ro"))
        *readOnlyReason = QObject::tr("Opened read-only.");
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
        if (db.isValid() && db.isOpen())
            m_dialect->beforeClose(db);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::open(const ConnectionSpec &spec, QString *error)
{
    QString readOnlyReason;
    if (spec.isSqlite() && !checkSqliteFile(spec, error, &readOnlyReason))
        return nullptr;
    auto dialect = Dialect::create(spec.kind);
    if (!QSqlDatabase::isDriverAvailable(dialect->qtDriverName())) {
        *error =
            QObject::tr("The Qt driver %1 for %2 is not installed (on Debian and Ubuntu: "
                        "apt install %3).")
                .arg(dialect->qtDriverName(), dialect->displayName(), dialect->driverPackage());
        return nullptr;
    }
    std::unique_ptr<Database> database(
        new Database(spec, std::move(dialect), nextConnectionName()));
    database->m_readOnlyReason = readOnlyReason;
    if (!database->connect(error) || !database->prepareSession(error) || !database->probe(error))
        return nullptr;
    if (spec.isSqlite() && QFileInfo(spec.database).size() <= kQuickCheckLimitBytes)
        database->checkForDamage();
    return database;
}

std::unique_ptr<Database> Database::openWorker(const ConnectionSpec &spec,
                                               const QString &readOnlyReason, QString *error)
{
    std::unique_ptr<Database> database(
        new Database(spec, Dialect::create(spec.kind), nextConnectionName()));
    database->m_readOnlyReason = readOnlyReason;
    if (!database->connect(error) || !database->prepareSession(error))
        return nullptr;
    return database;
}

bool Database::connect(QString *error)
{
    const ConnectionSpec &spec = m_spec;
    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->qtDriverName(), m_connectionName);
    db.setDatabaseName(spec.database);
    if (!spec.isSqlite()) {
        db.setHostName(m_dialect->hostName(spec));
        if (spec.port > 0)
            db.setPort(spec.port);
        db.setUserName(spec.user);
        db.setPassword(spec.password);
        db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    }
    db.setConnectOptions(m_dialect->connectOptions(spec, !m_readOnlyReason.isEmpty()).join(';'));
    if (db.open())
        return true;
    const QSqlError e = db.lastError();
    *error = QObject::tr("Cannot open %1: %2")
                 .arg(spec.displayUrl(),
                      e.databaseText().isEmpty() ? e.text() : e.databaseText().trimmed());
    const QString hint = m_dialect->connectionErrorHint(e);
    if (!hint.isEmpty())
        *error += ' ' + hint;
    return false;
}

bool Database::prepareSession(QString *error) const
{
    QSqlDatabase db = connection();
    QString prepareError;
    if (!m_dialect->prepareConnection(db, &prepareError)) {
        *error = QObject::tr("Cannot prepare the connection: %1").arg(prepareError);
        return false;
    }
    QSqlQuery setup(db);
    for (const QString &statement : m_dialect->sessionSetup()) {
        if (!setup.exec(statement)) {
            *error = QObject::tr("Cannot prepare the connection: %1").arg(setup.lastError().text());
            return false;
        }
    }
    for (const SqlFragment &preference : m_dialect->sessionPreferences())
        execBound(setup, preference); // a preference the server refuses is not needed
    return true;
}

// A corrupt or encrypted file opens fine and fails at the first read.
bool Database::probe(QString *error) const
{
    QSqlQuery probe(connection());
    if (probe.exec(m_spec.isSqlite() ? QStringLiteral("SELECT count(*) FROM sqlite_master")
                                     : QStringLiteral("SELECT 1")))
        return true;
    *error = QObject::tr("Cannot read %1: %2")
                 .arg(m_spec.displayUrl(), probe.lastError().databaseText());
    const QString hint = m_dialect->connectionErrorHint(probe.lastError());
    if (!hint.isEmpty())
        *error += ". " + hint;
    return false;
}

QString Database::checkForDamage()
{
    const QString statement = m_dialect->quickCheck();
    if (statement.isEmpty())
        return {};
    QSqlQuery check(connection());
    QStringList problems;
    if (!check.exec(statement)) {
        // Busy or locked says nothing about the pages.
        if (!m_dialect->isDamageError(check.lastError()))
            return {};
        problems << check.lastError().databaseText();
    }
    while (check.next())
        problems << check.value(0).toString();
    if (problems == QStringList{QStringLiteral("ok")})
        return {};
    return markDamaged(problems);
}

QString Database::markDamaged(const QStringList &problems)
{
    // quick_check lists every bad page; the first few say enough.
    m_damage = QObject::tr("The file %1 is damaged (%2). It is open read-only: copy out what "
                           "can still be read, or restore a backup.")
                   .arg(m_spec.database, problems.mid(0, 3).join(QStringLiteral("; ")));
    m_readOnlyReason = m_damage;
    return m_damage;
}

QList<TableInfo> Database::tables() const
{
    return m_dialect->tables(connection());
}

TableSchema Database::schema(const TableInfo &table) const
{
    TableSchema s = m_dialect->schema(connection(), table);
    if (!table.isView)
        s.foreignKeys = m_dialect->foreignKeys(connection(), table.id);
    if (!m_readOnlyReason.isEmpty() && s.readOnlyReason.isEmpty())
        s.readOnlyReason = m_readOnlyReason;
    if (!table.isView)
        readPrivileges(*this, s);
    return s;
}

QList<ForeignKey> Database::referencingKeys(const TableId &table) const
{
    return m_dialect->referencingKeys(connection(), table);
}

} // namespace Tabula
