#pragma once

#include "run/run_error.h"
#include "run/run_spec.h"

#include <QSqlDatabase>
#include <QStringList>
#include <functional>

// What a merge did.
struct MergeOutcome
{
    enum class Change { Created, Updated, Unchanged };

    // Dates with planned series no shard scored, "2018-02-01 (shard 1/3: 5 of 20 series not
    // scored)", oldest first (a partial merge's).
    QStringList missingDates;
    QStringList warnings;
    qint64 runId = 0;
    Change change = Change::Created;
    int shards = 0; // merged
    int planned = 0; // series of the whole run
    int scored = 0;
    int skipped = 0;
};

// Why a merge refused, with the text shown to the user: the sources are not the shards of one
// run, or dates are not completely scored (`missingDates`, as MergeOutcome's) and the merge was
// not partial, or a copy failed.
class MergeError : public RunError
{
public:
    explicit MergeError(const QString &message, const QStringList &missingDates = {})
        : RunError(message)
        , m_missingDates(missingDates)
    {
    }
    const QStringList &missingDates() const { return m_missingDates; }

private:
    QStringList m_missingDates;
};

// Merges the shards of a run (kronos-cli score --shard I/N, each scored into its own database)
// into one run of the target database: the run one machine would have produced.
//
// Before writing anything it checks that the sources' shard runs are shards of one run (same
// universe, dates, horizons, lookback, context, sampling and checkpoint contents — see
// RunSpec::resultDifference), each shard given once, each with the series the run's plan gives
// its dates; and that every planned series is scored, or it names each date that is not and
// refuses (unless `partial`). Then, in one transaction of the target, it writes the run (status
// finished, or cancelled when partial) and copies every per-run table that the source and the
// target both have — scores, skipped series, warnings, batches, memory samples, and tables a
// later schema adds — renumbering batches and tagging batches and memory samples with their
// shard. A shard's stored evaluation is not copied: evaluate the merged run. Any failure rolls
// the transaction back and leaves the target as it was.
//
// Idempotent: the target holds one merged run per whole run. Merging shards that hold what the
// merged run already holds changes nothing (Unchanged); shards that hold more (the rest of a
// partial merge) replace its contents under the same id (Updated).
//
// Works on the target connection's thread; opens its own connections to the sources (which are
// only read, though opening one brings its schema up to date).
class RunMerger
{
public:
    explicit RunMerger(QSqlDatabase target);

    // `progress` receives a line per step ("shard 1/3 (b.sqlite): 440 rows copied"). Throws
    // MergeError, or DatabaseError for a shard's or the target's runs that cannot be read; the
    // target is then as it was.
    MergeOutcome merge(const QStringList &sourcePaths, bool partial,
        const std::function<void(const QString &)> &progress = {});

private:
    QSqlDatabase m_target;
};
