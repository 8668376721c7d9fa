#include "changeset.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tabula;

namespace {

RowKey key(qlonglong id)
{
    return RowKey::stored({id});
}

CellChange edit(const RowKey &k, int column, const QVariant &value, const QVariant &original)
{
    return {k, column, value, original};
}

CellChange clear(const RowKey &k, int column, const QVariant &original)
{
    return {k, column, std::nullopt, original};
}

} // namespace

class ChangeSetTest : public QObject
{
    Q_OBJECT
private slots:
    void rowKeyIgnoresTheDriversIntegerType()
    {
        // Drivers return one key as int, qlonglong or uint depending on the path.
        QCOMPARE(RowKey::stored({QVariant(int(7))}), RowKey::stored({QVariant(qlonglong(7))}));
        QCOMPARE(qHash(RowKey::stored({QVariant(int(7))})),
                 qHash(RowKey::stored({QVariant(qlonglong(7))})));
        QVERIFY(RowKey::stored({7}) != RowKey::stored({8}));
        QVERIFY(RowKey::stored({1, QStringLiteral("a")}) !=
                RowKey::stored({1, QStringLiteral("b")}));
        QVERIFY(RowKey::stored({QVariant()}) != RowKey::stored({QStringLiteral("")}));
        QVERIFY(RowKey::inserted(1) != RowKey::stored({1}));
        QVERIFY(!RowKey().isValid());
        QVERIFY(RowKey::inserted(3).isInserted());
    }

    void sameValueRules()
    {
        QVERIFY(sameValue(QVariant(), QVariant()));
        QVERIFY(!sameValue(QVariant(), QStringLiteral("")));
        QVERIFY(!sameValue(QStringLiteral(""), QVariant()));
        QVERIFY(sameValue(int(3), qlonglong(3)));
        QVERIFY(sameValue(3.0, qlonglong(3)));
        QVERIFY(!sameValue(QStringLiteral("3"), qlonglong(3)));
        QVERIFY(!sameValue(QByteArray("a"), QStringLiteral("a")));
        QVERIFY(sameValue(QByteArray("a\0b", 3), QByteArray("a\0b", 3)));
        QVERIFY(!sameValue(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
    }

    void setOverwriteAndSetBack()
    {
        ChangeSet changes;
        QSignalSpy spy(&changes, &ChangeSet::changed);
        QVERIFY(changes.isEmpty());

        changes.apply({edit(key(1), 2, QStringLiteral("new"), QStringLiteral("old"))});
        QCOMPARE(spy.count(), 1);
        QCOMPARE(changes.pendingCount(), 1);
        QCOMPARE(changes.editedCellCount(), 1);
        QVERIFY(changes.hasChanges(key(1)));
        QCOMPARE(changes.pendingValue(key(1), 2), std::optional<QVariant>(QStringLiteral("new")));
        QVERIFY(!changes.pendingValue(key(1), 1));
        QVERIFY(!changes.pendingValue(key(2), 2));

        // Overwriting the same cell is still one pending edit.
        changes.apply({edit(key(1), 2, QStringLiteral("newer"), QStringLiteral("old"))});
        QCOMPARE(changes.pendingCount(), 1);
        QCOMPARE(*changes.pendingValue(key(1), 2), QVariant(QStringLiteral("newer")));

        // The same key built from another integer type finds the same cell.
        QCOMPARE(*changes.pendingValue(RowKey::stored({int(1)}), 2),
                 QVariant(QStringLiteral("newer")));

        changes.apply({edit(key(1), 3, QVariant(), 5)});
        changes.apply({edit(key(2), 2, QStringLiteral("x"), QStringLiteral("y"))});
        QCOMPARE(changes.pendingCount(), 3);
        QCOMPARE(changes.pendingValue(key(1), 3), std::optional<QVariant>(QVariant()));

        // Setting back to the original makes the cell clean, and the row when it was the last.
        changes.apply({edit(key(1), 2, QStringLiteral("old"), QStringLiteral("old"))});
        QCOMPARE(changes.pendingCount(), 2);
        QVERIFY(!changes.pendingValue(key(1), 2));
        changes.apply({edit(key(2), 2, QStringLiteral("y"), QStringLiteral("y"))});
        QCOMPARE(changes.pendingCount(), 1);
        QVERIFY(!changes.hasChanges(key(2)));
        QVERIFY(!changes.storedRows().contains(key(2)));
        // NULL back to a number of another integer type is still the original.
        changes.apply({edit(key(1), 3, int(5), qlonglong(5))});
        QVERIFY(changes.isEmpty());
        QVERIFY(changes.storedRows().isEmpty());
    }

    void emptyStringIsNotNull()
    {
        ChangeSet changes;
        changes.apply({edit(key(1), 0, QStringLiteral(""), QVariant())});
        QCOMPARE(changes.pendingCount(), 1);
        changes.apply({edit(key(2), 0, QVariant(), QStringLiteral(""))});
        QCOMPARE(changes.pendingCount(), 2);
        QVERIFY(changes.pendingValue(key(2), 0)->isNull());
        QVERIFY(!changes.pendingValue(key(1), 0)->isNull());

        // Qt's drivers bind a null QString or QByteArray as NULL; pending values never hold one.
        changes.apply({edit(key(3), 0, QVariant(QString()), QVariant()),
                       edit(key(3), 1, QVariant(QByteArray()), QVariant())});
        QCOMPARE(changes.pendingCount(), 4);
        QVERIFY(!changes.pendingValue(key(3), 0)->toString().isNull());
        QCOMPARE(changes.pendingValue(key(3), 0)->typeId(), QMetaType::QString);
        QVERIFY(!changes.pendingValue(key(3), 1)->toByteArray().isNull());
        const RowKey inserted = RowKey::inserted(changes.nextSerial());
        changes.insertRow(0, {inserted.insertedSerial(), {}});
        changes.apply({edit(inserted, 0, QVariant(QString()), QVariant())});
        QVERIFY(!changes.pendingValue(inserted, 0)->toString().isNull());
    }

    void clearingAValueMakesTheCellClean()
    {
        ChangeSet changes;
        changes.apply({edit(key(1), 0, 10, 1), edit(key(1), 1, 20, 2)});
        QCOMPARE(changes.pendingCount(), 2);
        changes.apply({clear(key(1), 0, 1)});
        QCOMPARE(changes.pendingCount(), 1);
        changes.apply({clear(key(1), 1, 2)});
        QVERIFY(changes.isEmpty());
        // Clearing what was never set is harmless.
        changes.apply({clear(key(9), 1, 2)});
        QVERIFY(changes.isEmpty());
    }

    void deleteAndUndelete()
    {
        ChangeSet changes;
        changes.apply({edit(key(1), 0, 10, 1)});
        changes.setDeleted({key(1), key(2)}, true);
        QVERIFY(changes.isDeleted(key(1)));
        QVERIFY(changes.isDeleted(key(2)));
        QVERIFY(!changes.isDeleted(key(3)));
        // Deleted rows count once each; the edit inside row 1 is not written, so not counted.
        QCOMPARE(changes.pendingCount(), 2);
        // Deleting twice counts once.
        changes.setDeleted({key(2)}, true);
        QCOMPARE(changes.pendingCount(), 2);

        changes.setDeleted({key(1), key(2)}, false);
        QVERIFY(!changes.isDeleted(key(1)));
        QVERIFY(!changes.isDeleted(key(2)));
        QCOMPARE(changes.pendingCount(), 1);
        // The edit made before the delete is still there; the row only deleted is gone.
        QCOMPARE(*changes.pendingValue(key(1), 0), QVariant(10));
        QVERIFY(!changes.storedRows().contains(key(2)));
        changes.setDeleted({key(5)}, false);
        QCOMPARE(changes.pendingCount(), 1);
    }

    void insertedRows()
    {
        ChangeSet changes;
        QSignalSpy aboutToAdd(&changes, &ChangeSet::insertedRowAboutToBeAdded);
        QSignalSpy removed(&changes, &ChangeSet::insertedRowRemoved);
        ChangeSet::InsertedRow a{changes.nextSerial(), {}};
        ChangeSet::InsertedRow b{changes.nextSerial(), {{1, QStringLiteral("b")}}};
        QVERIFY(a.serial != b.serial);
        changes.insertRow(0, a);
        changes.insertRow(1, b);
        QCOMPARE(aboutToAdd.count(), 2);
        QCOMPARE(aboutToAdd.at(1).at(0).toInt(), 1);
        QCOMPARE(changes.pendingCount(), 2);
        QCOMPARE(changes.insertedIndex(b.serial), 1);
        QVERIFY(changes.hasChanges(RowKey::inserted(a.serial)));

        const RowKey ka = RowKey::inserted(a.serial);
        QVERIFY(!changes.pendingValue(ka, 1)); // takes the column's default
        changes.apply({edit(ka, 1, QStringLiteral("a"), QVariant())});
        QCOMPARE(*changes.pendingValue(ka, 1), QVariant(QStringLiteral("a")));
        // Values in an inserted row are part of the row, not extra pending cells.
        QCOMPARE(changes.pendingCount(), 2);
        // Even a value equal to "original" NULL stays: an inserted row has no original.
        changes.apply({edit(ka, 2, QVariant(), QVariant())});
        QVERIFY(changes.pendingValue(ka, 2));
        changes.apply({clear(ka, 2, QVariant())});
        QVERIFY(!changes.pendingValue(ka, 2));

        // Deleting stored-row style does not touch inserted rows.
        changes.setDeleted({ka}, true);
        QCOMPARE(changes.pendingCount(), 2);

        const ChangeSet::InsertedRow taken = changes.removeInsertedRow(a.serial);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toInt(), 0);
        QCOMPARE(taken.values.value(1), QVariant(QStringLiteral("a")));
        QCOMPARE(changes.pendingCount(), 1);
        QCOMPARE(changes.insertedIndex(a.serial), -1);
        QVERIFY(!changes.pendingValue(ka, 1));
        // Editing a removed inserted row is ignored.
        changes.apply({edit(ka, 1, QStringLiteral("z"), QVariant())});
        QCOMPARE(changes.pendingCount(), 1);
        QCOMPARE(changes.insertedIndex(b.serial), 0);

        // Serials are never reused, even after a row with a high serial came back.
        changes.insertRow(0, ChangeSet::InsertedRow{100, {}});
        QVERIFY(changes.nextSerial() > 100);
    }

    void snapshotAndRestore()
    {
        ChangeSet changes;
        changes.apply({edit(key(1), 0, 10, 1), edit(key(2), 1, QStringLiteral("x"), QVariant())});
        changes.setDeleted({key(3)}, true);
        changes.insertRow(0, {changes.nextSerial(), {{0, 5}}});
        QCOMPARE(changes.pendingCount(), 4);
        const ChangeSet::Snapshot before = changes.snapshot();

        changes.apply({edit(key(1), 0, 11, 1), edit(key(4), 0, 1, 0)});
        changes.setDeleted({key(3)}, false);
        changes.insertRow(1, {changes.nextSerial(), {}});
        QCOMPARE(changes.pendingCount(), 5);

        QSignalSpy added(&changes, &ChangeSet::insertedRowAdded);
        QSignalSpy removed(&changes, &ChangeSet::insertedRowRemoved);
        changes.restore(before);
        QCOMPARE(removed.count(), 2);
        QCOMPARE(added.count(), 1);
        QCOMPARE(changes.pendingCount(), 4);
        QCOMPARE(changes.editedCellCount(), 2);
        QCOMPARE(*changes.pendingValue(key(1), 0), QVariant(10));
        QVERIFY(!changes.pendingValue(key(4), 0));
        QVERIFY(changes.isDeleted(key(3)));
        QCOMPARE(changes.insertedRows().size(), 1);
        QCOMPARE(changes.insertedRows().first().values.value(0), QVariant(5));

        changes.clear();
        QVERIFY(changes.isEmpty());
        QCOMPARE(changes.editedCellCount(), 0);
        QVERIFY(changes.insertedRows().isEmpty());
        QVERIFY(!changes.isDeleted(key(3)));
    }
};

QTEST_GUILESS_MAIN(ChangeSetTest)
#include "tst_changeset.moc"
