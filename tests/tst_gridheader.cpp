// The grid's header and width as a user sees them: titles and filter inputs where they belong
// after an edit, filter inputs wide enough for what they hold, the columns across the window.

#include "filterheader.h"
#include "usersfixture.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QTest>

using namespace Tabula;

class GridHeaderTest : public QObject, public Test::UsersWindowFixture
{
    Q_OBJECT
private:
    QLineEdit *filterInput(int column) const
    {
        return grid()->findChild<QLineEdit *>(QStringLiteral("filter%1").arg(column));
    }
    QHeaderView *header() const { return view()->horizontalHeader(); }
    // The strip of the header above its filter inputs: where the titles are painted.
    QImage titleStrip(int height) const
    {
        return header()->grab(QRect(0, 0, header()->width(), height)).toImage();
    }
    // Pixels that differ from the strip's background (its top-left corner): the titles' text.
    static int inkPixels(const QImage &image)
    {
        const QRgb background = image.pixel(image.width() - 1, image.height() / 2);
        int n = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                n += qGray(image.pixel(x, y)) < qGray(background) - 80;
        }
        return n;
    }

    // What the header shows: its height, where the filter inputs sit, the titles' pixels.
    struct HeaderLook
    {
        int height = 0;
        int titlesHeight = 0;
        int filterTop = 0;
        QImage titles;
    };
    HeaderLook look() const
    {
        HeaderLook l;
        l.height = header()->height();
        l.titlesHeight = header()->viewport()->height();
        l.filterTop = filterInput(Name)->geometry().top();
        l.titles = titleStrip(l.titlesHeight);
        return l;
    }
    void compareLooks(const HeaderLook &after, const HeaderLook &before)
    {
        QCOMPARE(after.height, before.height);
        QCOMPARE(after.titlesHeight, before.titlesHeight);
        QCOMPARE(after.filterTop, before.filterTop);
        QCOMPARE(inkPixels(after.titles), inkPixels(before.titles));
        QVERIFY(after.titles == before.titles);
    }
    void checkLooksRight(const HeaderLook &l)
    {
        QVERIFY2(l.titlesHeight > 10, "the titles have a row of their own");
        QVERIFY2(l.filterTop >= l.titlesHeight, "the filter inputs sit below the titles");
        QCOMPARE(l.titlesHeight + filterInput(Name)->height() + 4, l.height);
        QVERIFY2(inkPixels(l.titles) > 50, "the titles are painted");
    }

private slots:
    void initTestCase() { setUpTestCase(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void titlesAndFiltersStayInPlaceAfterAnEdit()
    {
        clickCell(2, Age); // the current column's title is highlighted: the same after
        QTest::qWait(50);
        const HeaderLook before = look();
        checkLooksRight(before);

        typeIntoCell(1, Name, QStringLiteral("Bea"));
        typeIntoCell(2, Age, QStringLiteral("7"));
        QTest::qWait(50);
        compareLooks(look(), before);
    }

    // Qt lays the header out again from inside its size hint when a layout is pending and
    // the hint is stale (as after a model's layout and header changes, or the edits above on
    // a real display): the inputs must not be placed from that half-computed hint.
    void titlesAndFiltersStayInPlaceWhenQtLaysTheHeaderOutAgain()
    {
        QTest::qWait(50);
        const HeaderLook before = look();
        checkLooksRight(before);

        emit model()->layoutAboutToBeChanged();
        emit model()->layoutChanged();
        emit model()->headerDataChanged(Qt::Horizontal, 0, model()->columnCount() - 1);
        view()->doItemsLayout(); // as Qt does when the view paints before the header
        QTest::qWait(50);
        compareLooks(look(), before);
    }

    void filterInputShowsAllItHolds()
    {
        QLineEdit *input = filterInput(Status);
        QTest::mouseClick(input, Qt::LeftButton);
        QTest::keyClicks(input, QStringLiteral("=inactive"));
        QTRY_COMPARE(document()->filter().columnFilter(Status), QStringLiteral("=inactive"));
        // The cursor is at the end, so the end shows; the first character is still at the
        // left edge, so nothing scrolled out.
        QCOMPARE(input->cursorPosition(), input->text().size());
        const QPoint left(input->contentsRect().left() + 4, input->height() / 2);
        QCOMPARE(input->cursorPositionAt(left), 0);
    }

    void columnsUseTheWindowsWidth()
    {
        QTest::qWait(50);
        // No blank strip right of the last column.
        QVERIFY2(header()->length() >= header()->viewport()->width(),
                 qPrintable(QStringLiteral("columns %1 px of %2")
                                .arg(header()->length())
                                .arg(header()->viewport()->width())));
    }
};

QTEST_MAIN(GridHeaderTest)
#include "tst_gridheader.moc"
