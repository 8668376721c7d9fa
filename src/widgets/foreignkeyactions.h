#pragma once

#include "filterexpression.h"
#include "rowkey.h"
#include "tableschema.h"

#include <QModelIndex>
#include <QObject>

class QAction;

namespace Tabula {

class MainWindow;

// Following foreign keys from table to table in the window: from a cell to the row it
// references (Ctrl+J, or Ctrl+click on the cell), from a row to the rows of other tables that
// reference it (Ctrl+Shift+J), and Back (Alt+Left) to the table, filter and row the user came
// from. Another table opens the way a click in the table list opens it, so pending changes
// are asked about first; the target is shown through the filter inputs, where the user sees
// and can clear it.
class ForeignKeyActions : public QObject
{
    Q_OBJECT
public:
    explicit ForeignKeyActions(MainWindow *window);

    QAction *goToReferencedAction() const { return m_goToReferenced; }
    QAction *referencingRowsAction() const { return m_referencingRows; }
    QAction *backAction() const { return m_back; }

    // Opens the row `cell` references (the current cell by default); false, with the reason
    // in `error` unless the user cancelled, when it cannot.
    bool goToReferencedRow(const QModelIndex &cell, QString *error);
    // The keys of other tables (or this one) that reference the current table.
    QList<ForeignKey> referencingKeys() const;
    // Opens key.table showing the rows that reference the current row.
    bool showReferencingRows(const ForeignKey &key, QString *error);
    // Returns to where the last jump started; false when there is nowhere to go back to.
    bool back();
    int historySize() const { return int(m_history.size()); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Place
    {
        QString location;
        QString table;
        FilterExpression filter;
        RowKey key;
        int column = 0;
    };
    Place here() const;
    QVariantList currentValues(int row, const QStringList &columns, QString *error) const;
    bool openFiltered(const TableId &table, const QStringList &columns, const QVariantList &values,
                      QString *error);
    void offerReferencingRows();
    void commitOpenEditor();
    void report(const QString &error);
    void updateBack();

    MainWindow *m_window;
    QAction *m_goToReferenced;
    QAction *m_referencingRows;
    QAction *m_back;
    QList<Place> m_history;
};

} // namespace Tabula
