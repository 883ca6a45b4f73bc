#pragma once

#include "eval/cross_section_metrics.h"
#include "eval/price_panel.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <optional>
#include <vector>

namespace Eval {

// RankIC broken down: by calendar month, by sector, and with the sectors taken out (does the
// model only pick sectors?). Pure functions; thread-safe.

// The sector of a name without one.
inline QString unknownSector()
{
    return QStringLiteral("Unknown");
}

// The sector of each panel column (index = column); a ticker absent from `sectorByTicker`, or
// with an empty sector, is unknownSector().
std::vector<QString> columnSectors(
    const PricePanel &panel, const QHash<QString, QString> &sectorByTicker);

// A sector's RankIC on one date.
struct SectorValue
{
    QString sector;
    double value = 0.0;
};

// Per sector of one date's cross-section with at least kMinimumNamesPerDate names and non-zero
// variances: Spearman(score, r) over its names. Sorted by sector name.
std::vector<SectorValue> perSectorRankIc(
    const std::vector<CrossSectionEntry> &entries, const std::vector<QString> &sectorOfColumn);

// Sector-neutral RankIC of one date: each name's score and r minus its sector's mean score and
// mean r (means over the date's names of that sector), then Spearman over all names; nothing
// with fewer than kMinimumNamesPerDate names or zero variances (a single name per sector leaves
// only zeros). The sector sums are compensated (Kahan) in entry order, as pandas' groupby mean
// computes them: demeaned scores that are equal on paper then tie as in the reference
// computation of the eval-v2 fixture, where the last bit decides their ranks.
std::optional<double> sectorNeutralRankIc(
    const std::vector<CrossSectionEntry> &entries, const std::vector<QString> &sectorOfColumn);

struct MonthlyRankIc
{
    int year = 0;
    int month = 0; // 1..12
    double mean = 0.0; // of the month's per-date RankIC
    int dates = 0; // dates of the month with a RankIC
};

struct SectorRankIc
{
    QString sector;
    double mean = 0.0; // of the per-date sector RankIC
    int dates = 0; // dates where the sector had one
};

// Mean and count of per-date values by (year, month) of `dates`, months in calendar order; a
// month without a defined value is left out. `dates` and `values` are parallel.
std::vector<MonthlyRankIc> monthlyMeans(
    const std::vector<QDate> &dates, const std::vector<std::optional<double>> &values);

// Mean and count per sector over the dates' perSectorRankIc lists, sorted by sector name.
std::vector<SectorRankIc> sectorMeans(const std::vector<std::vector<SectorValue>> &perDate);

} // namespace Eval
