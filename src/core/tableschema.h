#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Tabula {

// What the editor needs to know about a column's values: which editor to offer,
// how to turn typed text into a value, and whether it may be written back.
enum class ValueKind
{
    Text,
    Integer,
    Real,
    Numeric, // exact decimal, carried as text so no precision is lost
    Boolean,
    Date,
    Time,
    DateTime,
    Blob,
    Json,
    Uuid,
    Enum,
    Other, // shown as text, read-only
};

struct ColumnInfo
{
    QString name;
    QString declaredType;
    ValueKind kind = ValueKind::Text;
    bool notNull = false;
    bool hasDefault = false;
    bool autoIncrement = false; // filled by the database on insert
    int primaryKeyPosition = 0; // 1-based position in the primary key, 0 if not part of it
    bool writable = true;
    QStringList enumValues;
    // A decimal typed in is stored as a 64-bit float (SQLite's NUMERIC affinity): one with
    // more digits than that keeps is refused rather than rounded.
    bool storesDecimalsAsFloat = false;
    // Limits a server keeps without a word or refuses only at Save (PostgreSQL, MariaDB; -1
    // where there is none, or the database does not enforce it): the characters of a VARCHAR
    // or CHAR, the digits and decimal places of a DECIMAL / NUMERIC(precision, scale).
    int maxLength = -1;
    int numericPrecision = -1;
    int numericScale = -1;

    // Why the connection's role may not change this column (a column privilege), if it may
    // not while it may change others.
    QString updateRefusal;

    // DECIMAL(precision, scale) as a catalog gives it; ignored where it makes no sense
    // (PostgreSQL 15's negative scales).
    void setDecimalLimits(int precision, int scale);
};

struct TableId
{
    QString schema; // empty for SQLite and MySQL (the connection's database)
    QString name;

    QString displayName() const { return schema.isEmpty() ? name : schema + '.' + name; }
    bool operator==(const TableId &o) const { return schema == o.schema && name == o.name; }
    bool operator!=(const TableId &o) const { return !(*this == o); }
};

// A foreign key: `columns` of `table` hold the values of `referencedColumns` of
// `referencedTable`, position by position. Composite keys have several columns.
struct ForeignKey
{
    QString name; // the constraint's name; SQLite's are numbers
    TableId table;
    QStringList columns;
    TableId referencedTable;
    QStringList referencedColumns;

    bool isComposite() const { return columns.size() > 1; }
    // "orders (user_id) → users (id)", for menus and messages.
    QString describe() const;
    bool operator==(const ForeignKey &o) const
    {
        return name == o.name && table == o.table && columns == o.columns &&
               referencedTable == o.referencedTable && referencedColumns == o.referencedColumns;
    }
};

struct TableInfo
{
    TableId id;
    bool isView = false;
};

// What the user's role may not do to a table's rows (a server's privileges), each with the
// reason in words; empty where it may.
struct Refusals
{
    QString update;
    QString insert;
    QString remove;
    bool isEmpty() const { return update.isEmpty() && insert.isEmpty() && remove.isEmpty(); }
};

struct TableSchema
{
    TableId id;
    bool isView = false;
    QList<ColumnInfo> columns;
    // How rows are identified: the primary key columns, or the SQLite rowid.
    QList<int> keyColumns;
    QString rowIdName;             // non-empty when rows are identified by SQLite's rowid
    QString readOnlyReason;        // non-empty when rows cannot be written back safely
    QList<ForeignKey> foreignKeys; // the keys of this table that reference others

    Refusals refusals; // read at open: never found out at Save

    bool isEditable() const { return readOnlyReason.isEmpty(); }
    bool canUpdate() const { return isEditable() && refusals.update.isEmpty(); }
    bool canUpdate(int column) const
    {
        return canUpdate() && columns.at(column).updateRefusal.isEmpty();
    }
    // Why `column` of a stored row may not be changed; empty when it may.
    QString updateRefusal(int column) const;
    bool canInsert() const { return isEditable() && refusals.insert.isEmpty(); }
    bool canDelete() const { return isEditable() && refusals.remove.isEmpty(); }
    // Why the table, or these actions on it, are refused; empty when nothing is.
    QString refusalText() const;
    // Fills keyColumns from the columns' primaryKeyPosition, in key order.
    void collectKeyColumns();
    // Views, and tables whose rows cannot be told apart, are read-only with the reason.
    void requireRowIdentity();
    bool usesRowId() const { return !rowIdName.isEmpty(); }
    int columnIndex(const QString &name) const;
    // The foreign key `column` is part of (a single-column one first), or null.
    const ForeignKey *foreignKeyAt(int column) const;
};

ValueKind valueKindForSqliteType(const QString &declaredType);

} // namespace Tabula
