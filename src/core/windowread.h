#pragma once

#include "sqlfragment.h"
#include "tableschema.h"

#include <QSqlError>
#include <QVariantList>
#include <QVector>

namespace Tabula {

class Database;

// Reads the rows of one window of the grid (a SELECT made by TableModel) on `database`, in a
// read-only transaction (the WHERE may hold user SQL), each value as the grid shows it
// (valueAsRead for the table's columns; identity columns read apart follow as they are).
bool readWindow(const Database &database, const TableSchema &schema, const SqlFragment &select,
                QVector<QVariantList> *rows, QSqlError *error);

} // namespace Tabula
