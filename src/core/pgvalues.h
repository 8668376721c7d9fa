#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QSql>
#include <QString>
#include <QVariant>

// Values between Qt and libpq's text protocol, for Tabula's PostgreSQL driver (pgdriver.h).
// Values are read the way Qt's own QPSQL driver reads them, so nothing above the driver
// changes; parameters are sent apart from the SQL, never pasted into it.
namespace Tabula::Pg {

// `?` placeholders as PostgreSQL's $1, $2, … Quoted text, quoted names, dollar-quoted bodies
// and comments are copied as they are. `count` receives the number of placeholders.
QByteArray numberedPlaceholders(const QString &sql, int *count);

// One parameter as libpq takes it: text, or raw bytes for a byte array (binary format, so
// nothing is escaped). `type` is 0 (the server infers it from where the parameter stands)
// except for a date-time, sent as an instant (timestamptz) as QPSQL always has.
struct Param
{
    QByteArray bytes;
    bool isNull = false;
    bool binary = false;
    unsigned type = 0;
};
Param paramFromVariant(const QVariant &value);

// The Qt type a column of this PostgreSQL type is read as.
QMetaType metaTypeForOid(unsigned oid);
// One value in PostgreSQL's text output, as that Qt type (numeric as text when `policy` is
// HighPrecision, so no digit is lost).
QVariant valueFromText(const char *text, unsigned oid, QSql::NumericalPrecisionPolicy policy);

} // namespace Tabula::Pg
