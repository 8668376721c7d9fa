#pragma once

#include "rowkey.h"
#include "tableschema.h"

#include <QStringList>

class QSqlQuery;

namespace Tabula {

class Dialect;

// How the rows of one table are told apart, in one place: the key columns (or SQLite's
// rowid) as SQL, how a statement matches one row or many, how a key is bound, and how a key
// is read from a result row. Made by the dialect for a schema; SaveJob, the bulk-edit plan
// and the model all go through it.
class RowIdentity
{
public:
    RowIdentity(const Dialect &dialect, const TableSchema &schema);

    // The key columns, quoted, in key order: "id", or "a", "b", or the rowid.
    const QStringList &columns() const { return m_columns; }
    // The same as a SELECT list reads them for keyAt(): the value read binds back unchanged.
    const QStringList &readColumns() const { return m_reads; }
    // Whether readColumns() differ from columns(), so that a row read for its columns needs
    // readColumns() as well to have its key.
    bool readsApart() const { return m_reads != m_columns; }
    int width() const { return int(m_columns.size()); }
    // "k = ?" (AND-ed for a composite key), NULL-safe where a key may hold NULL.
    QString matchOne() const;
    // "k IN (?, ?, …)" or "(a, b) IN ((?, ?), …)" for `count` keys.
    QString matchMany(int count) const;
    // Binds the key's values in the form the database reads back unchanged; false with the
    // reason when a value cannot be bound.
    bool bind(QSqlQuery &query, const RowKey &key, QString *error) const;
    // The key of the row the query is on, read from `first` on (readColumns()).
    RowKey keyAt(const QSqlQuery &query, int first) const;
    // The key from values read by readColumns(): where those read a text key as bytes, bytes
    // that are UTF-8 become that text, so the key equals one built from the shown values;
    // other bytes stay bytes.
    RowKey keyFromRead(QVariantList values) const;
    // Whether many rows can be matched by one IN list (IN never matches NULL).
    static bool matchableInList(const RowKey &key);

private:
    const Dialect &m_dialect;
    const TableSchema &m_schema;
    QStringList m_columns;
    QStringList m_reads;
    QStringList m_placeholders;
};

// A stored row's key in words: "id = 42", "(a = 1, b = 'x')".
QString describeKey(const TableSchema &schema, const RowKey &key);

// Keys in key order (the order Save writes them in, so that neighbouring rows share pages).
QVector<RowKey> sortedKeys(const QVector<RowKey> &keys);

} // namespace Tabula
