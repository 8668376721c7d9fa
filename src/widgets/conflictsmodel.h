#pragma once

#include "conflictresolution.h"
#include "tableschema.h"

#include <QAbstractTableModel>

namespace Tabula {

// A Save's conflicts as a table, one line each, with the user's choice for each: what the
// conflicts dialog shows and edits. A model, so that ten thousand conflicts stay usable.
class ConflictsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        RowColumn,
        ColumnColumn,
        LoadedColumn,
        TheirsColumn,
        MineColumn,
        ChoiceColumn,
        ColumnCount
    };
    // The choice column's Qt::EditRole is a Resolution as an int.

    ConflictsModel(const TableSchema &schema, QVector<Conflict> conflicts,
                   QObject *parent = nullptr);

    const QVector<Conflict> &conflicts() const { return m_conflicts; }
    const QVector<Resolution> &choices() const { return m_choices; }
    // Sets a line's choice. A row I deleted is kept or deleted as a whole, so the choice
    // goes to all its lines. Keep mine is refused where there is no row to keep it in.
    bool setChoice(int line, Resolution choice);
    void setAll(Resolution choice);
    // Whether a line is of a row someone deleted (only Take theirs).
    bool isRowGone(int line) const { return m_conflicts.at(line).theirsDeleted; }
    bool anyRowGone() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    static QString choiceText(Resolution choice);

private:
    QString text(const Conflict &conflict, int column, int line) const;

    const TableSchema &m_schema;
    QVector<Conflict> m_conflicts;
    QVector<Resolution> m_choices;
};

} // namespace Tabula
