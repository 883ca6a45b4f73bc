#pragma once

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
    double practicalMaxTopTurnover = 0.30; // practical gate: mean top turnover <= this
};

// What the gates look at for the model at one horizon (empty: undefined, which fails).
struct GateInput
{
    int horizon = 0;
    std::optional<double> rankIcMean;
    std::optional<double> momentumCorrelationMean;
    std::optional<double> topTurnoverMean;
};

// Pass/fail at one horizon.
struct HorizonGates
{
    int horizon = 0;
    bool factor = false; // rankIcMean >= factorMinRankIc && |momentumCorrelationMean| < max
    bool ml = false; // rankIcMean >= mlMinRankIc || rankIcMean >= reference - tolerance
    bool practical = false; // topTurnoverMean <= practicalMaxTopTurnover
};

struct GateVerdict
{
    std::vector<HorizonGates> perHorizon; // in the order of the inputs
    int factorHorizonsPassed = 0; // #{horizons with factor == true}
    bool factorPassed = false; // factorHorizonsPassed >= factorMinHorizons
};

// Applies the thresholds to each horizon's inputs. A model at or above the ML reference passes
// the reference test: "within 0.03 of the reference" only forgives falling short of it.
// Pure; thread-safe.
GateVerdict evaluateGates(const std::vector<GateInput> &inputs, const GateThresholds &thresholds);

} // namespace Eval
