#include "filterheader.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>

namespace Tabula {

namespace {
constexpr int kWidestFitted = 400; // a long filter widens its column up to this, not beyond
}

FilterHeader::FilterHeader(QTableView *parent) : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setSortIndicatorShown(true);
    setHighlightSections(true);
    setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(this, &QHeaderView::sectionResized, this, &FilterHeader::positionEditors);
    connect(this, &QHeaderView::sectionMoved, this, &FilterHeader::positionEditors);
    connect(parent->horizontalScrollBar(), &QScrollBar::valueChanged, this,
            &FilterHeader::positionEditors);
}

void FilterHeader::setColumnCount(int count)
{
    qDeleteAll(m_editors);
    m_editors.clear();
    for (int column = 0; column < count; ++column) {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(tr("Filter"));
        edit->setClearButtonEnabled(true);
        edit->setObjectName(QStringLiteral("filter%1").arg(column));
        edit->setToolTip(tr("Filter this column: text (contains), =v, <>v, <v, <=v, >v, >=v, "
                            "a..b, NULL, NOT NULL, '' (empty text)"));
        connect(edit, &QLineEdit::textEdited, this,
                [this, column](const QString &text) { emit filterEdited(column, text); });
        connect(edit, &QLineEdit::textChanged, this, [this, column] { fitToText(column); });
        edit->installEventFilter(this);
        edit->show();
        m_editors.append(edit);
    }
    updateGeometries();
}

QString FilterHeader::filterText(int column) const
{
    const QLineEdit *edit = m_editors.value(column);
    return edit ? edit->text() : QString();
}

void FilterHeader::setFilterText(int column, const QString &text)
{
    if (QLineEdit *edit = m_editors.value(column)) {
        edit->setText(text);
        emit filterEdited(column, text);
    }
}

void FilterHeader::clearFilters()
{
    for (QLineEdit *edit : std::as_const(m_editors)) {
        edit->clear();
        edit->setStyleSheet(QString());
    }
}

void FilterHeader::setInvalid(int column, bool invalid)
{
    if (QLineEdit *edit = m_editors.value(column))
        edit->setStyleSheet(invalid ? QStringLiteral("QLineEdit { background: #ffd6d6; }")
                                    : QString());
}

int FilterHeader::focusedColumn() const
{
    for (int column = 0; column < m_editors.size(); ++column) {
        if (m_editors.at(column)->hasFocus())
            return column;
    }
    return -1;
}

bool FilterHeader::eventFilter(QObject *watched, QEvent *event)
{
    // Keys a line edit leaves unused would reach the grid (the header's parent) and move its
    // current cell while the focus stays here; Tab would do the same through the view.
    if (event->type() == QEvent::KeyPress) {
        const int column = int(m_editors.indexOf(qobject_cast<QLineEdit *>(watched)));
        const auto *key = static_cast<QKeyEvent *>(event);
        if (column >= 0 && handleKey(column, key->key()))
            return true;
    }
    return QHeaderView::eventFilter(watched, event);
}

bool FilterHeader::handleKey(int column, int key)
{
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Down:
        emit leaveRequested(column);
        return true;
    case Qt::Key_Escape:
        if (!m_editors.at(column)->text().isEmpty())
            setFilterText(column, QString());
        return true;
    case Qt::Key_Tab:
    case Qt::Key_Backtab: {
        const int next = column + (key == Qt::Key_Tab ? 1 : -1);
        if (QLineEdit *edit = m_editors.value(next)) {
            edit->setFocus(key == Qt::Key_Tab ? Qt::TabFocusReason : Qt::BacktabFocusReason);
            edit->selectAll();
        }
        return true;
    }
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        return true;
    default:
        return false;
    }
}

void FilterHeader::fitToText(int column)
{
    const QLineEdit *edit = m_editors.at(column);
    // Room for the text, the clear button (as wide as the input is high) and the frame.
    const int needed = edit->fontMetrics().horizontalAdvance(edit->text()) + edit->height() + 16;
    if (sectionSize(column) < needed)
        resizeSection(column, qMin(needed, kWidestFitted));
}

int FilterHeader::editorHeight() const
{
    return m_editors.isEmpty() ? 0 : m_editors.first()->sizeHint().height();
}

QSize FilterHeader::sizeHint() const
{
    QSize size = QHeaderView::sizeHint();
    if (!m_editors.isEmpty())
        size.setHeight(size.height() + editorHeight() + 4);
    return size;
}

void FilterHeader::updateGeometries()
{
    // The titles paint in the viewport; the inputs sit in the margin below it.
    setViewportMargins(0, 0, 0, m_editors.isEmpty() ? 0 : editorHeight() + 4);
    QHeaderView::updateGeometries();
    positionEditors();
}

void FilterHeader::positionEditors()
{
    // Below the titles, from the header's own height: QHeaderView can lay itself out from
    // inside sizeHint(), where the hint it is computing reads (0, 0) until it is done.
    const int y = height() - editorHeight() - 2;
    for (int column = 0; column < m_editors.size(); ++column) {
        QLineEdit *edit = m_editors.at(column);
        edit->setVisible(!isSectionHidden(column));
        edit->move(sectionPosition(column) - offset() + 1, y);
        edit->resize(sectionSize(column) - 2, editorHeight());
    }
}

} // namespace Tabula
