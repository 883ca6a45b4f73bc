#pragma once

#include "eval/newey_west.h"

#include <QString>
#include <optional>
#include <vector>

namespace Eval {

// The thresholds of the three gates; every one editable by the user.
struct GateThresholds
{
    double factorMinRankIc = 0.02; // factor gate: RankIC mean >= this ...
    int factorMinHorizons = 2; // ... on at least this many horizons ...
    double factorMaxMomentumCorrelation = 0.5; // ... with |corr with momentum| < this
    double mlMinRankIc = 0.05; // ML gate: RankIC mean >= this ...
    std::optional<double> mlReferenceRankIc; // ... or >= reference - tolerance
    double mlReferenceTolerance = 0.03;
    // Factor and ML gates: the RankIC's Newey-West t must reach this too (1.96: p < 0.05,
    // two-sided), so a mean that overlapping windows only make look good does not pass.
    double minNeweyWestT = 1.96;
    double practicalMaxTopTurnover = 0.30; // practical gate: mean top turnover <= this
};

// What the gates look at for the model at one horizon (empty: undefined).
struct GateInput
{
    int horizon = 0;
    std::optional<double> rankIcMean;
    NeweyWestEstimate rankIcNeweyWest;
    std::optional<double> momentumCorrelationMean;
    std::optional<double> topTurnoverMean;
};

enum class GateStatus {
    Pass,
    Fail,
    NotApplicable, // a figure the gate needs is undefined, or the run is a random-weights control
};

// "pass", "fail" or "n/a".
QString gateStatusName(GateStatus status);

// A gate's outcome and why: the figures against their thresholds ("RankIC mean 0.032 >= 0.02,
// Newey-West t 1.89 < 1.96"), or what is undefined.
struct GateResult
{
    GateStatus status = GateStatus::NotApplicable;
    QString reason;

    bool passed() const { return status == GateStatus::Pass; }
};

// The gates at one horizon.
struct HorizonGates
{
    int horizon = 0;
    GateResult factor; // RankIC mean >= min, NW t >= min, |corr with momentum| < max
    GateResult ml; // (RankIC mean >= min, or >= reference - tolerance) and NW t >= min
    GateResult practical; // topTurnoverMean <= max
};

struct GateVerdict
{
    std::vector<HorizonGates> perHorizon; // in the order of the inputs
    int factorHorizonsPassed = 0; // #{horizons whose factor gate passes}
    // Pass with factorHorizonsPassed >= factorMinHorizons; fail when even the horizons that
    // could not be judged would not reach it; n/a otherwise, and for a random-weights run.
    GateResult factor;
};

// Applies the thresholds to each horizon's inputs. A model at or above the ML reference passes
// the reference test: "within 0.03 of the reference" only forgives falling short of it.
// `randomWeights`: the scores come from a model with random weights (a control run); every gate
// is then n/a, never a pass, whatever the figures say. Pure; thread-safe.
GateVerdict evaluateGates(const std::vector<GateInput> &inputs, const GateThresholds &thresholds,
    bool randomWeights = false);

} // namespace Eval
