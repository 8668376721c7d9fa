#include "conflictsmodel.h"

#include "rowidentity.h"
#include "valuetext.h"

namespace Tabula {

ConflictsModel::ConflictsModel(const TableSchema &schema, QVector<Conflict> conflicts,
                               QObject *parent)
    : QAbstractTableModel(parent), m_schema(schema), m_conflicts(std::move(conflicts))
{
    // Mine unless impossible: the user asked for these edits; overwriting theirs is one click
    // away from Take all theirs.
    m_choices.reserve(m_conflicts.size());
    for (const Conflict &c : std::as_const(m_conflicts))
        m_choices.append(canKeepMine(c) ? Resolution::KeepMine : Resolution::TakeTheirs);
}

QString ConflictsModel::choiceText(Resolution choice)
{
    return choice == Resolution::KeepMine ? tr("Keep mine") : tr("Take theirs");
}

bool ConflictsModel::anyRowGone() const
{
    return std::any_of(m_conflicts.cbegin(), m_conflicts.cend(),
                       [](const Conflict &c) { return c.theirsDeleted; });
}

bool ConflictsModel::setChoice(int line, Resolution choice)
{
    const Conflict &conflict = m_conflicts.at(line);
    if (choice == Resolution::KeepMine && !canKeepMine(conflict))
        return false;
    int first = line, last = line;
    if (conflict.mineDeleted) { // a row's lines are next to each other
        while (first > 0 && m_conflicts.at(first - 1).key == conflict.key)
            --first;
        while (last + 1 < m_conflicts.size() && m_conflicts.at(last + 1).key == conflict.key)
            ++last;
    }
    for (int i = first; i <= last; ++i)
        m_choices[i] = canKeepMine(m_conflicts.at(i)) ? choice : Resolution::TakeTheirs;
    emit dataChanged(index(first, ChoiceColumn), index(last, ChoiceColumn));
    return true;
}

void ConflictsModel::setAll(Resolution choice)
{
    for (int i = 0; i < m_conflicts.size(); ++i)
        m_choices[i] = canKeepMine(m_conflicts.at(i)) ? choice : Resolution::TakeTheirs;
    if (!m_conflicts.isEmpty())
        emit dataChanged(index(0, ChoiceColumn), index(rowCount() - 1, ChoiceColumn));
}

int ConflictsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_conflicts.size());
}

int ConflictsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConflictsModel::text(const Conflict &c, int column, int line) const
{
    switch (column) {
    case RowColumn:
        return describeKey(m_schema, c.key);
    case ColumnColumn:
        return c.column >= 0 ? m_schema.columns.at(c.column).name : tr("(the whole row)");
    case LoadedColumn:
        return c.column >= 0 ? displayText(c.loaded) : QString();
    case TheirsColumn:
        return c.theirsDeleted ? tr("deleted") : displayText(c.theirs);
    case MineColumn:
        return c.mineDeleted ? tr("deleted") : c.column >= 0 ? displayText(c.mine) : tr("edited");
    case ChoiceColumn:
        return c.theirsDeleted ? tr("Take theirs (the row is gone)")
                               : choiceText(m_choices.at(line));
    default:
        return {};
    }
}

QVariant ConflictsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Conflict &c = m_conflicts.at(index.row());
    if (role == Qt::DisplayRole)
        return text(c, index.column(), index.row());
    if (role == Qt::EditRole && index.column() == ChoiceColumn)
        return int(m_choices.at(index.row()));
    if (role == Qt::ToolTipRole && c.theirsDeleted)
        return tr("Someone deleted this row since it was loaded: there is no row left to write "
                  "yours to, so your changes to it are dropped.");
    if (role == Qt::ToolTipRole && c.mineDeleted)
        return tr("You deleted this row; someone changed it since. Keep mine deletes it "
                  "anyway, Take theirs keeps the row.");
    return {};
}

QVariant ConflictsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RowColumn:
        return tr("Row");
    case ColumnColumn:
        return tr("Column");
    case LoadedColumn:
        return tr("When loaded");
    case TheirsColumn:
        return tr("Theirs now");
    case MineColumn:
        return tr("Yours");
    case ChoiceColumn:
        return tr("Choice");
    default:
        return {};
    }
}

Qt::ItemFlags ConflictsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == ChoiceColumn && canKeepMine(m_conflicts.at(index.row())))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool ConflictsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != ChoiceColumn)
        return false;
    const int choice = value.toInt();
    if (choice != int(Resolution::KeepMine) && choice != int(Resolution::TakeTheirs))
        return false;
    return setChoice(index.row(), Resolution(choice));
}

} // namespace Tabula
