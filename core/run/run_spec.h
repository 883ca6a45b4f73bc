#pragma once

// What a scoring run does, as the user chose it. Stored with the run (as JSON) so a resume
// redoes exactly the same plan.

#include "inference/kronos_engine.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

// Which trading days of the universe's calendar are evaluation dates.
enum class DateStep {
    EveryNTradingDays, // the first trading day in range, then every `every`-th
    Monthly, // the first trading day of each month
    Weekly, // the first trading day of each week (Monday to Sunday)
};

struct DateSelection
{
    QDate from;
    QDate to; // equal to `from` for a single date
    DateStep step = DateStep::EveryNTradingDays;
    int every = 1;

    static DateSelection single(const QDate &date)
    {
        return { date, date, DateStep::EveryNTradingDays, 1 };
    }
    bool isSingleDate() const { return from == to; }
    // "2019-06-28", or "2018-01-04..2018-03-05 monthly" / "... every 5".
    QString text() const;
};

// "greedy" (", 3 samples" when several), or "T 0.8, top-k 0, top-p 0.9, 4 samples, seed 7".
QString samplingText(const kronos::SamplingOptions &sampling);

// A checkpoint pair, or seeded random weights of a published shape (benchmarks).
struct ModelSource
{
    QString modelDir;
    QString tokenizerDir;
    QString randomShape; // mini, small or base; empty = the checkpoint folders
    quint64 weightsSeed = 1;
    // What the weights are, whatever folder they sit in (CheckpointFingerprint): set when a run
    // starts; empty for a spec that has not run yet.
    QString contentHash;

    // The same folders, or random weights of the same shape: the seed changes the values, not
    // the memory or the speed.
    bool sameCheckpoint(const ModelSource &other) const
    {
        return modelDir == other.modelDir && tokenizerDir == other.tokenizerDir
            && randomShape == other.randomShape;
    }
};

// Shard `index` of `count` of a run (kronos-cli score --shard I/N): the evaluation dates whose
// position in the run's plan is ≡ index (mod count).
struct RunShard
{
    int index = 0;
    int count = 1;

    // "I/N" with 0 <= I < N; nothing with `error` set otherwise.
    static std::optional<RunShard> parse(const QString &text, QString &error);
    QString text() const; // "I/N"
    bool operator==(const RunShard &other) const
    {
        return index == other.index && count == other.count;
    }
};

struct RunSpec
{
    QString name;
    QString universe;
    DateSelection dates;
    // Trading days; one generation of the longest serves all.
    QList<int> horizons = defaultHorizons();
    int lookback = 252; // context bars per series
    ModelSource model;
    QString device = QStringLiteral("cpu");
    int threads = 0; // intra-op threads; 0 = all cores
    int maxContext = 0; // tokens the predictor sees; 0: the checkpoint's own
    int batchSize = 12; // series per micro-batch; 0 = automatic under the memory budget
    // MiB (ByteSize); 0 = the device's default (MemoryProbe::defaultBudgetBytes). Stored as
    // "memory_budget_mb", its name before MiB was said.
    qint64 memoryBudgetMib = 0;
    kronos::SamplingOptions sampling = kronos::SamplingOptions::greedy();
    // Empty: on for GPU devices (their caching allocators hold freed blocks), off on the CPU.
    std::optional<bool> releaseCachedMemory;
    // Set: this run scores one shard of wholeRun() (its JSON records the whole run's spec too).
    std::optional<RunShard> shard;

    static QList<int> defaultHorizons(); // 20, 60, 90
    int longestHorizon() const;
    QString horizonsText() const; // "20,60,90"
    bool releasesCachedMemory() const;
    // memoryBudgetMib in bytes, or the device's default budget when it is 0. Asks libtorch
    // (run_spec_memory_budget.cpp): kronos-cli, which links no libtorch, must not call it.
    qint64 memoryBudgetBytes() const;
    kronos::EngineOptions engineOptions() const;
    // An empty string when the spec can be planned, else what is wrong ("horizons must be ...").
    QString validate() const;
    // This spec without its shard: the run the shards together make.
    RunSpec wholeRun() const;
    // Empty when `other` produces the same scores: same universe, dates, horizons, lookback,
    // context, sampling and shard, and the same checkpoint content (compared where both hashes
    // are known). Otherwise the first difference, "horizons: 5,10 vs 5,20".
    QString resultDifference(const RunSpec &other) const;

    QJsonObject toJson() const;
    // Returns false with `error` set for a document that is not a run spec.
    static bool fromJson(const QJsonObject &json, RunSpec &spec, QString &error);
};

Q_DECLARE_METATYPE(RunSpec)
Q_DECLARE_METATYPE(DateSelection)
