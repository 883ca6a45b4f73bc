#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A row that was not imported, and why. `line` is the 1-based line the record starts on.
struct ImportRejection
{
    qint64 line = 0;
    QString reason;
};

// What importing one file did. Counts are of data rows (header and empty lines excluded):
// read = imported + rejected, unless the whole file was rolled back (error or cancel), when
// imported and replaced are 0. `replaced` counts imported rows that overwrote stored bars.
struct FileImportReport
{
    QString file;
    // "Yahoo, daily", "Kronos, intraday", "sectors"; empty when the header was not understood.
    QString format;
    // Non-empty when the file was rejected as a whole and nothing of it was stored.
    QString error;
    bool cancelled = false;
    qint64 read = 0;
    qint64 imported = 0;
    qint64 replaced = 0;
    qint64 rejected = 0;
    QList<ImportRejection> rejections;
    // Tickers that received rows, sorted.
    QStringList tickers;

    // "prices.csv: 10 read, 8 imported, 0 replaced, 2 rejected (Kronos, daily)", then one
    // "prices.csv:LINE: reason" line per rejected row, at most `maxRejections` of them.
    QStringList lines(qsizetype maxRejections = -1) const;
};

// How refreshing the built-in sector universes after an import changed one of them: new bars
// or sectors move tickers in and out of "Sector: ..." universes, which runs then score.
struct UniverseChange
{
    QString universe;
    int membersBefore = 0; // 0 for a universe the import created
    QStringList added; // sorted
    QStringList removed; // sorted

    int membersAfter() const { return membersBefore + int(added.size() - removed.size()); }
    // "Sector: Information Technology: 12 -> 16 members (added ADBE, ADI, AKAM, AMD)".
    QString text() const;
};

// What importing a set of files did, with totals.
struct ImportReport
{
    QList<FileImportReport> files;
    bool cancelled = false;
    // Built-in universes whose members changed (filled by whoever refreshes them afterwards).
    QList<UniverseChange> universeChanges;

    qint64 read() const;
    qint64 imported() const;
    qint64 replaced() const;
    qint64 rejected() const;
    // Every file read completely, no row rejected and no file refused.
    bool everythingImported() const;
    // "482 files: 601,000 read, ... rejected".
    QString totalsLine() const;
};
