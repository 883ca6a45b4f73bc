#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

// What the run setup needs to know about the market database: its universes with their member
// counts and trading days. Read by the Workspace off the GUI thread (on a first start it also
// installs the bundled sample, which takes a few seconds).
struct UniverseInfo
{
    QString name;
    int memberCount = 0;
    QList<QDate> tradingDays; // the universe's calendar, ascending
};

struct MarketCatalog
{
    QList<UniverseInfo> universes;
    QHash<QString, QString> sectors; // ticker -> GICS sector, for the scores table
    // The file was new: this load or a task before it put the sample in.
    bool sampleInstalled = false;
    QString error; // why the database could not be read; empty when it could

    const UniverseInfo *find(const QString &name) const;
};

Q_DECLARE_METATYPE(MarketCatalog)
