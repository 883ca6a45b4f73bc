#pragma once

#include "run/run_spec.h"

#include <QString>

class RunRepository;

// "1 h 5 min", "3 min 20 s", "42 s": how the workbench writes a duration to the user.
QString durationText(double seconds);

// How long a run will take, judged from the batches earlier runs stored: their working time
// (the seconds each batch ran), never wall time, which would count pauses.
struct RunTimeEstimate
{
    int series = 0; // series the run scores at most: evaluation dates x members
    double seriesPerSecond = 0; // of the comparable earlier runs' batches; 0 when there is none
    int pastRuns = 0; // comparable earlier runs measured

    bool isKnown() const { return seriesPerSecond > 0; }
    double seconds() const { return isKnown() ? series / seriesPerSecond : 0.0; }
    // "About 5 min 16 s: 900 series at 2.85 series/s, as 2 earlier runs of this checkpoint,
    // device, lookback and horizon went", or why there is no estimate.
    QString text() const;
};

// Stateless.
class RunTimeEstimator
{
public:
    // The newest this many comparable runs are measured: the machine and its load change.
    static constexpr int MaxRuns = 5;

    // Whether the speed of a run of `past` says something about one of `spec`: the same weights,
    // device, threads, lookback, longest horizon, samples and context (batch sizes differ).
    static bool comparable(const RunSpec &past, const RunSpec &spec);
    // Reads the stored runs and their batches; `series` as RunTimeEstimate::series.
    static RunTimeEstimate estimate(const RunRepository &runs, const RunSpec &spec, int series);
};
