#include "changejournal.h"
#include "database.h"
#include "editcommands.h"
#include "tabledocument.h"
#include "testdatabases.h"

#include <QProcess>
#include <QtEndian>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Tabula;

namespace {

enum Column
{
    Id,
    Name,
    Status
};

void makeUsers(const Database &db)
{
    QCOMPARE(Test::exec(db, Test::portable(db, "CREATE TABLE users (id %PK%, name %TEXT%, "
                                               "status %TEXT%)")),
             QString());
    QCOMPARE(Test::exec(db, "INSERT INTO users (name, status) VALUES ('ann', 'inactive'), "
                            "('bob', 'inactive'), ('cy', 'inactive'), ('di', 'inactive')"),
             QString());
}

// What the child does before it is killed: a cell edit, a bulk edit over every row, a new
// row with a value, a deleted row.
void makeEdits(TableDocument &doc)
{
    TableModel *model = doc.model();
    BulkEdit edit;
    edit.column = Status;
    edit.value = QStringLiteral("active");
    QCOMPARE(doc.applyBulkEdit(doc.planBulkEdit(edit)), 4);
    const int bob = model->rowForKey(RowKey::stored({2}));
    QVERIFY(model->setData(model->index(bob, Name), QStringLiteral("robert")));
    const int added = doc.insertRow();
    QVERIFY(model->setData(model->index(added, Name), QStringLiteral("eve")));
    doc.deleteRows({model->rowForKey(RowKey::stored({3}))});
}

// The child process: makes the edits with a journal, says so, and waits to be killed.
int runChild(const QString &url, const QString &folder)
{
    QString error;
    ConnectionSpec spec = ConnectionSpec::fromUrl(url, &error);
    auto db = Database::open(spec, &error);
    if (!db)
        return 2;
    TableDocument doc(*db, Test::tableNamed(*db, "users"));
    doc.refresh();
    doc.startJournal(folder);
    makeEdits(doc);
    std::printf("ready %d\n", doc.pendingCount());
    std::fflush(stdout);
    for (;;)
        QThread::sleep(1);
}

} // namespace

// Pending changes survive a crash: they are journaled as they are made, and a new process
// brings back exactly those edits and saves them.
class JournalTest : public QObject
{
    Q_OBJECT

    static QStringList dump(const Database &db)
    {
        QStringList rows;
        for (const QVariantList &r :
             Test::readRows(db, "SELECT id, name, status FROM users ORDER BY id"))
            rows << QStringLiteral("%1|%2|%3")
                        .arg(r.value(0).toString(), r.value(1).toString(),
                             r.value(2).isNull() ? "NULL" : r.value(2).toString());
        return rows;
    }

private slots:
    void survivesKill_data() { Test::addDatabaseRows(); }
    void survivesKill()
    {
        QFETCH(QString, dbName);
        TABULA_OPEN_FRESH(db, dbName);
        makeUsers(*db);
        const QStringList before = dump(*db);
        QTemporaryDir folder;

        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {"--journal-child", db->spec().toUrl(true), folder.path()});
        QVERIFY(child.waitForStarted());
        QVERIFY2(child.waitForReadyRead(30000), qPrintable(child.readAllStandardError()));
        const QString ready = QString::fromLatin1(child.readAllStandardOutput()).trimmed();
        QVERIFY2(ready.startsWith("ready"), qPrintable(ready));
        child.kill(); // SIGKILL: no destructor, no clean-up runs
        QVERIFY(child.waitForFinished());
        QCOMPARE(dump(*db), before); // nothing was saved

        TableDocument doc(*db, Test::tableNamed(*db, "users"));
        QVERIFY(doc.refresh());
        ChangeJournal::Contents contents;
        QString error;
        QVERIFY2(ChangeJournal::read(doc.journalPath(folder.path()), &contents, &error),
                 qPrintable(error));
        QCOMPARE(QString("ready %1").arg(contents.pendingCount), ready);
        QVERIFY(!contents.header.database.contains("secret")); // no password in the file
        QVERIFY2(doc.restoreJournal(contents, &error), qPrintable(error));
        QCOMPARE(doc.pendingCount(), contents.pendingCount);
        QCOMPARE(doc.undoStack()->count(), 1); // one undo step
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(dump(*db),
                 QStringList({"1|ann|active", "2|robert|active", "4|di|active", "5|eve|NULL"}));
    }

    // A journal holds the same state as the change set, after every kind of change and undo.
    void replaysExactly()
    {
        ChangeSet changes;
        QUndoStack stack;
        QTemporaryDir folder;
        const QString path = folder.filePath("j");
        ChangeJournal journal(path, {"sqlite:///x.db", {{}, "users"}, {"id", "name"}}, &changes);
        QVERIFY(!QFile::exists(path)); // nothing pending, no file
        auto op = std::make_shared<BulkOperation>();
        op->column = 1;
        for (qint64 id = 1; id <= 1000; ++id)
            op->append(RowKey::stored({id}), QStringLiteral("old %1").arg(id), "new");
        op->finish();
        stack.push(new BulkEditCommand(&changes, op, {}, "bulk"));
        const qint64 bulkRecordSize = QFileInfo(path).size();
        stack.push(new SetCellsCommand(&changes, {{RowKey::stored({5}), 1, "mine", "old 5"}}, "e"));
        stack.push(new DeleteRowsCommand(&changes, {RowKey::stored({7})}));
        ChangeSet::InsertedRow row;
        row.serial = changes.nextSerial();
        row.values.insert(1, QStringLiteral("added"));
        stack.push(new InsertRowCommand(&changes, row));
        stack.undo(); // the insert
        QVERIFY(QFileInfo(path).size() > bulkRecordSize);

        ChangeJournal::Contents contents;
        QString error;
        QVERIFY2(ChangeJournal::read(path, &contents, &error), qPrintable(error));
        QCOMPARE(contents.pendingCount, changes.pendingCount());
        ChangeSet restored;
        restored.restore(contents.snapshot);
        for (qint64 id : {1, 5, 7, 1000}) {
            const RowKey key = RowKey::stored({id});
            QCOMPARE(restored.pendingValue(key, 1), changes.pendingValue(key, 1));
            QCOMPARE(restored.isDeleted(key), changes.isDeleted(key));
        }
        QCOMPARE(restored.bulkOperations().first()->at(999).original.toString(), "old 1000");
        QVERIFY(restored.insertedRows().isEmpty());

        stack.push(new RevertCommand(&changes));
        QVERIFY(!QFile::exists(path)); // nothing pending again: the journal is gone
    }

    // Damaged or foreign journals are refused whole, with a message; never applied in part.
    void refusesDamagedJournals()
    {
        ChangeSet changes;
        QTemporaryDir folder;
        const QString path = folder.filePath("j");
        {
            ChangeJournal journal(path, {"db", {{}, "t"}, {"id", "v"}}, &changes);
            changes.apply({{RowKey::stored({1}), 1, "a", "b"}});
            changes.apply({{RowKey::stored({2}), 1, "c", "d"}});
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        ChangeJournal::Contents contents;
        QString error;
        QVERIFY2(ChangeJournal::read(path, &contents, &error), qPrintable(error)); // control
        QCOMPARE(contents.pendingCount, 2);

        auto refused = [&](const QByteArray &bytes) {
            QFile out(path);
            out.open(QIODevice::WriteOnly | QIODevice::Truncate);
            out.write(bytes);
            out.close();
            ChangeJournal::Contents c;
            QString e;
            return !ChangeJournal::read(path, &c, &e) && !e.isEmpty() && c.pendingCount == 0;
        };
        QByteArray flipped = good;
        flipped[flipped.size() - 3] = char(flipped.at(flipped.size() - 3) ^ 0x5a);
        QVERIFY(refused(flipped));
        QVERIFY(refused(good.left(good.size() - 5)));         // cut short by a crash mid-write
        QVERIFY(refused(QByteArray("not a journal at all"))); // a text file
        QVERIFY(refused(QByteArray()));
        // Another format version: bytes 12-13 of the header record (after size, checksum,
        // magic). Its checksum is fixed up so only the version is wrong.
        QByteArray other = good;
        other[13] = char(other.at(13) + 1);
        const quint32 size = qFromBigEndian<quint32>(other.constData());
        const quint16 checksum = qChecksum(QByteArrayView(other.constData() + 8, size));
        qToBigEndian<quint32>(checksum, other.data() + 4);
        QVERIFY(refused(other));
        ChangeJournal::Contents c;
        ChangeJournal::read(path, &c, &error);
        QVERIFY2(error.contains("another version"), qPrintable(error));
    }
};

int main(int argc, char *argv[])
{
    if (argc == 4 && QByteArray(argv[1]) == "--journal-child") {
        QCoreApplication app(argc, argv);
        return runChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QCoreApplication app(argc, argv);
    JournalTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journal.moc"
