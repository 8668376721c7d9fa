#include "changejournal.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Tabula {

namespace {

// What was written to `file` reaches the disk before this returns.
void syncFile(QFile &file)
{
#ifdef Q_OS_UNIX
    ::fdatasync(file.handle());
#else
    Q_UNUSED(file); // QFile::flush() hands it to the system; Windows writes it back soon
#endif
}

// A file just made in a folder is only found after a power cut if the folder was synced.
void syncFolderOf(const QString &path)
{
#ifdef Q_OS_UNIX
    const int folder = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
                              O_RDONLY | O_DIRECTORY);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
#else
    Q_UNUSED(path);
#endif
}

constexpr quint32 kMagic = 0x54424a4e; // "TBJN"
constexpr quint16 kFormatVersion = 1;
constexpr QDataStream::Version kStreamVersion = QDataStream::Qt_6_4;

enum RecordType : quint8
{
    Applied = 1,
    DeletedSet,
    RowInserted,
    InsertedRowRemoved,
    BulkAdded,
    BulkRemoved,
    Restored,
    // Added with conflict resolution; older journals simply have none.
    OriginalsSet,
    BulkReplaced,
};

} // namespace

// Stream operators where argument-dependent lookup finds them (QDataStream's container
// operators call them), and with internal linkage.
static QDataStream &operator<<(QDataStream &out, const RowKey &key)
{
    return out << key.isInserted() << key.insertedSerial() << key.values();
}

static QDataStream &operator>>(QDataStream &in, RowKey &key)
{
    bool inserted = false;
    quint64 serial = 0;
    QVariantList values;
    in >> inserted >> serial >> values;
    key = inserted ? RowKey::inserted(serial) : RowKey::stored(values);
    return in;
}

static QDataStream &operator<<(QDataStream &out, const CellValues &values)
{
    out << quint32(values.size());
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        out << qint32(it.key()) << it.value();
    return out;
}

static QDataStream &operator>>(QDataStream &in, CellValues &values)
{
    quint32 n = 0;
    in >> n;
    values = CellValues();
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        qint32 column = 0;
        QVariant value;
        in >> column >> value;
        values.insert(column, value);
    }
    return in;
}

static QDataStream &operator<<(QDataStream &out, const CellChange &c)
{
    return out << c.key << qint32(c.column) << bool(c.value) << c.value.value_or(QVariant())
               << c.original;
}

static QDataStream &operator>>(QDataStream &in, CellChange &c)
{
    qint32 column = -1;
    bool hasValue = false;
    QVariant value;
    in >> c.key >> column >> hasValue >> value >> c.original;
    c.column = column;
    c.value = hasValue ? std::optional<QVariant>(value) : std::nullopt;
    return in;
}

static QDataStream &operator<<(QDataStream &out, const ChangeSet::InsertedRow &row)
{
    return out << row.serial << row.values;
}

static QDataStream &operator>>(QDataStream &in, ChangeSet::InsertedRow &row)
{
    return in >> row.serial >> row.values;
}

static QDataStream &operator<<(QDataStream &out, const ChangeSet::Snapshot &s)
{
    out << quint32(s.stored.size());
    for (auto it = s.stored.cbegin(); it != s.stored.cend(); ++it)
        out << it.key() << it->edits << it->originals << it->deleted;
    out << s.inserted << quint32(s.bulk.size());
    for (const ChangeSet::Bulk &bulk : s.bulk)
        out << *bulk;
    return out;
}

static QDataStream &operator>>(QDataStream &in, ChangeSet::Snapshot &s)
{
    quint32 n = 0;
    in >> n;
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        RowKey key;
        ChangeSet::StoredRow row;
        in >> key >> row.edits >> row.originals >> row.deleted;
        s.stored.insert(key, row);
    }
    in >> s.inserted >> n;
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        auto bulk = std::make_shared<BulkOperation>();
        in >> *bulk;
        s.bulk.append(bulk);
    }
    return in;
}

static QDataStream &operator<<(QDataStream &out, const ChangeJournal::Header &h)
{
    return out << kMagic << kFormatVersion << h.database << h.table.schema << h.table.name
               << h.columns;
}

namespace {

template <typename... Parts> QByteArray payload(RecordType type, const Parts &...parts)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << quint8(type);
    (out << ... << parts);
    return bytes;
}

QByteArray framed(const QByteArray &payload)
{
    QByteArray frame;
    QDataStream out(&frame, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << quint32(payload.size()) << quint32(qChecksum(payload));
    return frame + payload;
}

QString damaged(int record)
{
    return QObject::tr("The journal of unsaved changes is damaged (record %1). Nothing was "
                       "restored from it.")
        .arg(record);
}

// The records of a journal, each checked against its checksum.
bool splitFrames(const QByteArray &all, QList<QByteArray> *records, QString *error)
{
    QDataStream in(all);
    in.setVersion(kStreamVersion);
    while (!in.atEnd()) {
        quint32 size = 0, checksum = 0;
        in >> size >> checksum;
        const qint64 at = in.device()->pos();
        if (in.status() != QDataStream::Ok || size > quint64(all.size() - at)) {
            *error = damaged(int(records->size()) + 1);
            return false;
        }
        const QByteArray bytes = all.mid(at, size);
        if (quint32(qChecksum(bytes)) != checksum) {
            *error = damaged(int(records->size()) + 1);
            return false;
        }
        in.skipRawData(int(size));
        records->append(bytes);
    }
    return true;
}

bool readHeader(const QByteArray &bytes, ChangeJournal::Header *header, QString *error)
{
    QDataStream in(bytes);
    in.setVersion(kStreamVersion);
    quint32 magic = 0;
    quint16 version = 0;
    in >> magic >> version;
    if (magic != kMagic) {
        *error = QObject::tr("This is not a journal of unsaved changes.");
        return false;
    }
    if (version != kFormatVersion) {
        *error = QObject::tr("The journal of unsaved changes was written by another version of "
                             "Tabula (format %1, this one reads %2). Nothing was restored.")
                     .arg(version)
                     .arg(kFormatVersion);
        return false;
    }
    in >> header->database >> header->table.schema >> header->table.name >> header->columns;
    if (in.status() != QDataStream::Ok) {
        *error = damaged(1);
        return false;
    }
    return true;
}

template <typename T> bool readAll(QDataStream &in, T &value)
{
    in >> value;
    return in.status() == QDataStream::Ok;
}

// Makes on `changes` the call one record describes; false when the record does not read.
bool replay(const QByteArray &bytes, ChangeSet &changes)
{
    QDataStream in(bytes);
    in.setVersion(kStreamVersion);
    quint8 type = 0;
    in >> type;
    switch (type) {
    case Applied: {
        QVector<CellChange> cells;
        return readAll(in, cells) && (changes.apply(cells), true);
    }
    case DeletedSet: {
        QVector<RowKey> keys;
        bool deleted = false;
        ChangeSet::LoadedRows loaded;
        return readAll(in, keys) && readAll(in, deleted) && readAll(in, loaded) &&
               (changes.setDeleted(keys, deleted, loaded), true);
    }
    case RowInserted: {
        qint32 index = 0;
        ChangeSet::InsertedRow row;
        return readAll(in, index) && readAll(in, row) && (changes.insertRow(index, row), true);
    }
    case InsertedRowRemoved: {
        quint64 serial = 0;
        return readAll(in, serial) && changes.insertedIndex(serial) >= 0 &&
               (changes.removeInsertedRow(serial), true);
    }
    case BulkAdded: {
        auto bulk = std::make_shared<BulkOperation>();
        return readAll(in, *bulk) && (changes.addBulk(bulk), true);
    }
    case BulkRemoved: {
        qint32 index = -1;
        return readAll(in, index) && index >= 0 && index < changes.bulkOperations().size() &&
               (changes.removeBulk(changes.bulkOperations().at(index)), true);
    }
    case Restored: {
        ChangeSet::Snapshot snapshot;
        return readAll(in, snapshot) && (changes.restore(snapshot), true);
    }
    case OriginalsSet: {
        ChangeSet::LoadedRows rows;
        return readAll(in, rows) && (changes.setOriginals(rows), true);
    }
    case BulkReplaced: {
        qint32 index = -1;
        auto bulk = std::make_shared<BulkOperation>();
        return readAll(in, index) && readAll(in, *bulk) && index >= 0 &&
               index < changes.bulkOperations().size() &&
               (changes.replaceBulk(changes.bulkOperations().at(index), bulk), true);
    }
    default:
        return false;
    }
}

} // namespace

bool ChangeJournal::read(const QString &path, Contents *contents, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("Cannot read the journal %1: %2").arg(path, file.errorString());
        return false;
    }
    QList<QByteArray> records;
    if (!splitFrames(file.readAll(), &records, error))
        return false;
    if (records.isEmpty()) {
        *error = damaged(1);
        return false;
    }
    if (!readHeader(records.first(), &contents->header, error))
        return false;
    ChangeSet changes;
    for (int i = 1; i < records.size(); ++i) {
        if (!replay(records.at(i), changes)) {
            *error = damaged(i + 1);
            return false;
        }
    }
    contents->snapshot = changes.snapshot();
    contents->pendingCount = changes.pendingCount();
    return true;
}

ChangeJournal::ChangeJournal(const QString &path, Header header, ChangeSet *changes)
    : m_changes(changes), m_header(std::move(header)), m_file(path)
{
    m_changes->setRecorder(this);
}

ChangeJournal::~ChangeJournal()
{
    m_changes->setRecorder(nullptr);
}

QString ChangeJournal::pathFor(const QString &folder, const QString &database, const TableId &table)
{
    const QByteArray id = (database + '\n' + table.schema + '\n' + table.name).toUtf8();
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha256).toHex());
    return QDir(folder).filePath(hash.left(32) + QStringLiteral(".tabula-journal"));
}

bool ChangeJournal::matches(const Header &header, const TableId &table, const QStringList &columns)
{
    return header.table == table && header.columns == columns;
}

void ChangeJournal::record(const QByteArray &bytes)
{
    if (m_changes->isEmpty()) {
        m_file.close();
        m_file.remove();
        return;
    }
    if (!m_file.isOpen()) {
        QDir().mkpath(QFileInfo(m_file.fileName()).absolutePath());
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return; // a journal that cannot be written loses no edit: only the safety net
        syncFolderOf(m_file.fileName()); // the new file's name survives a power cut too
        QByteArray header;
        QDataStream out(&header, QIODevice::WriteOnly);
        out.setVersion(kStreamVersion);
        out << m_header;
        m_file.write(framed(header));
        // The state as it is now: replaying starts from it, not from what came before.
        m_file.write(framed(payload(Restored, m_changes->snapshot())));
    } else {
        m_file.write(framed(bytes));
    }
    m_file.flush();   // in the operating system's hands: a killed process loses nothing
    syncFile(m_file); // on the disk: a power cut or a crashed system loses nothing either
}

void ChangeJournal::applied(const QVector<CellChange> &changes)
{
    record(payload(Applied, changes));
}

void ChangeJournal::deletedSet(const QVector<RowKey> &keys, bool deleted,
                               const ChangeSet::LoadedRows &loaded)
{
    record(payload(DeletedSet, keys, deleted, loaded));
}

void ChangeJournal::rowInserted(int index, const ChangeSet::InsertedRow &row)
{
    record(payload(RowInserted, qint32(index), row));
}

void ChangeJournal::insertedRowRemoved(quint64 serial)
{
    record(payload(InsertedRowRemoved, serial));
}

void ChangeJournal::bulkAdded(const BulkOperation &operation)
{
    record(payload(BulkAdded, operation));
}

void ChangeJournal::bulkRemoved(int index)
{
    record(payload(BulkRemoved, qint32(index)));
}

void ChangeJournal::restored(const ChangeSet::Snapshot &snapshot)
{
    record(payload(Restored, snapshot));
}

void ChangeJournal::originalsSet(const ChangeSet::LoadedRows &rows)
{
    record(payload(OriginalsSet, rows));
}

void ChangeJournal::bulkReplaced(int index, const BulkOperation &replacement)
{
    record(payload(BulkReplaced, qint32(index), replacement));
}

} // namespace Tabula
