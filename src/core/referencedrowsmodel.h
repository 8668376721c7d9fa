#pragma once

#include "foreignkeylookup.h"

#include <QAbstractListModel>

namespace Tabula {

// The rows a foreign-key column may point to, as a list: "key — label", read a page at a time
// as a view scrolls to the end (fetchMore), filtered by a search text.
class ReferencedRowsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        KeyTextRole = Qt::UserRole + 1, // the key as typed into the cell
        LabelRole,
    };

    ReferencedRowsModel(const Database &database, const ForeignKey &key, int pageSize = 100,
                        QObject *parent = nullptr);

    const ForeignKeyLookup &lookup() const { return m_lookup; }
    // Starts over with the rows whose key or label contains `text` (every row when empty).
    void setSearch(const QString &text);
    QString search() const { return m_search; }
    // The row showing that key among those read so far, or -1.
    int rowOfKey(const QString &keyText) const;
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = QModelIndex()) const override;
    void fetchMore(const QModelIndex &parent = QModelIndex()) override;

private:
    ForeignKeyLookup m_lookup;
    int m_pageSize;
    QString m_search;
    QList<ReferencedRow> m_rows;
    bool m_atEnd = false;
    QString m_error;
};

} // namespace Tabula
