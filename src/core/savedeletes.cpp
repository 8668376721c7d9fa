#include "savejob.h"

#include <QSqlQuery>

namespace Tabula {

bool SaveJob::writeDeletes(bool grouped, SaveResult &result)
{
    QVector<RowKey> keys;
    for (auto it = m_changes.storedRows().cbegin(); it != m_changes.storedRows().cend(); ++it) {
        if (it->deleted)
            keys.append(it.key());
    }
    keys = sortedKeys(keys);
    QVector<RowKey> group;
    auto flush = [&] {
        if (cancelledAt(result))
            return false;
        QSqlQuery &q = statement(QStringLiteral("DELETE FROM %1 WHERE %2")
                                     .arg(m_table, m_identity.matchMany(int(group.size()))));
        QString error;
        for (const RowKey &key : std::as_const(group))
            m_identity.bind(q, key, &error);
        const bool ok = error.isEmpty() && run(q) && q.numRowsAffected() == group.size();
        result.deleted += ok ? int(group.size()) : 0;
        group.clear();
        return ok || failGroup(result, q);
    };
    for (const RowKey &key : std::as_const(keys)) {
        if (cancelledAt(result))
            return false;
        const CellValues &loaded = m_changes.storedRows().value(key).originals;
        if (!loaded.isEmpty()) {
            if (!deleteRow(key, loaded, result))
                return false;
            continue;
        }
        if (grouped && keys.size() > 1 && RowIdentity::matchableInList(key)) {
            group.append(key);
            if (group.size() == kGroupSize && !flush())
                return false;
            continue;
        }
        QSqlQuery &q = statement(
            QStringLiteral("DELETE FROM %1 WHERE %2").arg(m_table, m_identity.matchOne()));
        QString error;
        m_identity.bind(q, key, &error);
        if (!run(q))
            return failStatement(result, q, key, {});
        if (q.numRowsAffected() != 1)
            return failRowUpdate(q, Update(), key, result);
        ++result.deleted;
    }
    return group.isEmpty() || flush();
}

// A row deleted with its loaded values known is deleted only if it still holds them: a row
// someone changed since is a conflict, never deleted unseen.
bool SaveJob::deleteRow(const RowKey &key, const CellValues &loaded, SaveResult &result)
{
    Update update;
    // The key columns are matched by the row identity: as read (bytes, where that differs from
    // the shown text), not as shown.
    for (int c : loaded.keys()) {
        if (m_schema.keyColumns.contains(c))
            continue;
        update.columns << c;
        update.loaded << loaded.value(c);
    }
    QStringList where = checks(update);
    where << m_identity.matchOne();
    QSqlQuery &q = statement(QStringLiteral("DELETE FROM %1 WHERE %2")
                                 .arg(m_table, where.join(QStringLiteral(" AND "))));
    if (!unchangedWhenRead(update, {key}))
        return failRowUpdate(q, update, key, result);
    QString error;
    bindChecks(q, update);
    m_identity.bind(q, key, &error);
    if (!run(q))
        return failStatement(result, q, key, {});
    if (q.numRowsAffected() != 1)
        return failRowUpdate(q, update, key, result);
    ++result.deleted;
    return true;
}

} // namespace Tabula
