#pragma once

class QMainWindow;

namespace Tabula {

class TableGrid;

// What Tabula remembers between sessions, in QSettings (see README): the window's geometry
// and dock layout, and per table of each database its column widths and last filter.
// (Recent databases and the last table are kept by RecentLocations and MainWindow.)
namespace ViewSettings {

void storeWindow(const QMainWindow *window);
void restoreWindow(QMainWindow *window);

// The grid's table: its column widths and filter, stored under the database's URL (without
// password) and the table's name; restored visibly, in the filter inputs.
void storeTable(const TableGrid *grid);
void restoreTable(TableGrid *grid);

} // namespace ViewSettings

} // namespace Tabula
