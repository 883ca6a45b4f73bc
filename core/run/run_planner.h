#pragma once

#include "run/run_records.h"
#include "run/run_spec.h"
#include "run/universe_history.h"

// The (ticker, date) pairs of a run: the evaluation dates on the universe's global calendar,
// and for each date every ticker either planned or skipped with its reason. Nothing is dropped
// silently: planned = series + skipped.
struct RunPlan
{
    QList<QDateTime> dates;
    QStringList tickers;
    QList<PlannedSeries> series; // date-major, tickers sorted within a date
    QList<SkippedSeries> skipped;

    int planned() const { return int(series.size() + skipped.size()); }
};

// Stateless; safe to use from any thread.
class RunPlanner
{
public:
    // The trading days of `calendar` that `selection` picks. A single date must be a trading
    // day; throws RunError when none is picked.
    static QList<QDateTime> evaluationDates(
        const DateSelection &selection, const TradingCalendar &calendar);

    // The dates of `shard`: those at positions ≡ shard.index (mod shard.count). Round-robin
    // rather than blocks, so each shard gets early and late dates alike (early dates skip more
    // tickers for want of history) and shard sizes differ by at most one date.
    static QList<QDateTime> shardDates(const QList<QDateTime> &dates, const RunShard &shard);

    // Throws RunError when the spec is invalid or picks no date. A shard's plan holds its dates
    // only (none when the run has fewer dates than shards).
    static RunPlan plan(const RunSpec &spec, const UniverseHistory &history);
};
