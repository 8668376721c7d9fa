#include "foreignkeyeditor.h"

#include "referencedrowsmodel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Tabula {

ForeignKeyEditor::ForeignKeyEditor(const Database &database, const ForeignKey &key, QWidget *parent)
    : QWidget(parent), m_rows(new ReferencedRowsModel(database, key, 100, this)),
      m_edit(new QLineEdit(this)), m_list(new QListView(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("foreignKeyEditor"));
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_edit);
    layout->addWidget(m_list);
    layout->addWidget(m_status);
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
    if (watched != m_edit)
        return false;
    if (event->type() == QEvent::FocusOut) {
        QWidget *to = QApplication::focusWidget();
        if (!to || !isAncestorOf(to))
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
