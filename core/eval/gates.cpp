#include "gates.h"

#include <cmath>

namespace Eval {

namespace {

bool passesFactorGate(const GateInput &input, const GateThresholds &thresholds)
{
    return input.rankIcMean && input.momentumCorrelationMean
        && *input.rankIcMean >= thresholds.factorMinRankIc
        && std::abs(*input.momentumCorrelationMean) < thresholds.factorMaxMomentumCorrelation;
}

bool passesMlGate(const GateInput &input, const GateThresholds &thresholds)
{
    if (!input.rankIcMean)
        return false;
    if (*input.rankIcMean >= thresholds.mlMinRankIc)
        return true;
    return thresholds.mlReferenceRankIc
        && *input.rankIcMean >= *thresholds.mlReferenceRankIc - thresholds.mlReferenceTolerance;
}

bool passesPracticalGate(const GateInput &input, const GateThresholds &thresholds)
{
    return input.topTurnoverMean && *input.topTurnoverMean <= thresholds.practicalMaxTopTurnover;
}

} // namespace

GateVerdict evaluateGates(const std::vector<GateInput> &inputs, const GateThresholds &thresholds)
{
    GateVerdict verdict;
    for (const GateInput &input : inputs) {
        const HorizonGates gates { input.horizon, passesFactorGate(input, thresholds),
            passesMlGate(input, thresholds), passesPracticalGate(input, thresholds) };
        verdict.factorHorizonsPassed += gates.factor ? 1 : 0;
        verdict.perHorizon.push_back(gates);
    }
    verdict.factorPassed = verdict.factorHorizonsPassed >= thresholds.factorMinHorizons;
    return verdict;
}

} // namespace Eval
