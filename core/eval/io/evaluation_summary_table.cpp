#include "eval/io/evaluation_summary_table.h"

#include <QTextStream>

namespace Eval {

namespace {

constexpr int kLabelWidth = 22;
constexpr int kValueWidth = 11;

QString fixed(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 4) : QStringLiteral("n/a");
}

QString gateText(const GateResult &gate)
{
    return QStringLiteral("%1 (%2)").arg(gateStatusName(gate.status).toUpper(), gate.reason);
}

QString percent(const std::optional<double> &share)
{
    return share ? QString::number(*share * 100.0, 'f', 1) + u'%' : QStringLiteral("n/a");
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
    QStringList neweyWest;
    for (SignalKind kind : kSignalKinds)
        neweyWest << fixed(horizon.signal(kind).significance.rankIc.t);
    writeLine(out,
        QStringLiteral("RankIC NW t (lag %1)").arg(horizon.model.significance.rankIc.lag),
        neweyWest);
    QStringList neutral;
    for (SignalKind kind : kSignalKinds)
        neutral << fixed(horizon.signal(kind).significance.sectorNeutralRankIc.mean);
    writeLine(out, QStringLiteral("Sector-neutral RankIC"), neutral);
    writeMetricLine(out, QStringLiteral("Q5-Q1 spread mean"), horizon,
        [](const SignalSummary &s) { return s.spreadMean; });
    writeMetricLine(out, QStringLiteral("Top turnover mean"), horizon,
        [](const SignalSummary &s) { return s.topTurnoverMean; });
    QStringList withoutIc;
    for (const SignalEvaluation *signal : { &horizon.model, &horizon.momentum, &horizon.reversal })
        withoutIc << QString::number(
            signal->overall.datesWithTooFewNames + signal->overall.datesWithZeroVariance);
    writeLine(out, QStringLiteral("Dates without IC"), withoutIc);
    QStringList netMean;
    QStringList sharpe;
    for (SignalKind kind : kSignalKinds) {
        netMean << fixed(horizon.signal(kind).book.meanNet);
        sharpe << fixed(horizon.signal(kind).book.sharpe);
    }
    writeLine(out, QStringLiteral("Book net mean"), netMean);
    writeLine(out, QStringLiteral("Book Sharpe (net)"), sharpe);
    writeLine(
        out, QStringLiteral("Corr. with momentum"), { fixed(horizon.momentumCorrelation.mean) });
}

// The model's accuracy against persistence and, when sampled, the calibration of its bands.
void writeForecastQuality(QTextStream &out, const HorizonEvaluation &horizon)
{
    const ForecastAccuracy &accuracy = horizon.accuracy;
    out << "Accuracy vs persistence: MAE " << fixed(accuracy.mae) << " vs "
        << fixed(accuracy.maePersistence) << ", skill " << fixed(accuracy.skillMae) << ", hit rate "
        << fixed(accuracy.hitRate) << ", Diebold-Mariano " << fixed(accuracy.dieboldMariano.t)
        << " (negative: model better)\n";
    if (!horizon.calibration)
        return;
    const ForecastCalibration &calibration = *horizon.calibration;
    out << "Calibration (" << calibration.n << " sampled): 10-90% band covers "
        << percent(calibration.coverage) << " (baseline " << percent(calibration.coverageBaseline)
        << ", 80% if honest), CRPS " << fixed(calibration.crps) << " (baseline "
        << fixed(calibration.crpsBaseline) << ")\n";
}

void writeGates(QTextStream &out, const HorizonGates &gates)
{
    out << "Gates: factor " << gateText(gates.factor) << "\n"
        << "       ML " << gateText(gates.ml) << "\n"
        << "       practical " << gateText(gates.practical) << "\n";
}

void writeWarnings(QTextStream &out, const HorizonEvaluation &horizon)
{
    if (horizon.overlapping)
        out << "WARNING: overlapping horizons. Consecutive evaluation dates are as little as "
            << *horizon.minimumDateSpacing << " trading rows apart, less than the "
            << horizon.horizon << "-row horizon: forward returns share days, so dates are not "
            << "independent and the plain t-statistics above are optimistic; the Newey-West t "
            << "with lag " << horizon.model.significance.rankIc.lag
            << " (from the median spacing of the dates) allows for it.\n";
    if (horizon.unknownDateRows + horizon.unknownTickerRows + horizon.duplicateRows > 0)
        out << "Score rows not used: " << horizon.unknownDateRows
            << " on dates that are not trading days of the prices, " << horizon.unknownTickerRows
            << " for tickers without prices, " << horizon.duplicateRows << " duplicates.\n";
}

} // namespace

QString formatEvaluationSummary(const EvaluationReport &report)
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
        writeForecastQuality(out, horizon);
        writeGates(out, report.gates.perHorizon[i]);
        writeWarnings(out, horizon);
        out << "\n";
    }
    out << "Factor gate overall: " << gateText(report.gates.factor) << "\n";
    return text;
}

} // namespace Eval
