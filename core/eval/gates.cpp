#include "eval/gates.h"

#include "eval/cross_section_metrics.h"

#include <QStringList>
#include <cmath>

namespace Eval {

namespace {

QString number(double value)
{
    return QString::number(value, 'f', 4);
}

// "a >= b" or "a < b" as the comparison came out.
QString compared(const QString &name, double value, bool atLeast, double threshold)
{
    return QStringLiteral("%1 %2 %3 %4")
        .arg(name, number(value), atLeast ? QStringLiteral(">=") : QStringLiteral("<"),
            number(threshold));
}

GateResult notApplicable(const QString &reason)
{
    return { GateStatus::NotApplicable, reason };
}

GateResult judged(bool passed, const QStringList &reasons)
{
    return { passed ? GateStatus::Pass : GateStatus::Fail, reasons.join(QStringLiteral(", ")) };
}

// Why a gate that needs the RankIC and its Newey-West t cannot judge them; empty when it can.
QString rankIcUndefinedReason(const GateInput &input)
{
    if (!input.rankIcMean)
        return QStringLiteral("no date with a RankIC");
    switch (input.rankIcNeweyWest.status) {
    case NeweyWestStatus::Defined:
        return {};
    case NeweyWestStatus::NoDates:
        return QStringLiteral("no date with a RankIC");
    case NeweyWestStatus::ZeroVariance:
        break;
    }
    return QStringLiteral("Newey-West t undefined: the per-date RankIC does not vary (%1 date(s))")
        .arg(input.rankIcNeweyWest.dates);
}

QString significanceText(const GateInput &input, const GateThresholds &thresholds, bool &passed)
{
    const double t = *input.rankIcNeweyWest.t;
    passed = t >= thresholds.minNeweyWestT;
    return compared(QStringLiteral("Newey-West t"), t, passed, thresholds.minNeweyWestT);
}

GateResult factorGate(const GateInput &input, const GateThresholds &thresholds)
{
    if (const QString undefined = rankIcUndefinedReason(input); !undefined.isEmpty())
        return notApplicable(undefined);
    if (!input.momentumCorrelationMean)
        return notApplicable(QStringLiteral("no date where the model and momentum share %1 names")
                                 .arg(kMinimumNamesPerDate));
    const bool strongEnough = *input.rankIcMean >= thresholds.factorMinRankIc;
    bool significant = false;
    const QString significance = significanceText(input, thresholds, significant);
    const double correlation = std::abs(*input.momentumCorrelationMean);
    const bool distinct = correlation < thresholds.factorMaxMomentumCorrelation;
    return judged(strongEnough && significant && distinct,
        { compared(QStringLiteral("RankIC mean"), *input.rankIcMean, strongEnough,
              thresholds.factorMinRankIc),
            significance,
            QStringLiteral("|corr. with momentum| %1 %2 %3")
                .arg(number(correlation), distinct ? QStringLiteral("<") : QStringLiteral(">="),
                    number(thresholds.factorMaxMomentumCorrelation)) });
}

GateResult mlGate(const GateInput &input, const GateThresholds &thresholds)
{
    if (const QString undefined = rankIcUndefinedReason(input); !undefined.isEmpty())
        return notApplicable(undefined);
    const double rankIc = *input.rankIcMean;
    bool strongEnough = rankIc >= thresholds.mlMinRankIc;
    QString strength
        = compared(QStringLiteral("RankIC mean"), rankIc, strongEnough, thresholds.mlMinRankIc);
    if (!strongEnough && thresholds.mlReferenceRankIc) {
        const double floor = *thresholds.mlReferenceRankIc - thresholds.mlReferenceTolerance;
        strongEnough = rankIc >= floor;
        strength += QStringLiteral(" and %1 the reference's %2 - %3")
                        .arg(strongEnough ? QStringLiteral(">=") : QStringLiteral("<"),
                            number(*thresholds.mlReferenceRankIc),
                            number(thresholds.mlReferenceTolerance));
    }
    bool significant = false;
    const QString significance = significanceText(input, thresholds, significant);
    return judged(strongEnough && significant, { strength, significance });
}

GateResult practicalGate(const GateInput &input, const GateThresholds &thresholds)
{
    if (!input.topTurnoverMean)
        return notApplicable(QStringLiteral("no two consecutive dates with a top quintile"));
    const bool low = *input.topTurnoverMean <= thresholds.practicalMaxTopTurnover;
    return judged(low,
        { QStringLiteral("top turnover mean %1 %2 %3")
                .arg(number(*input.topTurnoverMean),
                    low ? QStringLiteral("<=") : QStringLiteral(">"),
                    number(thresholds.practicalMaxTopTurnover)) });
}

} // namespace

QString gateStatusName(GateStatus status)
{
    switch (status) {
    case GateStatus::Pass:
        return QStringLiteral("pass");
    case GateStatus::Fail:
        return QStringLiteral("fail");
    case GateStatus::NotApplicable:
        break;
    }
    return QStringLiteral("n/a");
}

GateVerdict evaluateGates(
    const std::vector<GateInput> &inputs, const GateThresholds &thresholds, bool randomWeights)
{
    const GateResult control
        = notApplicable(QStringLiteral("random weights: a control run is never judged as passing"));
    GateVerdict verdict;
    int undecided = 0;
    for (const GateInput &input : inputs) {
        HorizonGates gates { input.horizon, control, control, control };
        if (!randomWeights) {
            gates.factor = factorGate(input, thresholds);
            gates.ml = mlGate(input, thresholds);
            gates.practical = practicalGate(input, thresholds);
        }
        verdict.factorHorizonsPassed += gates.factor.passed() ? 1 : 0;
        undecided += gates.factor.status == GateStatus::NotApplicable ? 1 : 0;
        verdict.perHorizon.push_back(gates);
    }
    const QString tally = QStringLiteral("%1 of %2 horizons pass, %3 needed")
                              .arg(verdict.factorHorizonsPassed)
                              .arg(inputs.size())
                              .arg(thresholds.factorMinHorizons);
    if (randomWeights)
        verdict.factor = control;
    else if (verdict.factorHorizonsPassed >= thresholds.factorMinHorizons)
        verdict.factor = { GateStatus::Pass, tally };
    else if (verdict.factorHorizonsPassed + undecided < thresholds.factorMinHorizons)
        verdict.factor = { GateStatus::Fail, tally };
    else
        verdict.factor
            = notApplicable(tally + QStringLiteral(", %1 cannot be judged").arg(undecided));
    return verdict;
}

} // namespace Eval
