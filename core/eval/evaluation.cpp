#include "evaluation.h"

#include "signal_correlation.h"

#include <stdexcept>
#include <string>

namespace Eval {

namespace {

SignalEvaluation evaluateSignalKind(
    SignalKind kind, const PricePanel &panel, const SignalScores &signal, int horizon)
{
    SignalEvaluation evaluation;
    evaluation.kind = kind;
    evaluation.perDate = evaluateSignal(panel, signal, horizon);
    evaluation.overall
        = summarizeSignal(evaluation.perDate, 0, static_cast<int>(evaluation.perDate.size()));
    return evaluation;
}

std::vector<FoldEvaluation> evaluateFolds(const HorizonEvaluation &horizon, const FoldSpec &spec)
{
    std::vector<QDate> dates;
    for (const DateResult &result : horizon.model.perDate)
        dates.push_back(result.date);

    std::vector<FoldEvaluation> folds;
    for (const Fold &fold : walkForwardFolds(dates, spec)) {
        FoldEvaluation evaluation;
        evaluation.label = fold.label;
        evaluation.firstDate = dates[fold.begin];
        evaluation.lastDate = dates[fold.end - 1];
        evaluation.model = summarizeSignal(horizon.model.perDate, fold.begin, fold.end);
        evaluation.momentum = summarizeSignal(horizon.momentum.perDate, fold.begin, fold.end);
        evaluation.reversal = summarizeSignal(horizon.reversal.perDate, fold.begin, fold.end);
        const auto &correlations = horizon.momentumCorrelationPerDate;
        evaluation.momentumCorrelation = summarizeMetric(std::vector<std::optional<double>>(
            correlations.begin() + fold.begin, correlations.begin() + fold.end));
        folds.push_back(std::move(evaluation));
    }
    return folds;
}

HorizonEvaluation evaluateHorizon(const PricePanel &panel, const std::vector<ScoreRow> &scores,
    int horizon, const EvaluationOptions &options)
{
    const ScoreMatching matching = matchScoresToPanel(panel, scores, horizon);
    const SignalScores momentum = momentumSignal(panel, matching.signal, horizon);
    const SignalScores reversal = reversalSignal(panel, matching.signal, options.reversalLookback);

    HorizonEvaluation evaluation;
    evaluation.horizon = horizon;
    evaluation.model = evaluateSignalKind(SignalKind::Model, panel, matching.signal, horizon);
    evaluation.momentum = evaluateSignalKind(SignalKind::Momentum, panel, momentum, horizon);
    evaluation.reversal = evaluateSignalKind(SignalKind::Reversal, panel, reversal, horizon);
    evaluation.momentumCorrelationPerDate = perDateSpearman(matching.signal, momentum);
    evaluation.momentumCorrelation = summarizeMetric(evaluation.momentumCorrelationPerDate);
    evaluation.minimumDateSpacing = minimumDateSpacing(matching.signal);
    evaluation.overlapping
        = evaluation.minimumDateSpacing && horizon > *evaluation.minimumDateSpacing;
    evaluation.folds = evaluateFolds(evaluation, options.folds);
    evaluation.unknownDateRows = matching.unknownDateRows;
    evaluation.unknownTickerRows = matching.unknownTickerRows;
    evaluation.duplicateRows = matching.duplicateRows;
    return evaluation;
}

GateInput gateInputOf(const HorizonEvaluation &horizon)
{
    return { horizon.horizon, horizon.model.overall.rankIc.mean, horizon.momentumCorrelation.mean,
        horizon.model.overall.topTurnoverMean };
}

} // namespace

QString signalName(SignalKind kind)
{
    switch (kind) {
    case SignalKind::Model:
        return QStringLiteral("model");
    case SignalKind::Momentum:
        return QStringLiteral("momentum");
    case SignalKind::Reversal:
        return QStringLiteral("reversal");
    }
    return {};
}

EvaluationReport evaluateScores(
    const PricePanel &panel, const std::vector<ScoreRow> &scores, const EvaluationOptions &options)
{
    for (int horizon : options.horizons) {
        if (horizon < 1)
            throw std::invalid_argument(
                "evaluation: horizons must be at least 1 row, got " + std::to_string(horizon));
    }
    if (options.reversalLookback < 1)
        throw std::invalid_argument("evaluation: the reversal lookback must be at least 1 row");

    EvaluationReport report;
    std::vector<GateInput> gateInputs;
    for (int horizon : options.horizons) {
        report.horizons.push_back(evaluateHorizon(panel, scores, horizon, options));
        gateInputs.push_back(gateInputOf(report.horizons.back()));
    }
    report.gates = evaluateGates(gateInputs, options.gates);
    return report;
}

} // namespace Eval
