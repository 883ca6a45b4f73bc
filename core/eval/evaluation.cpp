#include "eval/evaluation.h"

#include "eval/period_returns.h"
#include "eval/signal_correlation.h"

#include <QPair>
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace Eval {

namespace {

using Cell = QPair<int, int>; // (panel row, panel column)

std::vector<int> rowsOf(const std::vector<DateResult> &results)
{
    std::vector<int> rows;
    rows.reserve(results.size());
    for (const DateResult &result : results)
        rows.push_back(result.row);
    return rows;
}

template <typename Field>
std::vector<std::optional<double>> valuesOf(const std::vector<DateResult> &results, Field field)
{
    std::vector<std::optional<double>> values;
    values.reserve(results.size());
    for (const DateResult &result : results)
        values.push_back(result.*field);
    return values;
}

SignalSignificance significanceOf(const std::vector<DateResult> &perDate, int horizon)
{
    const std::vector<int> rows = rowsOf(perDate);
    const auto estimate = [&](std::optional<double> DateResult::*field) {
        return neweyWest(definedValues(rows, valuesOf(perDate, field)), horizon);
    };
    return { estimate(&DateResult::ic), estimate(&DateResult::rankIc),
        estimate(&DateResult::spread), estimate(&DateResult::sectorNeutralRankIc) };
}

std::vector<QuintileBookDate> bookDates(const std::vector<DateResult> &perDate)
{
    std::vector<QuintileBookDate> dates;
    for (const DateResult &result : perDate) {
        if (result.spread)
            dates.push_back({ result.date, result.row, *result.spread, result.topQuintile,
                result.bottomQuintile, result.quintileMeans });
    }
    return dates;
}

SignalEvaluation evaluateSignalKind(SignalKind kind, const PricePanel &panel,
    const SignalScores &signal, const std::vector<CrossSection> &sections, int horizon,
    const std::vector<QString> &sectorOfColumn, double costBps)
{
    SignalEvaluation evaluation;
    evaluation.kind = kind;
    evaluation.perDate = evaluateSignal(panel, sections, sectorOfColumn);
    evaluation.overall
        = summarizeSignal(evaluation.perDate, 0, static_cast<int>(evaluation.perDate.size()));
    evaluation.significance = significanceOf(evaluation.perDate, horizon);
    evaluation.book = longShortBook(bookDates(evaluation.perDate), horizon, costBps);
    std::vector<QDate> dates;
    std::vector<std::vector<SectorValue>> sectorValues;
    for (const DateResult &result : evaluation.perDate) {
        dates.push_back(result.date);
        sectorValues.push_back(result.sectorRankIc);
    }
    evaluation.monthlyRankIc
        = monthlyMeans(dates, valuesOf(evaluation.perDate, &DateResult::rankIc));
    evaluation.sectorRankIc = sectorMeans(sectorValues);
    evaluation.rankAutocorrelation = summarizeMetric(rankAutocorrelation(signal));
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

struct HorizonScores
{
    ScoreMatching matching;
    bool fromPaths = false;
};

// The scores serving `horizon`: the input's rows, or, when none of them serves it, the
// predicted paths'.
HorizonScores matchHorizon(const PricePanel &panel, const EvaluationInput &input, int horizon)
{
    HorizonScores scores { matchScoresToPanel(panel, input.scores, horizon), false };
    if (scores.matching.signal.empty() && !input.paths.empty()) {
        scores.matching = matchScoresToPanel(panel, scoresFromPaths(input.paths, horizon), horizon);
        scores.fromPaths = true;
    }
    return scores;
}

std::vector<DatedForecastPairs> forecastPairs(const std::vector<CrossSection> &sections)
{
    std::vector<DatedForecastPairs> dates;
    dates.reserve(sections.size());
    for (const CrossSection &section : sections) {
        DatedForecastPairs date { section.row, {}, {} };
        for (const CrossSectionEntry &entry : section.entries) {
            date.scores.push_back(entry.score);
            date.realised.push_back(entry.forwardReturn);
        }
        dates.push_back(std::move(date));
    }
    return dates;
}

// The q10/q90 band of each placed score row serving `horizon` that gives both; a row made for
// the horizon wins over one serving every horizon.
QHash<Cell, std::pair<double, double>> bandsAt(
    const PricePanel &panel, const std::vector<ScoreRow> &scores, int horizon)
{
    QHash<Cell, std::pair<double, double>> bands;
    QSet<Cell> specific;
    for (const ScoreRow &score : scores) {
        if (!score.q10 || !score.q90 || (score.horizon && *score.horizon != horizon))
            continue;
        const std::optional<int> row = panel.rowOf(score.date);
        const std::optional<int> column = panel.columnOf(score.ticker);
        if (!row || !column)
            continue;
        const Cell cell { *row, *column };
        if (specific.contains(cell) || (!score.horizon && bands.contains(cell)))
            continue;
        bands.insert(cell, { *score.q10, *score.q90 });
        if (score.horizon)
            specific.insert(cell);
    }
    return bands;
}

// The model's sampled forecasts at `horizon` with a forward return and a baseline volatility.
std::vector<CalibrationCase> calibrationCases(const PricePanel &panel, const EvaluationInput &input,
    const std::vector<CrossSection> &sections, int horizon)
{
    QHash<Cell, const SampledReturns *> samples;
    for (const SampledReturns &sampled : input.samples) {
        if (sampled.horizon != horizon || sampled.returns.empty())
            continue;
        const std::optional<int> row = panel.rowOf(sampled.date);
        const std::optional<int> column = panel.columnOf(sampled.ticker);
        if (row && column)
            samples.insert({ *row, *column }, &sampled);
    }
    const QHash<Cell, std::pair<double, double>> bands = bandsAt(panel, input.scores, horizon);

    std::vector<CalibrationCase> cases;
    for (const CrossSection &section : sections) {
        for (const CrossSectionEntry &entry : section.entries) {
            const Cell cell { section.row, entry.column };
            const SampledReturns *sampled = samples.value(cell);
            if (!sampled)
                continue;
            // A return of -100% or worse has no log; no price path can produce one.
            if (std::any_of(sampled->returns.begin(), sampled->returns.end(),
                    [](double r) { return !(r > -1.0); }))
                continue;
            const std::optional<double> volatility
                = baselineVolatility(panel, section.row, entry.column);
            if (!volatility || !(*volatility > 0.0))
                continue;
            CalibrationCase one { sampled->returns, std::nullopt, std::nullopt, entry.forwardReturn,
                *volatility };
            if (const auto band = bands.constFind(cell); band != bands.constEnd()) {
                one.q10 = band->first;
                one.q90 = band->second;
            }
            cases.push_back(std::move(one));
        }
    }
    return cases;
}

HorizonEvaluation evaluateHorizon(const PricePanel &panel, const EvaluationInput &input,
    const std::vector<QString> &sectorOfColumn, int horizon, const EvaluationOptions &options)
{
    const HorizonScores scores = matchHorizon(panel, input, horizon);
    const ScoreMatching &matching = scores.matching;
    const SignalScores momentum = momentumSignal(panel, matching.signal, horizon);
    const SignalScores reversal = reversalSignal(panel, matching.signal, options.reversalLookback);
    const std::vector<CrossSection> modelSections = crossSections(panel, matching.signal, horizon);

    HorizonEvaluation evaluation;
    evaluation.horizon = horizon;
    evaluation.scoredFromPaths = scores.fromPaths;
    evaluation.scored = !matching.signal.empty();
    evaluation.model = evaluateSignalKind(SignalKind::Model, panel, matching.signal, modelSections,
        horizon, sectorOfColumn, options.costBps);
    evaluation.momentum = evaluateSignalKind(SignalKind::Momentum, panel, momentum,
        crossSections(panel, momentum, horizon), horizon, sectorOfColumn, options.costBps);
    evaluation.reversal = evaluateSignalKind(SignalKind::Reversal, panel, reversal,
        crossSections(panel, reversal, horizon), horizon, sectorOfColumn, options.costBps);
    evaluation.momentumCorrelationPerDate = perDateSpearman(matching.signal, momentum);
    evaluation.momentumCorrelation = summarizeMetric(evaluation.momentumCorrelationPerDate);
    evaluation.minimumDateSpacing = minimumDateSpacing(matching.signal);
    evaluation.overlapping
        = evaluation.minimumDateSpacing && horizon > *evaluation.minimumDateSpacing;
    evaluation.folds = evaluateFolds(evaluation, options.folds);
    evaluation.accuracy = forecastAccuracy(forecastPairs(modelSections), horizon);
    if (!input.samples.empty())
        evaluation.calibration
            = calibrate(calibrationCases(panel, input, modelSections, horizon), horizon);
    evaluation.unknownDateRows = matching.unknownDateRows;
    evaluation.unknownTickerRows = matching.unknownTickerRows;
    evaluation.duplicateRows = matching.duplicateRows;
    return evaluation;
}

GateInput gateInputOf(const HorizonEvaluation &horizon)
{
    return { horizon.horizon, horizon.model.overall.rankIc.mean, horizon.model.significance.rankIc,
        horizon.momentumCorrelation.mean, horizon.model.overall.topTurnoverMean };
}

IcDecayPoint decayPointOf(SignalKind kind, int horizon, const SignalEvaluation &evaluation)
{
    return { kind, horizon, evaluation.overall.ic.mean, evaluation.overall.rankIc.mean,
        evaluation.significance.rankIc.t };
}

// IC and RankIC of one signal at a horizon that is not evaluated in full.
IcDecayPoint decayPoint(
    SignalKind kind, const PricePanel &panel, const SignalScores &signal, int horizon)
{
    std::vector<std::optional<double>> ics;
    std::vector<std::optional<double>> rankIcs;
    std::vector<int> rows;
    for (const CrossSection &section : crossSections(panel, signal, horizon)) {
        const CrossSectionMetrics metrics = evaluateCrossSection(section.entries);
        ics.push_back(metrics.ic);
        rankIcs.push_back(metrics.rankIc);
        rows.push_back(section.row);
    }
    return { kind, horizon, summarizeMetric(ics).mean, summarizeMetric(rankIcs).mean,
        neweyWest(definedValues(rows, rankIcs), horizon).t };
}

// Every horizon from 1 to the longest path, or the evaluated horizons without paths.
std::vector<int> decayHorizons(const EvaluationInput &input, const std::vector<int> &evaluated)
{
    std::set<int> horizons(evaluated.begin(), evaluated.end());
    size_t longest = 0;
    for (const PredictedPath &path : input.paths)
        longest = std::max(longest, path.closes.size());
    for (int horizon = 1; horizon <= static_cast<int>(longest); ++horizon)
        horizons.insert(horizon);
    return { horizons.begin(), horizons.end() };
}

std::vector<IcDecayPoint> icDecay(const PricePanel &panel, const EvaluationInput &input,
    const EvaluationReport &report, const EvaluationOptions &options)
{
    std::vector<std::vector<IcDecayPoint>> bySignal(std::size(kSignalKinds));
    for (int horizon : decayHorizons(input, options.horizons)) {
        const auto evaluated = std::find_if(report.horizons.begin(), report.horizons.end(),
            [horizon](const HorizonEvaluation &h) { return h.horizon == horizon; });
        if (evaluated != report.horizons.end()) {
            for (size_t k = 0; k < std::size(kSignalKinds); ++k)
                bySignal[k].push_back(
                    decayPointOf(kSignalKinds[k], horizon, evaluated->signal(kSignalKinds[k])));
            continue;
        }
        const SignalScores model = matchHorizon(panel, input, horizon).matching.signal;
        bySignal[0].push_back(decayPoint(SignalKind::Model, panel, model, horizon));
        bySignal[1].push_back(decayPoint(
            SignalKind::Momentum, panel, momentumSignal(panel, model, horizon), horizon));
        bySignal[2].push_back(decayPoint(SignalKind::Reversal, panel,
            reversalSignal(panel, model, options.reversalLookback), horizon));
    }
    std::vector<IcDecayPoint> points;
    for (const std::vector<IcDecayPoint> &signalPoints : bySignal)
        points.insert(points.end(), signalPoints.begin(), signalPoints.end());
    return points;
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

const SignalEvaluation &HorizonEvaluation::signal(SignalKind kind) const
{
    switch (kind) {
    case SignalKind::Momentum:
        return momentum;
    case SignalKind::Reversal:
        return reversal;
    case SignalKind::Model:
        break;
    }
    return model;
}

EvaluationReport evaluateScores(
    const PricePanel &panel, const EvaluationInput &input, const EvaluationOptions &options)
{
    for (int horizon : options.horizons) {
        if (horizon < 1)
            throw std::invalid_argument(
                "evaluation: horizons must be at least 1 row, got " + std::to_string(horizon));
    }
    if (options.reversalLookback < 1)
        throw std::invalid_argument("evaluation: the reversal lookback must be at least 1 row");
    if (!(options.costBps >= 0.0))
        throw std::invalid_argument("evaluation: the cost must be at least 0 bps");

    const std::vector<QString> sectorOfColumn = columnSectors(panel, input.sectors);
    EvaluationReport report;
    report.costBps = options.costBps;
    report.gateThresholds = options.gates;
    report.randomWeights = options.randomWeights;
    report.sampledForecasts = static_cast<int>(input.samples.size());
    report.tickersWithoutSector = static_cast<int>(
        std::count(sectorOfColumn.begin(), sectorOfColumn.end(), unknownSector()));
    std::vector<GateInput> gateInputs;
    for (int horizon : options.horizons) {
        report.horizons.push_back(evaluateHorizon(panel, input, sectorOfColumn, horizon, options));
        gateInputs.push_back(gateInputOf(report.horizons.back()));
    }
    report.gates = evaluateGates(gateInputs, options.gates, options.randomWeights);
    report.icDecay = icDecay(panel, input, report, options);
    return report;
}

EvaluationReport evaluateScores(
    const PricePanel &panel, const std::vector<ScoreRow> &scores, const EvaluationOptions &options)
{
    return evaluateScores(panel, EvaluationInput { scores, {}, {}, {} }, options);
}

} // namespace Eval
