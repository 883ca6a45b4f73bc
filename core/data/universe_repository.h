#pragma once

#include "data/import_report.h"
#include "data/universe.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

// Reads and edits universes in a MarketDatabase. A ticker is known when the store holds bars
// for it; unknown tickers given to create() or addTickers() are returned to the caller, never
// stored and never dropped silently. Names are unique regardless of case.
//
// Each edit is one transaction. Every method throws DatabaseError when a statement fails (a read
// never answers "no rows" for an SQL error) and when an edit is refused, with a message for the
// user ("a universe named 'Tech' already exists"); a refused or failed edit changes nothing.
// Works on the connection's thread only; must be destroyed before its MarketDatabase.
class UniverseRepository
{
public:
    explicit UniverseRepository(QSqlDatabase database);

    // "Sector: Information Technology".
    static QString sectorUniverseName(const QString &sector);

    QList<Universe> list() const;
    std::optional<Universe> find(const QString &name) const;

    // Tickers are trimmed and upper-cased; the unknown ones go to `unknownTickers`. Refused when
    // the name is empty, taken or kept for the sector universes.
    void create(const QString &name, const QString &description, const QStringList &tickers,
        QStringList *unknownTickers = nullptr);
    // Adds tickers to a user universe, creating it when missing.
    void addTickers(
        const QString &name, const QStringList &tickers, QStringList *unknownTickers = nullptr);
    // Removes tickers from a user universe; tickers that are not members are ignored.
    void removeTickers(const QString &name, const QStringList &tickers);
    void rename(const QString &name, const QString &newName);
    void remove(const QString &name);
    // Copies any universe (built-in ones included) into a new user universe.
    void duplicate(const QString &name, const QString &newName);

    // Creates or replaces the built-in universe `name` (the bundled sample uses it). Fails when
    // a user universe has that name.
    void setBuiltIn(const QString &name, const QString &description, const QStringList &tickers);
    // Rebuilds one built-in universe per sector from the instruments' sectors, with the tickers
    // that have bars; drops sector universes left empty. Call after an import. The universes
    // whose members changed are appended to `changes`, by name.
    void refreshSectorUniverses(QList<UniverseChange> *changes = nullptr);

private:
    std::optional<qint64> idOf(const QString &name, bool *builtIn = nullptr) const;
    // The id of the user universe `name`; refused when there is none or it is built in.
    qint64 editableIdOf(const QString &name) const;
    // Refused when `name` cannot name a new universe.
    void requireNewName(const QString &name) const;
    bool isKnown(const QString &ticker) const;
    qint64 insertUniverse(const QString &name, const QString &description, bool builtIn);
    void insertMembers(qint64 id, const QStringList &tickers, QStringList *unknownTickers);
    void replaceBuiltIn(
        const QString &name, const QString &description, const QStringList &tickers);

    QSqlDatabase m_database;
};
