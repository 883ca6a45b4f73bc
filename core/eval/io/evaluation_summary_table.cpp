#include "evaluation_summary_table.h"

#include <QTextStream>

namespace Eval {

namespace {

constexpr int kLabelWidth = 22;
constexpr int kValueWidth = 11;

QString fixed(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 4) : QStringLiteral("n/a");
}

QString passOrFail(bool passed)
{
    return passed ? QStringLiteral("PASS") : QStringLiteral("FAIL");
}

// One line of the table: a label and one right-aligned cell per signal.
void writeLine(QTextStream &out, const QString &label, const QStringList &cells)
{
    out << label.leftJustified(kLabelWidth);
    for (const QString &cell : cells)
        out << cell.rightJustified(kValueWidth);
    out << '\n';
}

// A row whose cells all come from the same field of each signal's overall summary.
template <typename Field>
void writeMetricLine(
    QTextStream &out, const QString &label, const HorizonEvaluation &horizon, Field field)
{
    QStringList cells;
    for (const SignalEvaluation *signal : { &horizon.model, &horizon.momentum, &horizon.reversal })
        cells << fixed(field(signal->overall));
    writeLine(out, label, cells);
}

void writeHorizonTable(QTextStream &out, const HorizonEvaluation &horizon)
{
    writeLine(out, QString(),
        { signalName(SignalKind::Model), signalName(SignalKind::Momentum),
            signalName(SignalKind::Reversal) });
    const auto metricLines = [&](const QString &name, auto metric) {
        writeMetricLine(out, name + QStringLiteral(" mean"), horizon,
            [&](const SignalSummary &s) { return metric(s).mean; });
        writeMetricLine(out, name + QStringLiteral(" IR"), horizon,
            [&](const SignalSummary &s) { return metric(s).ir; });
        writeMetricLine(out, name + QStringLiteral(" t"), horizon,
            [&](const SignalSummary &s) { return metric(s).t; });
        writeMetricLine(out, name + QStringLiteral(" hit rate"), horizon,
            [&](const SignalSummary &s) { return metric(s).hitRate; });
    };
    metricLines(QStringLiteral("IC"), [](const SignalSummary &s) { return s.ic; });
    metricLines(QStringLiteral("RankIC"), [](const SignalSummary &s) { return s.rankIc; });
    writeMetricLine(out, QStringLiteral("Q5-Q1 spread mean"), horizon,
        [](const SignalSummary &s) { return s.spreadMean; });
    writeMetricLine(out, QStringLiteral("Top turnover mean"), horizon,
        [](const SignalSummary &s) { return s.topTurnoverMean; });
    QStringList withoutIc;
    for (const SignalEvaluation *signal : { &horizon.model, &horizon.momentum, &horizon.reversal })
        withoutIc << QString::number(
            signal->overall.datesWithTooFewNames + signal->overall.datesWithZeroVariance);
    writeLine(out, QStringLiteral("Dates without IC"), withoutIc);
    writeLine(
        out, QStringLiteral("Corr. with momentum"), { fixed(horizon.momentumCorrelation.mean) });
}

void writeGates(QTextStream &out, const HorizonGates &gates, const GateThresholds &thresholds)
{
    QString ml = QStringLiteral("RankIC mean >= %1").arg(thresholds.mlMinRankIc);
    if (thresholds.mlReferenceRankIc)
        ml += QStringLiteral(" or >= %1")
                  .arg(*thresholds.mlReferenceRankIc - thresholds.mlReferenceTolerance);
    out << "Gates: factor " << passOrFail(gates.factor)
        << " (RankIC mean >= " << thresholds.factorMinRankIc << ", |corr. with momentum| < "
        << thresholds.factorMaxMomentumCorrelation << ")\n"
        << "       ML " << passOrFail(gates.ml) << " (" << ml << ")\n"
        << "       practical " << passOrFail(gates.practical)
        << " (top turnover mean <= " << thresholds.practicalMaxTopTurnover << ")\n";
}

void writeWarnings(QTextStream &out, const HorizonEvaluation &horizon)
{
    if (horizon.overlapping)
        out << "WARNING: overlapping horizons. Consecutive evaluation dates are as little as "
            << *horizon.minimumDateSpacing << " trading rows apart, less than the "
            << horizon.horizon << "-row horizon: forward returns share days, so dates are not "
            << "independent and the t-statistics above are optimistic.\n";
    if (horizon.unknownDateRows + horizon.unknownTickerRows + horizon.duplicateRows > 0)
        out << "Score rows not used: " << horizon.unknownDateRows
            << " on dates that are not trading days of the prices, " << horizon.unknownTickerRows
            << " for tickers without prices, " << horizon.duplicateRows << " duplicates.\n";
}

} // namespace

QString formatEvaluationSummary(const EvaluationReport &report, const GateThresholds &thresholds)
{
    QString text;
    QTextStream out(&text);
    for (size_t i = 0; i < report.horizons.size(); ++i) {
        const HorizonEvaluation &horizon = report.horizons[i];
        const std::vector<DateResult> &dates = horizon.model.perDate;
        out << "Horizon " << horizon.horizon << " trading days: " << dates.size()
            << " evaluation dates";
        if (!dates.empty())
            out << " from " << dates.front().date.toString(Qt::ISODate) << " to "
                << dates.back().date.toString(Qt::ISODate);
        out << "\n";
        writeHorizonTable(out, horizon);
        writeGates(out, report.gates.perHorizon[i], thresholds);
        writeWarnings(out, horizon);
        out << "\n";
    }
    out << "Factor gate overall: " << passOrFail(report.gates.factorPassed) << " ("
        << report.gates.factorHorizonsPassed << " of " << report.horizons.size()
        << " horizons pass, " << thresholds.factorMinHorizons << " needed)\n";
    return text;
}

} // namespace Eval
