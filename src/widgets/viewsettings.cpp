#include "viewsettings.h"

#include "database.h"
#include "filterheader.h"
#include "tabledocument.h"
#include "tablegrid.h"

#include <QMainWindow>
#include <QSettings>
#include <QTableView>

namespace Tabula {

namespace {

const char *const kGeometry = "window/geometry";
const char *const kState = "window/state";
const char *const kWidths = "columnWidths";
const char *const kFilters = "filters";
const char *const kRawWhere = "rawWhere";

// URLs and table names hold / and other characters QSettings gives meaning to.
QString encoded(const QString &text)
{
    return QString::fromLatin1(text.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QString tableGroup(const TableDocument &document)
{
    return QStringLiteral("tables/%1/%2")
        .arg(encoded(document.database().spec().displayUrl()),
             encoded(document.schema().id.displayName()));
}

} // namespace

void ViewSettings::storeWindow(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(kGeometry, window->saveGeometry());
    settings.setValue(kState, window->saveState());
}

void ViewSettings::restoreWindow(QMainWindow *window)
{
    QSettings settings;
    window->restoreGeometry(settings.value(kGeometry).toByteArray());
    window->restoreState(settings.value(kState).toByteArray());
}

void ViewSettings::storeTable(const TableGrid *grid)
{
    const TableDocument *document = grid->document();
    if (!document)
        return;
    QVariantMap widths;
    QVariantMap filters;
    const QList<ColumnInfo> &columns = document->schema().columns;
    for (int c = 0; c < columns.size(); ++c) {
        widths.insert(columns.at(c).name, grid->view()->columnWidth(c));
        // What the inputs show, applied or still being typed: that is what the user left.
        const QString filter = grid->filterHeader()->filterText(c);
        if (!filter.isEmpty())
            filters.insert(columns.at(c).name, filter);
    }
    QSettings settings;
    settings.beginGroup(tableGroup(*document));
    settings.setValue(kWidths, widths);
    settings.setValue(kFilters, filters);
    settings.setValue(kRawWhere, document->filter().rawWhere());
}

void ViewSettings::restoreTable(TableGrid *grid)
{
    const TableDocument *document = grid->document();
    if (!document)
        return;
    QSettings settings;
    settings.beginGroup(tableGroup(*document));
    const QVariantMap widths = settings.value(kWidths).toMap();
    const QVariantMap filters = settings.value(kFilters).toMap();
    FilterExpression filter;
    filter.setRawWhere(settings.value(kRawWhere).toString());
    const QList<ColumnInfo> &columns = document->schema().columns;
    for (int c = 0; c < columns.size(); ++c) {
        const int width = widths.value(columns.at(c).name).toInt();
        if (width > 0)
            grid->view()->setColumnWidth(c, width);
        filter.setColumnFilter(c, filters.value(columns.at(c).name).toString());
    }
    if (!filter.isEmpty())
        grid->showFilter(filter);
}

} // namespace Tabula
