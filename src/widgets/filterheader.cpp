#include "filterheader.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>

namespace Tabula {

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
    const int y = QHeaderView::sizeHint().height() + 2;
    for (int column = 0; column < m_editors.size(); ++column) {
        QLineEdit *edit = m_editors.at(column);
        edit->setVisible(!isSectionHidden(column));
        edit->move(sectionPosition(column) - offset() + 1, y);
        edit->resize(sectionSize(column) - 2, editorHeight());
    }
}

} // namespace Tabula
