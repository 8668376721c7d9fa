#pragma once

#include "changeset.h"
#include "tableschema.h"

#include <QFile>

namespace Tabula {

// Keeps what is pending for one table in a file as it is made, so that a crash or a kill
// loses nothing: each change to the ChangeSet is appended as one record (a bulk edit of a
// million rows is one record, never a rewrite), with a checksum. The file exists only while
// something is pending: when the change set empties (Save, Discard, undo to the saved state)
// it is removed.
//
// The format is versioned and self-describing (the database without its password, the
// table, its columns), the start of a change-set file that can be replayed elsewhere.
class ChangeJournal : public ChangeRecorder
{
public:
    struct Header
    {
        QString database; // the database's URL, without its password
        TableId table;
        QStringList columns;
    };
    struct Contents
    {
        Header header;
        ChangeSet::Snapshot snapshot;
        int pendingCount = 0;
    };

    // Starts recording `changes` into `path`; an older file there is replaced at the first
    // change. Stops when destroyed.
    ChangeJournal(const QString &path, Header header, ChangeSet *changes);
    ~ChangeJournal() override;

    QString path() const { return m_file.fileName(); }
    // A stable file name for a database's table (the URL and table hashed), in `folder`.
    static QString pathFor(const QString &folder, const QString &database, const TableId &table);
    // What a journal holds, rebuilt; false with the reason when it is damaged, of another
    // format version, or from another table. Nothing is ever applied in part.
    static bool read(const QString &path, Contents *contents, QString *error);
    // Whether `header` was written for this table with these columns.
    static bool matches(const Header &header, const TableId &table, const QStringList &columns);

    void applied(const QVector<CellChange> &changes) override;
    void deletedSet(const QVector<RowKey> &keys, bool deleted,
                    const ChangeSet::LoadedRows &loaded) override;
    void rowInserted(int index, const ChangeSet::InsertedRow &row) override;
    void insertedRowRemoved(quint64 serial) override;
    void bulkAdded(const BulkOperation &operation) override;
    void bulkRemoved(int index) override;
    void restored(const ChangeSet::Snapshot &snapshot) override;
    void originalsSet(const ChangeSet::LoadedRows &rows) override;
    void bulkReplaced(int index, const BulkOperation &replacement) override;

private:
    // Appends one record, starting the file (header and the whole current state) when needed,
    // or removes the file when nothing is pending.
    void record(const QByteArray &payload);

    ChangeSet *m_changes;
    Header m_header;
    QFile m_file;
};

} // namespace Tabula
