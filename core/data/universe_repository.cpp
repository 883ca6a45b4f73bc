#include "data/universe_repository.h"

#include "data/database_error.h"
#include "data/sql_statement.h"

#include <QMap>
#include <QSet>
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

QList<Universe> UniverseRepository::list() const
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("SELECT u.name, u.description, u.built_in, m.ticker"
                       " FROM universes u LEFT JOIN universe_members m"
                       " ON m.universe_id = u.id"
                       " ORDER BY u.built_in DESC, u.name COLLATE NOCASE, m.ticker"),
        true);
    Sql::exec(query);
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
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("SELECT id, name, description, built_in FROM universes WHERE name = ?"));
    query.addBindValue(name.trimmed());
    Sql::exec(query);
    if (!query.next())
        return std::nullopt;
    Universe universe { query.value(1).toString(), query.value(2).toString(),
        query.value(3).toBool(), {} };
    QSqlQuery members = Sql::prepare(m_database,
        QStringLiteral("SELECT ticker FROM universe_members WHERE universe_id = ?"
                       " ORDER BY ticker"),
        true);
    members.addBindValue(query.value(0));
    Sql::exec(members);
    while (members.next())
        universe.tickers.append(members.value(0).toString());
    return universe;
}

std::optional<qint64> UniverseRepository::idOf(const QString &name, bool *builtIn) const
{
    QSqlQuery query = Sql::prepare(
        m_database, QStringLiteral("SELECT id, built_in FROM universes WHERE name = ?"));
    query.addBindValue(name.trimmed());
    Sql::exec(query);
    if (!query.next())
        return std::nullopt;
    if (builtIn)
        *builtIn = query.value(1).toBool();
    return query.value(0).toLongLong();
}

qint64 UniverseRepository::editableIdOf(const QString &name) const
{
    bool builtIn = false;
    const std::optional<qint64> id = idOf(name, &builtIn);
    if (!id)
        throw DatabaseError(QStringLiteral("no universe named '%1'").arg(name));
    if (builtIn)
        throw DatabaseError(
            QStringLiteral("'%1' is built in and cannot be changed; duplicate it first").arg(name));
    return *id;
}

void UniverseRepository::requireNewName(const QString &name) const
{
    if (name.trimmed().isEmpty())
        throw DatabaseError(QStringLiteral("a universe needs a name"));
    if (idOf(name))
        throw DatabaseError(
            QStringLiteral("a universe named '%1' already exists").arg(name.trimmed()));
    if (name.trimmed().startsWith(SectorPrefix, Qt::CaseInsensitive))
        throw DatabaseError(QStringLiteral("names starting with '%1' are kept for the built-in "
                                           "sector universes")
                                .arg(SectorPrefix));
}

bool UniverseRepository::isKnown(const QString &ticker) const
{
    QSqlQuery query
        = Sql::prepare(m_database, QStringLiteral("SELECT 1 FROM bars WHERE ticker = ? LIMIT 1"));
    query.addBindValue(ticker);
    Sql::exec(query);
    return query.next();
}

qint64 UniverseRepository::insertUniverse(
    const QString &name, const QString &description, bool builtIn)
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("INSERT INTO universes (name, description, built_in) VALUES (?, ?, ?)"));
    query.addBindValue(name.trimmed());
    // A null QString binds as SQL NULL, which the NOT NULL column refuses.
    query.addBindValue(description.isNull() ? QStringLiteral("") : description);
    query.addBindValue(builtIn ? 1 : 0);
    Sql::exec(query);
    return query.lastInsertId().toLongLong();
}

void UniverseRepository::insertMembers(
    qint64 id, const QStringList &tickers, QStringList *unknownTickers)
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("INSERT INTO universe_members (universe_id, ticker)"
                       " VALUES (?, ?) ON CONFLICT DO NOTHING"));
    for (const QString &ticker : normalized(tickers)) {
        if (!isKnown(ticker)) {
            if (unknownTickers)
                unknownTickers->append(ticker);
            continue;
        }
        query.bindValue(0, id);
        query.bindValue(1, ticker);
        Sql::exec(query);
    }
}

void UniverseRepository::create(const QString &name, const QString &description,
    const QStringList &tickers, QStringList *unknownTickers)
{
    requireNewName(name);
    SqlTransaction transaction(m_database);
    insertMembers(insertUniverse(name, description, false), tickers, unknownTickers);
    transaction.commit();
}

void UniverseRepository::addTickers(
    const QString &name, const QStringList &tickers, QStringList *unknownTickers)
{
    if (!idOf(name)) {
        create(name, QString(), tickers, unknownTickers);
        return;
    }
    const qint64 id = editableIdOf(name);
    SqlTransaction transaction(m_database);
    insertMembers(id, tickers, unknownTickers);
    transaction.commit();
}

void UniverseRepository::removeTickers(const QString &name, const QStringList &tickers)
{
    const qint64 id = editableIdOf(name);
    SqlTransaction transaction(m_database);
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("DELETE FROM universe_members WHERE universe_id = ? AND ticker = ?"));
    for (const QString &ticker : normalized(tickers)) {
        query.bindValue(0, id);
        query.bindValue(1, ticker);
        Sql::exec(query);
    }
    transaction.commit();
}

void UniverseRepository::rename(const QString &name, const QString &newName)
{
    const qint64 id = editableIdOf(name);
    // Changing only the case of a name is allowed even though the names compare equal.
    if (idOf(newName) != id)
        requireNewName(newName);
    QSqlQuery query
        = Sql::prepare(m_database, QStringLiteral("UPDATE universes SET name = ? WHERE id = ?"));
    query.addBindValue(newName.trimmed());
    query.addBindValue(id);
    Sql::exec(query);
}

void UniverseRepository::remove(const QString &name)
{
    const qint64 id = editableIdOf(name);
    QSqlQuery query
        = Sql::prepare(m_database, QStringLiteral("DELETE FROM universes WHERE id = ?"));
    query.addBindValue(id);
    Sql::exec(query);
}

void UniverseRepository::duplicate(const QString &name, const QString &newName)
{
    const std::optional<Universe> source = find(name);
    if (!source)
        throw DatabaseError(QStringLiteral("no universe named '%1'").arg(name));
    create(newName, source->description, source->tickers);
}

void UniverseRepository::replaceBuiltIn(
    const QString &name, const QString &description, const QStringList &tickers)
{
    QSqlQuery remove = Sql::prepare(
        m_database, QStringLiteral("DELETE FROM universes WHERE built_in = 1 AND name = ?"));
    remove.addBindValue(name);
    Sql::exec(remove);
    insertMembers(insertUniverse(name, description, true), tickers, nullptr);
}

void UniverseRepository::setBuiltIn(
    const QString &name, const QString &description, const QStringList &tickers)
{
    SqlTransaction transaction(m_database);
    replaceBuiltIn(name, description, tickers);
    transaction.commit();
}

void UniverseRepository::refreshSectorUniverses(QList<UniverseChange> *changes)
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("SELECT i.sector, i.ticker FROM instruments i"
                       " WHERE i.sector <> '' AND EXISTS"
                       " (SELECT 1 FROM bars b WHERE b.ticker = i.ticker)"
                       " ORDER BY i.sector, i.ticker"),
        true);
    Sql::exec(query);
    QMap<QString, QStringList> sectors; // universe name -> sorted tickers
    while (query.next())
        sectors[sectorUniverseName(query.value(0).toString())].append(query.value(1).toString());
    query.finish();
    QMap<QString, QStringList> before;
    for (const Universe &universe : list()) {
        if (universe.builtIn && universe.name.startsWith(SectorPrefix))
            before.insert(universe.name, universe.tickers);
    }

    SqlTransaction transaction(m_database);
    QSqlQuery stale = Sql::prepare(
        m_database, QStringLiteral("DELETE FROM universes WHERE built_in = 1 AND name LIKE ?"));
    stale.addBindValue(SectorPrefix + QLatin1Char('%'));
    Sql::exec(stale);
    for (auto sector = sectors.cbegin(); sector != sectors.cend(); ++sector) {
        replaceBuiltIn(sector.key(),
            QStringLiteral("S&P 500 constituents of the GICS sector %1")
                .arg(sector.key().mid(SectorPrefix.size())),
            sector.value());
    }
    transaction.commit();
    if (changes)
        *changes += membershipChanges(before, sectors);
}
