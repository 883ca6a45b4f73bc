#include "data/universe_repository.h"

#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <iterator>

namespace {

const QString SectorPrefix = QStringLiteral("Sector: ");

QStringList normalized(const QStringList &tickers)
{
    QStringList result;
    QSet<QString> seen;
    for (const QString &ticker : tickers) {
        const QString clean = ticker.trimmed().toUpper();
        if (!clean.isEmpty() && !seen.contains(clean)) {
            seen.insert(clean);
            result.append(clean);
        }
    }
    return result;
}

// The universes of `before` and `after` (name -> sorted tickers) whose members differ.
QList<UniverseChange> membershipChanges(
    const QMap<QString, QStringList> &before, const QMap<QString, QStringList> &after)
{
    QStringList names = before.keys() + after.keys();
    names.removeDuplicates();
    names.sort();
    QList<UniverseChange> changes;
    for (const QString &name : names) {
        const QStringList old = before.value(name);
        const QStringList now = after.value(name);
        UniverseChange change { name, int(old.size()), {}, {} };
        std::set_difference(
            now.cbegin(), now.cend(), old.cbegin(), old.cend(), std::back_inserter(change.added));
        std::set_difference(
            old.cbegin(), old.cend(), now.cbegin(), now.cend(), std::back_inserter(change.removed));
        if (!change.added.isEmpty() || !change.removed.isEmpty())
            changes.append(change);
    }
    return changes;
}

} // namespace

UniverseRepository::UniverseRepository(QSqlDatabase database)
    : m_database(database)
{
}

QString UniverseRepository::sectorUniverseName(const QString &sector)
{
    return SectorPrefix + sector;
}

bool UniverseRepository::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool UniverseRepository::failQuery(const QSqlQuery &query)
{
    return fail(query.lastError().text());
}

bool UniverseRepository::commitOrRollBack(bool ok)
{
    if (ok && m_database.commit())
        return true;
    if (ok)
        m_error = m_database.lastError().text();
    m_database.rollback();
    return false;
}

QList<Universe> UniverseRepository::list() const
{
    QSqlQuery query(m_database);
    query.exec(QStringLiteral("SELECT u.name, u.description, u.built_in, m.ticker"
                              " FROM universes u LEFT JOIN universe_members m"
                              " ON m.universe_id = u.id"
                              " ORDER BY u.built_in DESC, u.name COLLATE NOCASE, m.ticker"));
    QList<Universe> result;
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (result.isEmpty() || result.last().name != name)
            result.append({ name, query.value(1).toString(), query.value(2).toBool(), {} });
        if (!query.value(3).isNull())
            result.last().tickers.append(query.value(3).toString());
    }
    return result;
}

std::optional<Universe> UniverseRepository::find(const QString &name) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT id, name, description, built_in FROM universes"
                                 " WHERE name = ?"));
    query.addBindValue(name.trimmed());
    if (!query.exec() || !query.next())
        return std::nullopt;
    Universe universe { query.value(1).toString(), query.value(2).toString(),
        query.value(3).toBool(), {} };
    QSqlQuery members(m_database);
    members.prepare(QStringLiteral("SELECT ticker FROM universe_members WHERE universe_id = ?"
                                   " ORDER BY ticker"));
    members.addBindValue(query.value(0));
    members.exec();
    while (members.next())
        universe.tickers.append(members.value(0).toString());
    return universe;
}

std::optional<qint64> UniverseRepository::idOf(const QString &name, bool *builtIn) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT id, built_in FROM universes WHERE name = ?"));
    query.addBindValue(name.trimmed());
    if (!query.exec() || !query.next())
        return std::nullopt;
    if (builtIn)
        *builtIn = query.value(1).toBool();
    return query.value(0).toLongLong();
}

std::optional<qint64> UniverseRepository::editableIdOf(const QString &name)
{
    bool builtIn = false;
    const std::optional<qint64> id = idOf(name, &builtIn);
    if (!id)
        fail(QStringLiteral("no universe named '%1'").arg(name));
    else if (builtIn)
        fail(
            QStringLiteral("'%1' is built in and cannot be changed; duplicate it first").arg(name));
    return builtIn ? std::nullopt : id;
}

bool UniverseRepository::nameIsFree(const QString &name)
{
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("a universe needs a name"));
    if (idOf(name))
        return fail(QStringLiteral("a universe named '%1' already exists").arg(name.trimmed()));
    if (name.trimmed().startsWith(SectorPrefix, Qt::CaseInsensitive))
        return fail(QStringLiteral("names starting with '%1' are kept for the built-in sector "
                                   "universes")
                        .arg(SectorPrefix));
    return true;
}

bool UniverseRepository::isKnown(const QString &ticker) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT 1 FROM bars WHERE ticker = ? LIMIT 1"));
    query.addBindValue(ticker);
    return query.exec() && query.next();
}

bool UniverseRepository::insertUniverse(
    const QString &name, const QString &description, bool builtIn, qint64 &id)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO universes (name, description, built_in)"
                                 " VALUES (?, ?, ?)"));
    query.addBindValue(name.trimmed());
    // A null QString binds as SQL NULL, which the NOT NULL column refuses.
    query.addBindValue(description.isNull() ? QStringLiteral("") : description);
    query.addBindValue(builtIn ? 1 : 0);
    if (!query.exec())
        return failQuery(query);
    id = query.lastInsertId().toLongLong();
    return true;
}

bool UniverseRepository::insertMembers(
    qint64 id, const QStringList &tickers, QStringList *unknownTickers)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO universe_members (universe_id, ticker)"
                                 " VALUES (?, ?) ON CONFLICT DO NOTHING"));
    for (const QString &ticker : normalized(tickers)) {
        if (!isKnown(ticker)) {
            if (unknownTickers)
                unknownTickers->append(ticker);
            continue;
        }
        query.bindValue(0, id);
        query.bindValue(1, ticker);
        if (!query.exec())
            return failQuery(query);
    }
    return true;
}

bool UniverseRepository::create(const QString &name, const QString &description,
    const QStringList &tickers, QStringList *unknownTickers)
{
    if (!nameIsFree(name) || !m_database.transaction())
        return false;
    qint64 id = 0;
    return commitOrRollBack(
        insertUniverse(name, description, false, id) && insertMembers(id, tickers, unknownTickers));
}

bool UniverseRepository::addTickers(
    const QString &name, const QStringList &tickers, QStringList *unknownTickers)
{
    if (!idOf(name))
        return create(name, QString(), tickers, unknownTickers);
    const std::optional<qint64> id = editableIdOf(name);
    if (!id || !m_database.transaction())
        return false;
    return commitOrRollBack(insertMembers(*id, tickers, unknownTickers));
}

bool UniverseRepository::removeTickers(const QString &name, const QStringList &tickers)
{
    const std::optional<qint64> id = editableIdOf(name);
    if (!id || !m_database.transaction())
        return false;
    QSqlQuery query(m_database);
    query.prepare(
        QStringLiteral("DELETE FROM universe_members WHERE universe_id = ? AND ticker = ?"));
    bool ok = true;
    for (const QString &ticker : normalized(tickers)) {
        query.bindValue(0, *id);
        query.bindValue(1, ticker);
        ok = ok && (query.exec() || failQuery(query));
    }
    return commitOrRollBack(ok);
}

bool UniverseRepository::rename(const QString &name, const QString &newName)
{
    const std::optional<qint64> id = editableIdOf(name);
    // Changing only the case of a name is allowed even though the names compare equal.
    if (!id || (idOf(newName) != id && !nameIsFree(newName)))
        return false;
    if (newName.trimmed().isEmpty())
        return fail(QStringLiteral("a universe needs a name"));
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE universes SET name = ? WHERE id = ?"));
    query.addBindValue(newName.trimmed());
    query.addBindValue(*id);
    return query.exec() || failQuery(query);
}

bool UniverseRepository::remove(const QString &name)
{
    const std::optional<qint64> id = editableIdOf(name);
    if (!id)
        return false;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM universes WHERE id = ?"));
    query.addBindValue(*id);
    return query.exec() || failQuery(query);
}

bool UniverseRepository::duplicate(const QString &name, const QString &newName)
{
    const std::optional<Universe> source = find(name);
    if (!source)
        return fail(QStringLiteral("no universe named '%1'").arg(name));
    return create(newName, source->description, source->tickers);
}

bool UniverseRepository::replaceBuiltIn(
    const QString &name, const QString &description, const QStringList &tickers)
{
    QSqlQuery remove(m_database);
    remove.prepare(QStringLiteral("DELETE FROM universes WHERE built_in = 1 AND name = ?"));
    remove.addBindValue(name);
    qint64 id = 0;
    return (remove.exec() || failQuery(remove)) && insertUniverse(name, description, true, id)
        && insertMembers(id, tickers, nullptr);
}

bool UniverseRepository::setBuiltIn(
    const QString &name, const QString &description, const QStringList &tickers)
{
    if (!m_database.transaction())
        return fail(m_database.lastError().text());
    return commitOrRollBack(replaceBuiltIn(name, description, tickers));
}

bool UniverseRepository::refreshSectorUniverses(QList<UniverseChange> *changes)
{
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SELECT i.sector, i.ticker FROM instruments i"
                                   " WHERE i.sector <> '' AND EXISTS"
                                   " (SELECT 1 FROM bars b WHERE b.ticker = i.ticker)"
                                   " ORDER BY i.sector, i.ticker")))
        return failQuery(query);
    QMap<QString, QStringList> sectors; // universe name -> sorted tickers
    while (query.next())
        sectors[sectorUniverseName(query.value(0).toString())].append(query.value(1).toString());
    query.finish();
    QMap<QString, QStringList> before;
    for (const Universe &universe : list()) {
        if (universe.builtIn && universe.name.startsWith(SectorPrefix))
            before.insert(universe.name, universe.tickers);
    }

    if (!m_database.transaction())
        return fail(m_database.lastError().text());
    QSqlQuery stale(m_database);
    stale.prepare(QStringLiteral("DELETE FROM universes WHERE built_in = 1 AND name LIKE ?"));
    stale.addBindValue(SectorPrefix + QLatin1Char('%'));
    bool ok = stale.exec() || failQuery(stale);
    for (auto sector = sectors.cbegin(); sector != sectors.cend(); ++sector) {
        ok = ok
            && replaceBuiltIn(sector.key(),
                QStringLiteral("S&P 500 constituents of the GICS sector %1")
                    .arg(sector.key().mid(SectorPrefix.size())),
                sector.value());
    }
    if (!commitOrRollBack(ok))
        return false;
    if (changes)
        *changes += membershipChanges(before, sectors);
    return true;
}
