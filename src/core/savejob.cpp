#include "savejob.h"
#include "valuetext.h"

#include "savemessages.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <algorithm>
#include <map>

namespace Tabula {

namespace {

// Rows in one group get one statement: the same columns set to the same values, checked
// against the same loaded values.
QString groupSignature(const QList<int> &columns, const CellValues &values,
                       const CellValues &loaded)
{
    QString signature;
    for (int c : columns) {
        for (const QVariant &v : {values.value(c), loaded.value(c)}) {
            signature += QString::number(c) + '\x1f' + QString::number(v.typeId()) + '\x1f';
            if (v.isNull())
                signature += QStringLiteral("\x1eNULL");
            else if (v.typeId() == QMetaType::QByteArray)
                signature += QString::fromLatin1(v.toByteArray().toHex());
            else
                signature += v.toString();
            signature += '\x1d';
        }
    }
    return signature;
}

} // namespace

SaveJob::SaveJob(const Database &database, const TableSchema &schema, const ChangeSet &changes)
    : m_database(database), m_schema(schema), m_changes(changes),
      m_identity(database.dialect().rowIdentity(schema)),
      m_table(database.dialect().qualifiedName(schema.id)), m_statements(database.connection())
{
}

bool SaveJob::groupFailed()
{
    m_groupFailed = true;
    return false;
}

bool SaveJob::fail(SaveResult &result, const RowKey &key, const QString &column,
                   const QString &message, const QString &statement)
{
    result.ok = false;
    result.error.key = key;
    result.error.rowText = key.isValid() ? describeRow(m_schema, m_changes, key) : QString();
    result.error.column = column;
    result.error.message = message;
    result.error.statement = statement;
    return false;
}

SaveResult SaveJob::run()
{
    SaveResult result;
    for (int retry = 0; retry <= kRetries; ++retry) {
        if (retry > 0)
            QThread::msleep(50u << retry); // 100, 200, 400 ms: let the other transaction finish
        m_retryable = false;
        result = attempt(true);
        if (m_groupFailed && !isCancelled())
            result = attempt(false); // a grouped statement failed: find the row that did
        if (!m_retryable || isCancelled())
            break;
    }
    // An interrupted statement fails with the database's own words: say what happened.
    if (!result.ok && isCancelled())
        cancelledAt(result);
    return result;
}

bool SaveJob::cancelledAt(SaveResult &result)
{
    if (!m_control)
        return false;
    m_control->rowsWritten = result.deleted + result.updated + result.inserted;
    if (!m_control->cancelled)
        return false;
    result = SaveResult();
    result.error.cancelled = true;
    result.error.message = QObject::tr("Save cancelled: nothing was written, every edit is kept.");
    return true;
}

bool SaveJob::begin(QSqlQuery &control, SaveResult &result)
{
    for (const SqlFragment &step :
         m_database.dialect().beginWrite(m_database.spec().busyTimeoutMs)) {
        // Transaction control cannot be prepared on every database: only what binds is.
        bool ok = step.params.isEmpty() || control.prepare(step.sql);
        for (const QVariant &v : step.params)
            control.addBindValue(v);
        ok = ok && (step.params.isEmpty() ? control.exec(step.sql) : control.exec());
        if (!ok) {
            failStatement(result, control, {}, {});
            result.error.message =
                QObject::tr("cannot start a write transaction: %1").arg(result.error.message);
            return false;
        }
    }
    return true;
}

bool SaveJob::failStatement(SaveResult &result, const QSqlQuery &query, const RowKey &key,
                            const QString &column)
{
    const Dialect &d = m_database.dialect();
    const QSqlError error = query.lastError();
    m_retryable = m_retryable || d.isRetryable(error);
    if (!d.isBusy(error))
        return fail(result, key, column, databaseMessage(error), query.lastQuery());
    fail(result, {}, {},
         QObject::tr("the database is busy: another session held a lock for longer than %1 ms "
                     "(%2). Nothing was written and every edit is kept: save again when it is "
                     "done.")
             .arg(m_database.spec().busyTimeoutMs)
             .arg(databaseMessage(error)),
         query.lastQuery());
    result.error.busy = true;
    return false;
}

bool SaveJob::failGroup(SaveResult &result, const QSqlQuery &query)
{
    if (query.lastError().isValid() && m_database.dialect().isBusy(query.lastError()))
        return failStatement(result, query, {}, {});
    return groupFailed();
}

SaveResult SaveJob::attempt(bool grouped)
{
    SaveResult result;
    m_groupFailed = false;
    if (cancelledAt(result))
        return result;
    QSqlQuery control(m_database.connection());
    if (!begin(control, result)) {
        control.exec(QStringLiteral("ROLLBACK"));
        return result;
    }
    // Deletes first, so that a row inserted or renamed into a deleted row's key can be saved.
    bool ok = writeDeletes(grouped, result);
    for (const ChangeSet::Bulk &bulk : m_changes.bulkOperations())
        ok = ok && writeBulk(*bulk, grouped, result);
    ok = ok && writeCellEdits(grouped, result) && writeInserts(result);
    m_statements.finishAll();
    if (ok && !control.exec(QStringLiteral("COMMIT")))
        ok = fail(result, {}, {},
                  QObject::tr("COMMIT failed: %1").arg(databaseMessage(control.lastError())));
    if (!ok)
        control.exec(QStringLiteral("ROLLBACK"));
    // Prepared statements are freed after the transaction ended: in a failed one PostgreSQL
    // refuses even that ("Unable to free statement").
    m_statements.clear();
    if (!ok) {
        result.deleted = result.updated = result.inserted = 0;
        result.insertedKeys.clear(); // rolled back: those keys name no row
        return result;
    }
    result.ok = true;
    return result;
}

bool SaveJob::writeBulk(const BulkOperation &bulk, bool grouped, SaveResult &result)
{
    // Rows whose value this operation saves, grouped by (new value, loaded value), each group
    // in key order: a filter's rows usually make one group.
    const std::vector<char> effective = m_changes.effectiveRows(bulk);
    std::map<std::pair<quint32, quint32>, std::vector<qsizetype>> groups;
    for (qsizetype i = 0; i < bulk.size(); ++i) {
        if (effective[size_t(i)])
            groups[{bulk.next.codeAt(i), bulk.loaded.codeAt(i)}].push_back(i);
    }
    const Dialect &d = m_database.dialect();
    const bool asIntegers = grouped && bulk.keys.isIntegers() &&
                            d.comparesExactly(m_schema.columns.at(bulk.column)) &&
                            !d.keyInIntegers(m_identity.columns().first(), nullptr, 0).isEmpty();
    for (const auto &[codes, positions] : groups) {
        const Update update{
            {bulk.column}, {bulk.next.distinct(codes.first)}, {bulk.loaded.distinct(codes.second)}};
        const bool ok = asIntegers && positions.size() > 1
                            ? writeIntegerGroups(update, bulk.keys, positions, result)
                            : writeKeyGroups(update, bulk.keys, positions, grouped, result);
        if (!ok)
            return false;
    }
    return true;
}

// Up to kArrayGroupSize rows a statement, their keys bound as one array.
bool SaveJob::writeIntegerGroups(const Update &update, const KeyList &keys,
                                 const std::vector<qsizetype> &positions, SaveResult &result)
{
    std::vector<qint64> ints;
    ints.reserve(qMin(positions.size(), size_t(kArrayGroupSize)));
    for (size_t first = 0; first < positions.size(); first += kArrayGroupSize) {
        if (cancelledAt(result))
            return false;
        ints.clear();
        for (size_t i = first; i < qMin(positions.size(), first + kArrayGroupSize); ++i)
            ints.push_back(keys.integerAt(positions[i]));
        const SqlFragment match = m_database.dialect().keyInIntegers(
            m_identity.columns().first(), ints.data(), qsizetype(ints.size()));
        QSqlQuery &q = statement(updateSql(update, match.sql));
        QString error;
        bindUpdate(q, update, &error);
        for (const QVariant &v : match.params)
            q.addBindValue(v);
        if (!error.isEmpty() || !run(q) || q.numRowsAffected() != qsizetype(ints.size()))
            return failGroup(result, q);
        result.updated += int(ints.size());
    }
    return true;
}

bool SaveJob::writeKeyGroups(const Update &update, const KeyList &keys,
                             const std::vector<qsizetype> &positions, bool grouped,
                             SaveResult &result)
{
    QVector<RowKey> chunk;
    for (qsizetype position : positions) {
        const RowKey key = keys.at(position);
        if (!grouped || positions.size() < 2 || !RowIdentity::matchableInList(key)) {
            if (!writeRow(update, key, result))
                return false;
            continue;
        }
        chunk.append(key);
        if (chunk.size() == kGroupSize && !writeGroup(update, std::exchange(chunk, {}), result))
            return false;
    }
    return chunk.isEmpty() || writeGroup(update, chunk, result);
}

bool SaveJob::writeCellEdits(bool grouped, SaveResult &result)
{
    // Rows set to the same values from the same loaded values share statements.
    QHash<QString, QVector<RowKey>> groups;
    QHash<QString, Update> updates;
    for (auto it = m_changes.storedRows().cbegin(); it != m_changes.storedRows().cend(); ++it) {
        if (it->deleted || it->edits.isEmpty())
            continue;
        const QList<int> columns = it->edits.keys();
        const QString signature = grouped && RowIdentity::matchableInList(it.key())
                                      ? groupSignature(columns, it->edits, it->originals)
                                      : QStringLiteral("row:%1").arg(groups.size());
        if (!updates.contains(signature)) {
            Update update{columns, {}, {}};
            for (int c : columns) {
                update.values << it->edits.value(c);
                update.loaded << it->originals.value(c);
            }
            updates.insert(signature, update);
        }
        groups[signature].append(it.key());
    }
    for (auto g = groups.cbegin(); g != groups.cend(); ++g) {
        const Update &update = updates.value(g.key());
        const QVector<RowKey> keys = sortedKeys(*g);
        for (qsizetype first = 0; first < keys.size(); first += kGroupSize) {
            const QVector<RowKey> chunk = keys.mid(first, kGroupSize);
            const bool ok = chunk.size() == 1 ? writeRow(update, chunk.first(), result)
                                              : writeGroup(update, chunk, result);
            if (!ok)
                return false;
        }
    }
    return true;
}

QString SaveJob::updateSql(const Update &update, const QString &match) const
{
    QStringList assignments;
    for (int c : update.columns)
        assignments << m_database.dialect().quoteIdentifier(m_schema.columns.at(c).name) +
                           QStringLiteral(" = ?");
    QStringList where = checks(update);
    where << match;
    return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
        .arg(m_table, assignments.join(QStringLiteral(", ")), where.join(QStringLiteral(" AND ")));
}

QStringList SaveJob::checks(const Update &update) const
{
    const Dialect &d = m_database.dialect();
    QStringList checks;
    for (int c : update.columns) {
        if (d.comparesExactly(m_schema.columns.at(c)))
            checks << d.nullSafeEquals(d.quoteIdentifier(m_schema.columns.at(c).name),
                                       QStringLiteral("?"));
    }
    return checks;
}

void SaveJob::bindChecks(QSqlQuery &query, const Update &update) const
{
    const Dialect &d = m_database.dialect();
    for (int i = 0; i < update.columns.size(); ++i) {
        const ColumnInfo &column = m_schema.columns.at(update.columns.at(i));
        if (d.comparesExactly(column)) {
            QString ignored; // a loaded value came from the database: it binds
            query.addBindValue(d.boundValue(column, update.loaded.at(i), &ignored));
        }
    }
}

bool SaveJob::bindUpdate(QSqlQuery &query, const Update &update, QString *error,
                         QString *column) const
{
    const Dialect &d = m_database.dialect();
    for (int i = 0; i < update.columns.size(); ++i) {
        const ColumnInfo &info = m_schema.columns.at(update.columns.at(i));
        const bool bound = error->isEmpty();
        query.addBindValue(d.boundValue(info, update.values.at(i), error));
        if (bound && !error->isEmpty() && column)
            *column = info.name; // the first value that cannot be bound names its column
    }
    bindChecks(query, update);
    return error->isEmpty();
}

bool SaveJob::unchangedWhenRead(const Update &update, const QVector<RowKey> &keys)
{
    const Dialect &d = m_database.dialect();
    QStringList columns = m_identity.columns();
    QList<int> read; // positions in `update`
    for (int i = 0; i < update.columns.size(); ++i) {
        const ColumnInfo &column = m_schema.columns.at(update.columns.at(i));
        if (!d.comparesExactly(column)) {
            columns << d.quoteIdentifier(column.name);
            read << i;
        }
    }
    if (read.isEmpty())
        return true;
    QSqlQuery &q = statement(QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                                 .arg(columns.join(QStringLiteral(", ")), m_table,
                                      m_identity.matchMany(int(keys.size()))));
    QString error;
    for (const RowKey &key : keys)
        m_identity.bind(q, key, &error);
    int rows = 0;
    bool same = error.isEmpty() && run(q);
    while (same && q.next()) {
        ++rows;
        for (int j = 0; j < read.size(); ++j)
            same = same && sameValue(valueAsRead(m_schema.columns.at(update.columns.at(read.at(j))),
                                                 q.value(m_identity.width() + j)),
                                     update.loaded.at(read.at(j)));
    }
    q.finish();
    return same && rows == keys.size();
}

bool SaveJob::writeGroup(const Update &update, const QVector<RowKey> &keys, SaveResult &result)
{
    if (cancelledAt(result))
        return false;
    if (!unchangedWhenRead(update, keys))
        return groupFailed();
    QSqlQuery &q = statement(updateSql(update, m_identity.matchMany(int(keys.size()))));
    QString error;
    bindUpdate(q, update, &error);
    for (const RowKey &key : keys)
        m_identity.bind(q, key, &error);
    if (!error.isEmpty() || !run(q) || q.numRowsAffected() != keys.size())
        return failGroup(result, q);
    result.updated += int(keys.size());
    return true;
}

bool SaveJob::writeRow(const Update &update, const RowKey &key, SaveResult &result)
{
    if (cancelledAt(result))
        return false;
    QSqlQuery &q = statement(updateSql(update, m_identity.matchOne()));
    if (!unchangedWhenRead(update, {key}))
        return failRowUpdate(q, update, key, result);
    QString error, column;
    if (!bindUpdate(q, update, &error, &column))
        return fail(result, key, column, error);
    m_identity.bind(q, key, &error);
    if (!run(q))
        return failStatement(
            result, q, key,
            columnNamedIn(databaseMessage(q.lastError()), m_schema, update.columns, {}));
    if (q.numRowsAffected() != 1)
        return failRowUpdate(q, update, key, result);
    ++result.updated;
    return true;
}

// An UPDATE or DELETE of one row touched none, or several: says which, and what changed.
bool SaveJob::failRowUpdate(QSqlQuery &query, const Update &update, const RowKey &key,
                            SaveResult &result)
{
    const QString sql = query.lastQuery();
    if (query.numRowsAffected() > 1)
        return fail(result, key, {},
                    QObject::tr("the key matched %1 rows, not one.").arg(query.numRowsAffected()),
                    sql);
    const Dialect &d = m_database.dialect();
    QStringList columns{QStringLiteral("1")};
    for (int c : update.columns)
        columns << d.quoteIdentifier(m_schema.columns.at(c).name);
    QSqlQuery &now =
        statement(QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                      .arg(columns.join(QStringLiteral(", ")), m_table, m_identity.matchOne()));
    QString error;
    m_identity.bind(now, key, &error);
    result.error.conflict = true;
    if (!run(now) || !now.next())
        return fail(result, key, {},
                    QObject::tr("the row was not found: someone deleted it, or changed its "
                                "key, since it was loaded."),
                    sql);
    for (int i = 0; i < update.columns.size(); ++i) {
        const QVariant theirs =
            valueAsRead(m_schema.columns.at(update.columns.at(i)), now.value(i + 1));
        if (!sameValue(theirs, update.loaded.at(i)))
            return fail(result, key, m_schema.columns.at(update.columns.at(i)).name,
                        QObject::tr("someone else changed it since it was loaded (it was %1, "
                                    "it is now %2). Nothing was overwritten.")
                            .arg(shownValue(update.loaded.at(i)), shownValue(theirs)),
                        sql);
    }
    result.error.conflict = false;
    return fail(result, key, {}, QObject::tr("the row did not match when written."), sql);
}

} // namespace Tabula
