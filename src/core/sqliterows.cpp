#include "sqliterows.h"

#include <QByteArray>
#include <QObject>
#include <QVariant>
#include <algorithm>
#include <cstring>
#include <memory>
#include <sqlite3.h>
#include <vector>

namespace Tabula {

namespace {

// Whether Qt's driver binds the value as NULL: a null QVariant, or a null string or bytes
// inside one (Qt 6's QVariant::isNull() is false there).
bool bindsAsNull(const QVariant &v)
{
    return v.isNull() || (v.typeId() == QMetaType::QString && v.toString().isNull()) ||
           (v.typeId() == QMetaType::QByteArray && v.toByteArray().isNull());
}

bool canBind(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::QByteArray:
    case QMetaType::QString:
    case QMetaType::Int:
    case QMetaType::Bool:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return true;
    default:
        return bindsAsNull(v);
    }
}

int bind(sqlite3_stmt *statement, int i, const QVariant &v)
{
    if (bindsAsNull(v))
        return sqlite3_bind_null(statement, i);
    switch (v.typeId()) {
    case QMetaType::QByteArray: {
        const QByteArray bytes = v.toByteArray();
        return sqlite3_bind_blob(statement, i, bytes.constData(), int(bytes.size()),
                                 SQLITE_TRANSIENT);
    }
    case QMetaType::QString: {
        const QString text = v.toString();
        return sqlite3_bind_text16(statement, i, text.utf16(), int(text.size() * sizeof(QChar)),
                                   SQLITE_TRANSIENT);
    }
    case QMetaType::Int:
    case QMetaType::Bool:
        return sqlite3_bind_int(statement, i, v.toInt());
    case QMetaType::Double:
        return sqlite3_bind_double(statement, i, v.toDouble());
    default: // UInt, LongLong
        return sqlite3_bind_int64(statement, i, v.toLongLong());
    }
}

// One column's value, made again only when the stored bytes differ from the row before's.
class ColumnReader
{
public:
    void read(sqlite3_stmt *statement, int i)
    {
        const int type = sqlite3_column_type(statement, i);
        if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
            const char *bytes =
                type == SQLITE_TEXT
                    ? reinterpret_cast<const char *>(sqlite3_column_text(statement, i))
                    : static_cast<const char *>(sqlite3_column_blob(statement, i));
            const int size = sqlite3_column_bytes(statement, i);
            if (type == m_type && size == int(m_bytes.size()) &&
                (size == 0 || std::memcmp(bytes, m_bytes.data(), size_t(size)) == 0))
                return;
            m_bytes.assign(bytes, bytes + size);
            m_value =
                type == SQLITE_TEXT ? textValue(statement, i) : QVariant(QByteArray(bytes, size));
        } else if (type == SQLITE_INTEGER) {
            m_value = QVariant(qint64(sqlite3_column_int64(statement, i)));
        } else if (type == SQLITE_FLOAT) {
            m_value = QVariant(sqlite3_column_double(statement, i));
        } else if (type != m_type) {
            m_value = QVariant(QMetaType::fromType<QString>());
        }
        m_type = type;
    }
    const QVariant &value() const { return m_value; }

private:
    static QVariant textValue(sqlite3_stmt *statement, int i)
    {
        const void *text = sqlite3_column_text16(statement, i);
        return QString(static_cast<const QChar *>(text),
                       sqlite3_column_bytes16(statement, i) / int(sizeof(QChar)));
    }

    int m_type = 0; // none yet
    std::vector<char> m_bytes;
    QVariant m_value;
};

} // namespace

std::optional<bool> readSqliteRows(sqlite3 *connection, QSql::NumericalPrecisionPolicy policy,
                                   const SqlFragment &select, int columns,
                                   const Dialect::RowSink &row, QString *error)
{
    if (!connection || (policy != QSql::HighPrecision && policy != QSql::LowPrecisionDouble) ||
        !std::all_of(select.params.cbegin(), select.params.cend(), canBind))
        return std::nullopt;
    const auto fail = [&](const QString &why) {
        *error = why;
        return false;
    };
    const auto failed = [&] { return fail(QString::fromUtf8(sqlite3_errmsg(connection))); };
    sqlite3_stmt *prepared = nullptr;
    const QByteArray sql = select.sql.toUtf8();
    const char *tail = nullptr;
    if (sqlite3_prepare_v2(connection, sql.constData(), int(sql.size()), &prepared, &tail) !=
        SQLITE_OK)
        return failed();
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> statement(prepared,
                                                                           sqlite3_finalize);
    // As Qt's driver: one statement a string (SQLite would run the first and ignore the rest).
    if (!prepared || !QByteArray(tail).trimmed().isEmpty())
        return fail(QObject::tr("Unable to execute multiple statements at a time"));
    if (sqlite3_column_count(prepared) < columns)
        return fail(QObject::tr("The statement returns fewer columns than are read."));
    for (int i = 0; i < select.params.size(); ++i) {
        if (bind(prepared, i + 1, select.params.at(i)) != SQLITE_OK)
            return failed();
    }
    std::vector<ColumnReader> readers(size_t(qMax(columns, 0)));
    std::vector<QVariant> values(readers.size());
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(prepared)) == SQLITE_ROW) {
        for (int i = 0; i < columns; ++i) {
            readers[size_t(i)].read(prepared, i);
            values[size_t(i)] = readers[size_t(i)].value();
        }
        row(values.data());
    }
    return step == SQLITE_DONE || failed();
}

} // namespace Tabula
