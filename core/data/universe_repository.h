#pragma once

#include "data/import_report.h"
#include "data/universe.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

class QSqlQuery;

// Reads and edits universes in a MarketDatabase. A ticker is known when the store holds bars
// for it; unknown tickers given to create() or addTickers() are returned to the caller, never
// stored and never dropped silently. Names are unique regardless of case.
//
// Each edit is one transaction. Works on the connection's thread only; must be destroyed
// before its MarketDatabase.
class UniverseRepository
{
public:
    explicit UniverseRepository(QSqlDatabase database);

    // "Sector: Information Technology".
    static QString sectorUniverseName(const QString &sector);

    QList<Universe> list() const;
    std::optional<Universe> find(const QString &name) const;

    // Tickers are trimmed and upper-cased; the unknown ones go to `unknownTickers`. Returns
    // false with errorString() set when the name is empty or taken.
    bool create(const QString &name, const QString &description, const QStringList &tickers,
        QStringList *unknownTickers = nullptr);
    // Adds tickers to a user universe, creating it when missing.
    bool addTickers(
        const QString &name, const QStringList &tickers, QStringList *unknownTickers = nullptr);
    // Removes tickers from a user universe; tickers that are not members are ignored.
    bool removeTickers(const QString &name, const QStringList &tickers);
    bool rename(const QString &name, const QString &newName);
    bool remove(const QString &name);
    // Copies any universe (built-in ones included) into a new user universe.
    bool duplicate(const QString &name, const QString &newName);

    // Creates or replaces the built-in universe `name` (the bundled sample uses it). Fails when
    // a user universe has that name.
    bool setBuiltIn(const QString &name, const QString &description, const QStringList &tickers);
    // Rebuilds one built-in universe per sector from the instruments' sectors, with the tickers
    // that have bars; drops sector universes left empty. Call after an import. The universes
    // whose members changed are appended to `changes`, by name.
    bool refreshSectorUniverses(QList<UniverseChange> *changes = nullptr);

    // "a universe named 'Tech' already exists".
    QString errorString() const { return m_error; }

private:
    std::optional<qint64> idOf(const QString &name, bool *builtIn = nullptr) const;
    bool isKnown(const QString &ticker) const;
    bool insertUniverse(const QString &name, const QString &description, bool builtIn, qint64 &id);
    bool insertMembers(qint64 id, const QStringList &tickers, QStringList *unknownTickers);
    std::optional<qint64> editableIdOf(const QString &name);
    bool nameIsFree(const QString &name);
    bool fail(const QString &message);
    bool failQuery(const QSqlQuery &query);
    bool commitOrRollBack(bool ok);
    bool replaceBuiltIn(
        const QString &name, const QString &description, const QStringList &tickers);

    QSqlDatabase m_database;
    QString m_error;
};
