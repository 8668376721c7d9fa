#include "referencedrowsmodel.h"

#include "valuetext.h"

namespace Tabula {

ReferencedRowsModel::ReferencedRowsModel(const Database &database, const ForeignKey &key,
                                         int pageSize, QObject *parent)
    : QAbstractListModel(parent), m_lookup(database, key), m_pageSize(pageSize)
{
    fetchMore();
}

void ReferencedRowsModel::setSearch(const QString &text)
{
    beginResetModel();
    m_search = text;
    m_rows.clear();
    m_atEnd = false;
    endResetModel();
    fetchMore();
}

int ReferencedRowsModel::rowOfKey(const QString &keyText) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (editText(m_rows.at(row).key) == keyText)
            return row;
    }
    return -1;
}

int ReferencedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ReferencedRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ReferencedRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.label.isEmpty() ? editText(row.key)
                                   : QStringLiteral("%1 — %2").arg(editText(row.key), row.label);
    case Qt::ToolTipRole:
    case LabelRole:
        return row.label;
    case KeyTextRole:
        return editText(row.key);
    default:
        return {};
    }
}

bool ReferencedRowsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void ReferencedRowsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    const QVariant after = m_rows.isEmpty() ? QVariant() : m_rows.last().key;
    const QList<ReferencedRow> page = m_lookup.page(m_search, after, m_pageSize, &m_error);
    m_atEnd = page.size() < m_pageSize;
    if (page.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows += page;
    endInsertRows();
}

} // namespace Tabula
