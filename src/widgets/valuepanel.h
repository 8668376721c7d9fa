#pragma once

#include "valueformat.h"

#include <QPersistentModelIndex>
#include <QWidget>
#include <memory>

class QAction;

namespace Ui {
class ValuePanel;
}

namespace Tabula {

class CurrentCell;
class TableGrid;

// The grid's current cell at full length, for the values a cell is too small for: long text,
// JSON (laid out, and checked before it is taken), blobs as hex and as an image. What is
// typed here goes to the cell only on Apply (Ctrl+Enter), as one pending, undoable edit.
class ValuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ValuePanel(TableGrid *grid, QWidget *parent = nullptr);
    ~ValuePanel() override;

    QModelIndex index() const { return m_index; }
    ValueFormat format() const { return m_format; }
    QString message() const;
    QAction *applyAction() const { return m_applyAction; }
    QSize sizeHint() const override; // wide enough for a line of the hex dump

    // Puts what is typed into the cell; false, with the reason shown, when it is refused.
    bool apply();
    // Sets the cell to a file's contents: bytes for a blob, UTF-8 text otherwise.
    bool loadFile(const QString &path);
    bool saveFile(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showCurrent();
    void showText(const ColumnInfo &column, const QVariant &value);
    void showBinary(const QByteArray &bytes);
    void setFormat(ValueFormat format);
    void onFormatChosen(int item);
    void setNull();
    void chooseLoadFile();
    void chooseSaveFile();
    std::optional<QVariant> typedValue(QString *error) const;
    void showMessage(const QString &text, bool isError = false);
    void updateButtons();
    bool editable() const;

    std::unique_ptr<Ui::ValuePanel> m_ui;
    CurrentCell *m_cell;
    QPersistentModelIndex m_index;
    ValueFormat m_format = ValueFormat::Text;
    bool m_wasMultiLine = false; // the stored JSON had line breaks: keep the user's layout
    QAction *m_applyAction;
};

} // namespace Tabula
