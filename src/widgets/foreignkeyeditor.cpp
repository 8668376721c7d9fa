#include "foreignkeyeditor.h"

#include "referencedrowsmodel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QVBoxLayout>

namespace Tabula {

namespace {
// A window of its own that never takes the focus: the typing stays in the cell.
constexpr Qt::WindowFlags kPopupFlags =
    Qt::ToolTip | Qt::FramelessWindowHint | Qt::WindowDoesNotAcceptFocus;
constexpr int kPopupHeight = 240;
constexpr int kPopupMinWidth = 320;
} // namespace

ForeignKeyEditor::ForeignKeyEditor(const Database &database, const ForeignKey &key, QWidget *parent)
    : QWidget(parent), m_rows(new ReferencedRowsModel(database, key, 100, this)),
      m_edit(new QLineEdit(this)), m_popup(new QFrame(this, kPopupFlags)),
      m_list(new QListView(m_popup)), m_status(new QLabel(m_popup))
{
    setObjectName(QStringLiteral("foreignKeyEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    m_popup->setObjectName(QStringLiteral("foreignKeyPopup"));
    m_popup->setAttribute(Qt::WA_ShowWithoutActivating);
    m_popup->setFrameShape(QFrame::Box);
    auto *popupLayout = new QVBoxLayout(m_popup);
    popupLayout->setContentsMargins(1, 1, 1, 1);
    popupLayout->setSpacing(0);
    popupLayout->addWidget(m_list);
    popupLayout->addWidget(m_status);
    const ForeignKeyLookup &lookup = m_rows->lookup();
    m_edit->setPlaceholderText(
        tr("NULL — type a key or search %1").arg(key.referencedTable.displayName()));
    m_status->setText(
        lookup.labelColumn().isEmpty()
            ? tr(" %1.%2").arg(key.referencedTable.displayName(), key.referencedColumns.value(0))
            : tr(" %1.%2 — %3")
                  .arg(key.referencedTable.displayName(), key.referencedColumns.value(0),
                       lookup.labelColumn()));
    m_status->setEnabled(false); // a caption, greyed
    m_list->setModel(m_rows);
    m_list->setFocusPolicy(Qt::NoFocus); // the typing stays in the text
    m_list->setUniformItemSizes(true);   // a long list lays out without measuring every row
    setFocusProxy(m_edit);
    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::textEdited, this, &ForeignKeyEditor::search);
    connect(m_list, &QListView::clicked, this, &ForeignKeyEditor::pick);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        pick(index);
        QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QCoreApplication::sendEvent(this, &enter); // the delegate commits on Enter
    });
}

QWidget *ForeignKeyEditor::popup() const
{
    return m_popup;
}

// The list is a window of its own: it follows the cell when the main window moves or its
// layout shifts (a dock opened), which moves an ancestor and not the editor in its parent.
void ForeignKeyEditor::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    for (QWidget *ancestor = parentWidget(); ancestor; ancestor = ancestor->parentWidget())
        ancestor->installEventFilter(this);
    placePopup();
    m_popup->show();
}

void ForeignKeyEditor::hideEvent(QHideEvent *event)
{
    m_popup->hide();
    for (QWidget *ancestor = parentWidget(); ancestor; ancestor = ancestor->parentWidget())
        ancestor->removeEventFilter(this);
    QWidget::hideEvent(event);
}

void ForeignKeyEditor::moveEvent(QMoveEvent *event)
{
    QWidget::moveEvent(event);
    placePopup();
}

void ForeignKeyEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    placePopup();
}

// Under the cell, or above it where the screen ends below.
void ForeignKeyEditor::placePopup()
{
    QRect r(mapToGlobal(QPoint(0, height())), QSize(qMax(width(), kPopupMinWidth), kPopupHeight));
    if (const QScreen *shown = screen(); shown && r.bottom() > shown->availableGeometry().bottom())
        r.moveBottom(mapToGlobal(QPoint(0, 0)).y() - 1);
    m_popup->setGeometry(r);
}

bool ForeignKeyEditor::owns(const QWidget *widget) const
{
    for (; widget; widget = widget->parentWidget()) {
        if (widget == this)
            return true;
    }
    return false;
}

QString ForeignKeyEditor::text() const
{
    return m_edit->text();
}

void ForeignKeyEditor::setText(const QString &text)
{
    m_edit->setText(text);
    const int row = m_rows->rowOfKey(text);
    if (row >= 0)
        m_list->setCurrentIndex(m_rows->index(row));
}

void ForeignKeyEditor::search(const QString &text)
{
    m_rows->setSearch(text.trimmed());
    if (!m_rows->lastError().isEmpty())
        m_status->setText(m_rows->lastError());
}

void ForeignKeyEditor::pick(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_list->setCurrentIndex(index);
    m_edit->setText(index.data(ReferencedRowsModel::KeyTextRole).toString());
    m_edit->selectAll();
}

// The keys that move through the list go to it; those that end the editing (Enter, Tab,
// Escape) and the focus leaving go to this widget, where the item delegate listens.
bool ForeignKeyEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_edit) { // an ancestor
        if (event->type() == QEvent::Move || event->type() == QEvent::Resize)
            placePopup();
        return false;
    }
    if (event->type() == QEvent::FocusOut) {
        QWidget *to = QApplication::focusWidget();
        if (!owns(to))
            QCoreApplication::sendEvent(this, event);
        return false;
    }
    if (event->type() != QEvent::KeyPress)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        QCoreApplication::sendEvent(m_list, event);
        pick(m_list->currentIndex());
        return true;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
    case Qt::Key_Escape:
        return QCoreApplication::sendEvent(this, event);
    default:
        return false;
    }
}

} // namespace Tabula
