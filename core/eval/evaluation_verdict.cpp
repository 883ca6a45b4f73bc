#include "eval/evaluation_verdict.h"

#include <cmath>

namespace Eval {

namespace {

// Fewer evaluation dates than this and a t-statistic rests on too little.
constexpr int kFewDates = 36;
// Coverage of the 10-90% band this far from 80% is reported as a caveat.
constexpr double kCoverageSlack = 0.1;
constexpr double kHonestCoverage = 0.8;

QString fixed(const std::optional<double> &value, int decimals = 3)
{
    return value ? QString::number(*value, 'f', decimals) : QStringLiteral("n/a");
}

QString percent(const std::optional<double> &share, int decimals = 1)
{
    return share ? QString::number(*share * 100.0, 'f', decimals) + u'%' : QStringLiteral("n/a");
}

bool hasSkill(const HorizonEvaluation &horizon, double minT)
{
    const NeweyWestEstimate &rankIc = horizon.model.significance.rankIc;
    return rankIc.mean && rankIc.t && *rankIc.mean > 0.0 && *rankIc.t >= minT;
}

bool survivesCosts(const HorizonEvaluation &horizon)
{
    return horizon.model.book.meanNet && *horizon.model.book.meanNet > 0.0;
}

QString horizonList(const std::vector<int> &horizons)
{
    QStringList names;
    for (int horizon : horizons)
        names << QString::number(horizon);
    return names.join(QStringLiteral(", "));
}

QString finding(const HorizonEvaluation &horizon, double costBps)
{
    const NeweyWestEstimate &rankIc = horizon.model.significance.rankIc;
    QString text = QStringLiteral("Horizon %1: RankIC %2 (Newey-West t %3, p %4, %5 dates)")
                       .arg(horizon.horizon)
                       .arg(fixed(rankIc.mean, 4), fixed(rankIc.t, 2), fixed(rankIc.p, 3))
                       .arg(rankIc.dates);
    const double momentum = horizon.momentum.overall.rankIc.mean.value_or(0.0);
    const double reversal = horizon.reversal.overall.rankIc.mean.value_or(0.0);
    if (rankIc.mean) {
        const bool beatsBoth = *rankIc.mean > momentum && *rankIc.mean > reversal;
        text += (beatsBoth ? QStringLiteral(", above momentum (%1) and reversal (%2)")
                           : QStringLiteral(", not above both momentum (%1) and reversal (%2)"))
                    .arg(fixed(momentum, 4), fixed(reversal, 4));
    }
    const LongShortBook &book = horizon.model.book;
    if (book.periods > 0)
        text += QStringLiteral("; the Q5-Q1 book earns %1 gross and %2 net per %3-day period at "
                               "%4 bps (Sharpe %5, max drawdown %6)")
                    .arg(percent(book.meanGross, 2), percent(book.meanNet, 2))
                    .arg(horizon.horizon)
                    .arg(costBps)
                    .arg(fixed(book.sharpe, 2), percent(book.maxDrawdown));
    return text + u'.';
}

void addCaveats(const EvaluationReport &report, QStringList &caveats)
{
    int fewestDates = -1;
    for (const HorizonEvaluation &horizon : report.horizons) {
        const int dates = horizon.model.significance.rankIc.dates;
        fewestDates = fewestDates < 0 ? dates : std::min(fewestDates, dates);
        if (horizon.overlapping)
            caveats << QStringLiteral("Horizon %1: forecast windows overlap (dates as close as %2 "
                                      "rows, horizon %1): consecutive dates share returns, so "
                                      "every t here is Newey-West (lag %3); the plain t would "
                                      "overstate the evidence.")
                           .arg(horizon.horizon)
                           .arg(*horizon.minimumDateSpacing)
                           .arg(horizon.model.significance.rankIc.lag);
        const ForecastAccuracy &accuracy = horizon.accuracy;
        if (accuracy.skillMae && *accuracy.skillMae < 0.0)
            caveats << QStringLiteral("Horizon %1: as a return forecast the score loses to "
                                      "predicting no change (MAE %2 worse than persistence, "
                                      "Diebold-Mariano %3): read it as a ranking, not a "
                                      "prediction of returns.")
                           .arg(horizon.horizon)
                           .arg(percent(-*accuracy.skillMae, 0),
                               fixed(accuracy.dieboldMariano.t, 1));
        if (horizon.calibration && horizon.calibration->coverage
            && std::abs(*horizon.calibration->coverage - kHonestCoverage) > kCoverageSlack)
            caveats << QStringLiteral("Horizon %1: the sampled 10-90% bands cover %2 of outcomes "
                                      "instead of 80% (a naive volatility band covers %3): "
                                      "the samples %4 the uncertainty.")
                           .arg(horizon.horizon)
                           .arg(percent(horizon.calibration->coverage),
                               percent(horizon.calibration->coverageBaseline),
                               *horizon.calibration->coverage < kHonestCoverage
                                   ? QStringLiteral("understate")
                                   : QStringLiteral("overstate"));
        const LongShortBook &book = horizon.model.book;
        if (book.meanGross && book.meanNet && *book.meanGross > 0.0 && *book.meanNet <= 0.0)
            caveats << QStringLiteral("Horizon %1: costs of %2 bps per unit traded turn the "
                                      "book's gross gain into a net loss (turnover %3 of the "
                                      "top quintile per date).")
                           .arg(horizon.horizon)
                           .arg(report.costBps)
                           .arg(percent(horizon.model.overall.topTurnoverMean, 0));
        if (horizon.momentumCorrelation.mean
            && std::abs(*horizon.momentumCorrelation.mean)
                >= report.gateThresholds.factorMaxMomentumCorrelation)
            caveats << QStringLiteral("Horizon %1: the scores rank names much like momentum "
                                      "(correlation %2).")
                           .arg(horizon.horizon)
                           .arg(fixed(horizon.momentumCorrelation.mean));
        const int unused
            = horizon.unknownDateRows + horizon.unknownTickerRows + horizon.duplicateRows;
        if (unused > 0)
            caveats << QStringLiteral("Horizon %1: %2 score rows could not be placed on the "
                                      "prices and were left out.")
                           .arg(horizon.horizon)
                           .arg(unused);
    }
    if (fewestDates >= 0 && fewestDates < kFewDates)
        caveats << QStringLiteral("Only %1 evaluation dates at the thinnest horizon: too few for "
                                  "a t-statistic to carry much weight.")
                       .arg(fewestDates);
    if (report.tickersWithoutSector > 0)
        caveats << QStringLiteral("%1 ticker(s) have no sector and count as Unknown in the sector "
                                  "figures.")
                       .arg(report.tickersWithoutSector);
    caveats << QStringLiteral("Many figures were tested (%1 horizon(s), three signals, several "
                              "metrics): one t near 2 among them can be luck. Past results on "
                              "this universe and period do not promise future ones.")
                   .arg(report.horizons.size());
}

} // namespace

EvaluationVerdict judgeEvaluation(const EvaluationReport &report)
{
    EvaluationVerdict verdict;
    const double minT = report.gateThresholds.minNeweyWestT;
    std::vector<int> skilled;
    std::vector<int> profitable;
    bool anyRankIc = false;
    for (const HorizonEvaluation &horizon : report.horizons) {
        anyRankIc = anyRankIc || horizon.model.significance.rankIc.mean.has_value();
        if (hasSkill(horizon, minT)) {
            skilled.push_back(horizon.horizon);
            if (survivesCosts(horizon))
                profitable.push_back(horizon.horizon);
        }
        verdict.findings << finding(horizon, report.costBps);
    }

    if (report.randomWeights) {
        verdict.kind = EvaluationVerdict::Kind::Control;
        verdict.headline = QStringLiteral("Control run with random weights: nothing here can "
                                          "count as an edge; any skill it shows is noise or a "
                                          "leak in the evaluation.");
    } else if (!anyRankIc) {
        verdict.kind = EvaluationVerdict::Kind::NothingToJudge;
        verdict.headline = QStringLiteral("Nothing to judge: no evaluation date has a RankIC "
                                          "(too few names with a score and a forward return).");
    } else if (!profitable.empty()) {
        verdict.kind = EvaluationVerdict::Kind::Edge;
        verdict.headline = QStringLiteral("An edge at horizon %1: the RankIC is significant "
                                          "(Newey-West t >= %2) and the long-short book stays "
                                          "positive after %3 bps costs.")
                               .arg(horizonList(profitable))
                               .arg(minT)
                               .arg(report.costBps);
    } else if (!skilled.empty()) {
        verdict.kind = EvaluationVerdict::Kind::SkillEatenByCosts;
        verdict.headline = QStringLiteral("Ranking skill at horizon %1 (Newey-West t >= %2), but "
                                          "no edge after %3 bps costs: the long-short book "
                                          "loses it to trading.")
                               .arg(horizonList(skilled))
                               .arg(minT)
                               .arg(report.costBps);
    } else {
        verdict.kind = EvaluationVerdict::Kind::NoEdge;
        verdict.headline = QStringLiteral("No demonstrated edge: the model's RankIC is not "
                                          "significant at any horizon (Newey-West t < %1).")
                               .arg(minT);
    }
    addCaveats(report, verdict.caveats);
    return verdict;
}

} // namespace Eval
