// A PostgreSQL or MariaDB role without UPDATE, INSERT or DELETE on a table is found out when
// the table opens, per action: the refused edits are refused at once with the reason, the
// window's actions for them are disabled saying why, and Save is never reached. The owner of
// the same table (the control) may do everything.

#include "bulkedit.h"
#include "tabledocument.h"
#include "tablegrid.h"
#include "tablemodel.h"
#include "testdatabases.h"
#include "windowfixture.h"

#include <QAction>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Tabula;

namespace {

const QString kReader = QStringLiteral("tabula_reader");
const QString kPassword = QStringLiteral("reader");

} // namespace

class PrivilegesTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Database> m_owner;
    QString m_dbName;

    bool isPostgres() const { return Test::isPostgres(m_dbName); }
    // The owner's tables go to its own schema, which the reader must be let into.
    QString itemsSchema() const
    {
        const QString schema = Test::tableNamed(*m_owner, "items").id.schema;
        return m_owner->dialect().quoteIdentifier(schema.isEmpty() ? "public" : schema);
    }
    QString readerUrl() const
    {
        QUrl url(Test::urlFor(m_dbName));
        url.setUserName(kReader);
        url.setPassword(kPassword);
        return url.toString();
    }
    void dropReader()
    {
        if (isPostgres()) {
            const QString schema = itemsSchema();
            Test::exec(*m_owner, QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA %1 FROM %2")
                                     .arg(schema, kReader));
            Test::exec(*m_owner,
                       QStringLiteral("REVOKE USAGE ON SCHEMA %1 FROM %2").arg(schema, kReader));
            // The role itself stays: pgbouncer keeps server connections logged in as it, which
            // a dropped and remade role would leave pointing at a role that is gone.
        } else {
            for (const char *host : {"127.0.0.1", "localhost"})
                Test::exec(*m_owner,
                           QStringLiteral("DROP USER IF EXISTS '%1'@'%2'").arg(kReader, host));
        }
    }
    // A role that may read items and do `grants` (e.g. "INSERT") to it, nothing else.
    void makeReader(const QString &grants)
    {
        dropReader();
        const QString privileges = grants.isEmpty() ? "SELECT" : "SELECT, " + grants;
        QStringList sql;
        if (isPostgres()) {
            sql << QStringLiteral("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE "
                                  "rolname = '%1') THEN CREATE ROLE %1 LOGIN PASSWORD '%2'; "
                                  "END IF; END$$")
                       .arg(kReader, kPassword)
                << QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(itemsSchema(), kReader)
                << QStringLiteral("GRANT %1 ON items TO %2").arg(privileges, kReader);
        } else {
            for (const char *host : {"127.0.0.1", "localhost"})
                sql << QStringLiteral("CREATE USER '%1'@'%2' IDENTIFIED BY '%3'")
                           .arg(kReader, host, kPassword)
                    << QStringLiteral("GRANT %1 ON items TO '%2'@'%3'")
                           .arg(privileges, kReader, host);
        }
        for (const QString &statement : sql)
            QCOMPARE(Test::exec(*m_owner, statement), QString());
    }
    std::unique_ptr<Database> openAsReader()
    {
        QString error;
        auto db = Database::open(ConnectionSpec::fromUrl(readerUrl(), &error), &error);
        if (!db)
            qWarning("%s", qPrintable(error));
        return db;
    }

private slots:
    void initTestCase_data() { Test::addServerRows(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QFETCH_GLOBAL(QString, dbName);
        TABULA_SKIP_WITHOUT_SERVER(dbName);
        m_dbName = dbName;
        QString error;
        m_owner = Test::openFresh(dbName, &error);
        QVERIFY2(m_owner, qPrintable(error));
        QCOMPARE(Test::exec(*m_owner, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)"),
                 QString());
        QCOMPARE(Test::exec(*m_owner, "INSERT INTO items VALUES (1, 'a'), (2, 'b')"), QString());
    }
    void cleanup()
    {
        if (m_owner)
            dropReader();
        m_owner.reset();
    }

    void theOwnerMayDoEverything()
    {
        const TableSchema schema = m_owner->schema(Test::tableNamed(*m_owner, "items"));
        QVERIFY2(schema.refusals.isEmpty(), qPrintable(schema.refusalText()));
        QVERIFY(schema.canUpdate() && schema.canInsert() && schema.canDelete());
    }

    void aReaderIsRefusedEveryEditAtOpen()
    {
        makeReader({});
        auto db = openAsReader();
        QVERIFY(db);
        TableDocument doc(*db, Test::tableNamed(*db, "items"));
        QVERIFY(doc.refresh());
        const TableSchema &schema = doc.schema();
        QVERIFY2(schema.refusals.update.contains("may not change rows of"),
                 qPrintable(schema.refusals.update));
        QVERIFY(!schema.refusals.insert.isEmpty());
        QVERIFY(!schema.refusals.remove.isEmpty());

        TableModel *model = doc.model();
        QVERIFY(!(model->flags(model->index(0, 1)) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(model->index(0, 1), QStringLiteral("x")));
        QVERIFY(!model->insertRows(0, 1));
        QVERIFY(!model->deleteRows({0}));
        BulkEdit edit;
        edit.column = 1;
        edit.value = QStringLiteral("x");
        const BulkEditPlan plan = doc.planBulkEdit(edit);
        QCOMPARE(plan.error, schema.refusals.update);
        QCOMPARE(doc.pendingCount(), 0); // nothing for Save to find out about
    }

    void eachActionIsKnownApart()
    {
        makeReader(QStringLiteral("INSERT"));
        auto db = openAsReader();
        QVERIFY(db);
        TableDocument doc(*db, Test::tableNamed(*db, "items"));
        QVERIFY(doc.refresh());
        QVERIFY(doc.schema().canInsert());
        QVERIFY(!doc.schema().canUpdate());
        QVERIFY(!doc.schema().canDelete());
        TableModel *model = doc.model();
        QVERIFY(model->insertRows(0, 1));
        const int added = model->rowCount() - 1;
        QVERIFY(model->flags(model->index(added, 1)) & Qt::ItemIsEditable); // part of INSERT
        QVERIFY(model->setData(model->index(added, 0), 3));
        QVERIFY(model->setData(model->index(added, 1), QStringLiteral("new")));
        QVERIFY(!model->setData(model->index(0, 1), QStringLiteral("x"))); // an UPDATE
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(doc.schema().id)));
        QCOMPARE(Test::readRows(*m_owner, "SELECT id, name FROM items ORDER BY id"),
                 QList<QVariantList>({{1, "a"}, {2, "b"}, {3, "new"}}));
    }

    // UPDATE granted on one column only: that column is editable, the others are refused
    // with the reason, and the table as a whole is not refused.
    void aColumnPrivilegeIsKnownPerColumn()
    {
        makeReader(QStringLiteral("UPDATE (name)"));
        auto db = openAsReader();
        QVERIFY(db);
        // Control: the server refuses the other column, so a probe of the first writable
        // column alone (id) would have refused the whole table.
        QVERIFY(!Test::exec(*db, "UPDATE items SET id = id WHERE 1 = 0").isEmpty());
        TableDocument doc(*db, Test::tableNamed(*db, "items"));
        QVERIFY(doc.refresh());
        const TableSchema &schema = doc.schema();
        QVERIFY2(schema.canUpdate(), qPrintable(schema.refusals.update));
        QVERIFY(schema.canUpdate(1));
        QVERIFY(!schema.canUpdate(0));
        QVERIFY2(schema.updateRefusal(0).contains("may not change the column id"),
                 qPrintable(schema.updateRefusal(0)));
        QVERIFY2(schema.refusalText().contains("may not change id of"),
                 qPrintable(schema.refusalText()));
        TableModel *model = doc.model();
        QVERIFY(!(model->flags(model->index(0, 0)) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(model->index(0, 0), 7));
        BulkEdit edit;
        edit.column = 0;
        edit.value = 7;
        QCOMPARE(doc.planBulkEdit(edit).error, schema.updateRefusal(0));
        QVERIFY(model->flags(model->index(0, 1)) & Qt::ItemIsEditable);
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("changed")));
        const SaveResult result = doc.save();
        QVERIFY2(result.ok, qPrintable(result.error.describe(schema.id)));
        QCOMPARE(Test::readRows(*m_owner, "SELECT id, name FROM items ORDER BY id"),
                 QList<QVariantList>({{1, "changed"}, {2, "b"}}));
    }

    void theWindowDisablesWhatTheRoleMayNotDo()
    {
        makeReader(QStringLiteral("UPDATE"));
        QString error;
        auto window = Test::showMainWindow(
            readerUrl(), Test::tableNamed(*m_owner, "items").id.displayName(), &error);
        QVERIFY2(window, qPrintable(error));
        auto action = [&](const char *name) {
            return window->findChild<QAction *>(QLatin1String(name));
        };
        QVERIFY(action("actionBulkEdit")->isEnabled());
        QVERIFY(action("actionSetNull")->isEnabled());
        QVERIFY(!action("actionInsertRow")->isEnabled());
        QVERIFY(!action("actionDeleteRows")->isEnabled());
        QVERIFY2(action("actionDeleteRows")->toolTip().contains("may not delete rows of"),
                 qPrintable(action("actionDeleteRows")->toolTip()));
        auto *banner = window->findChild<QLabel *>(QStringLiteral("readOnlyBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains("may not add rows"), qPrintable(banner->text()));
    }
};

QTEST_MAIN(PrivilegesTest)
#include "tst_privileges.moc"
