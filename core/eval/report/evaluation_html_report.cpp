#include "eval/report/evaluation_html_report.h"

#include "data/atomic_file.h"
#include "eval/evaluation_verdict.h"
#include "eval/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Eval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char *const kStyle = R"(
body { margin: 0; background: #eef1f4; color: #212529;
  font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
main { max-width: 980px; margin: 0 auto; padding: 28px 36px 56px; background: #ffffff; }
h1 { font-size: 27px; margin: 0 0 2px; }
.subject { font-size: 17px; color: #343a40; margin: 0 0 6px; }
.meta { font-size: 12.5px; color: #6c757d; margin: 0 0 18px; }
h2 { font-size: 20px; margin: 38px 0 6px; padding-bottom: 4px; border-bottom: 2px solid #dee2e6; }
h3 { font-size: 15px; margin: 18px 0 4px; }
p { margin: 6px 0; }
.explain { font-size: 13px; color: #495057; }
.verdict { border-left: 7px solid #868e96; background: #f8f9fa; padding: 14px 20px 10px;
  border-radius: 4px; }
.verdict.edge { border-color: #2b8a3e; background: #ebfbee; }
.verdict.costs { border-color: #e67700; background: #fff9db; }
.verdict.none { border-color: #c92a2a; background: #fff5f5; }
.verdict.control { border-color: #5f3dc4; background: #f3f0ff; }
.headline { font-size: 18px; font-weight: 600; margin: 0 0 8px; }
.verdict ul { margin: 6px 0 10px; padding-left: 22px; font-size: 14px; }
.caveats li { font-size: 13.5px; color: #343a40; margin: 3px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 4px; }
th { font-weight: 600; background: #f1f3f5; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e9ecef; text-align: right;
  font-variant-numeric: tabular-nums; }
th.text, td.text { text-align: left; }
td.pass { color: #2b8a3e; font-weight: 600; }
td.fail { color: #c92a2a; font-weight: 600; }
td.na { color: #868e96; font-weight: 600; }
td.why { text-align: left; color: #495057; font-size: 12.5px; }
.significant { font-weight: 700; }
.row { display: flex; gap: 14px; }
.row > svg { flex: 1 1 0; min-width: 0; }
svg.chart { width: 100%; height: auto; display: block; margin: 10px 0; }
footer { margin-top: 40px; font-size: 12px; color: #868e96; }
)";

const QString kModelColor = QStringLiteral("#1c7ed6");
const QString kMomentumColor = QStringLiteral("#868e96");
const QString kReversalColor = QStringLiteral("#ae3ec9");
const QString kBaselineColor = QStringLiteral("#adb5bd");
const QStringList kQuintileColors { "#d6604d", "#f4a582", "#a8a8a8", "#92c5de", "#2166ac" };

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString fixed(const std::optional<double> &value, int decimals = 4)
{
    return value ? QString::number(*value, 'f', decimals) : QStringLiteral("n/a");
}

QString percent(const std::optional<double> &share, int decimals = 1)
{
    return share ? QString::number(*share * 100.0, 'f', decimals) + u'%' : QStringLiteral("n/a");
}

double orNaN(const std::optional<double> &value)
{
    return value.value_or(kNaN);
}

QString signalColor(SignalKind kind)
{
    switch (kind) {
    case SignalKind::Momentum:
        return kMomentumColor;
    case SignalKind::Reversal:
        return kReversalColor;
    case SignalKind::Model:
        break;
    }
    return kModelColor;
}

// "0.0324 (t 1.89)", bold when |t| reaches the threshold.
QString estimateCell(const NeweyWestEstimate &estimate, double minT)
{
    const bool significant = estimate.t && std::abs(*estimate.t) >= minT;
    return QStringLiteral("<td%1>%2 <span class=\"explain\">(%3)</span></td>")
        .arg(significant ? QStringLiteral(" class=\"significant\"") : QString(),
            fixed(estimate.mean), fixed(estimate.t, 2));
}

QString cells(const QStringList &values)
{
    QString html;
    for (const QString &value : values)
        html += QStringLiteral("<td>%1</td>").arg(esc(value));
    return html;
}

QString headerRow(const QStringList &names, int textColumns = 1)
{
    QString html = QStringLiteral("<tr>");
    for (qsizetype i = 0; i < names.size(); ++i)
        html += QStringLiteral("<th%1>%2</th>")
                    .arg(i < textColumns ? QStringLiteral(" class=\"text\"") : QString(),
                        esc(names[i]));
    return html + QStringLiteral("</tr>");
}

QString verdictClass(EvaluationVerdict::Kind kind)
{
    switch (kind) {
    case EvaluationVerdict::Kind::Edge:
        return QStringLiteral("edge");
    case EvaluationVerdict::Kind::SkillEatenByCosts:
        return QStringLiteral("costs");
    case EvaluationVerdict::Kind::Control:
        return QStringLiteral("control");
    case EvaluationVerdict::Kind::NoEdge:
    case EvaluationVerdict::Kind::NothingToJudge:
        break;
    }
    return QStringLiteral("none");
}

QString gateRow(int horizon, const QString &gate, const GateResult &result)
{
    const QString status = gateStatusName(result.status);
    const QString css = result.status == GateStatus::Pass ? QStringLiteral("pass")
        : result.status == GateStatus::Fail               ? QStringLiteral("fail")
                                                          : QStringLiteral("na");
    return QStringLiteral("<tr><td class=\"text\">%1</td><td class=\"text\">%2</td>"
                          "<td class=\"%3 text\">%4</td><td class=\"why\">%5</td></tr>")
        .arg(horizon > 0 ? QString::number(horizon) : QStringLiteral("all"), esc(gate), css,
            status.toUpper(), esc(result.reason));
}

QString header(const EvaluationReport &report, const ReportSubject &subject)
{
    QString html = QStringLiteral("<h1>Does the model have an edge?</h1>");
    html += QStringLiteral("<p class=\"subject\">%1</p>").arg(esc(subject.title));
    QStringList facts = subject.details;
    QStringList horizons;
    QDate first;
    QDate last;
    for (const HorizonEvaluation &horizon : report.horizons) {
        horizons << QString::number(horizon.horizon);
        const std::vector<DateResult> &dates = horizon.model.perDate;
        if (dates.empty())
            continue;
        if (!first.isValid() || dates.front().date < first)
            first = dates.front().date;
        if (!last.isValid() || dates.back().date > last)
            last = dates.back().date;
    }
    facts << QStringLiteral("horizons %1 trading days").arg(horizons.join(QStringLiteral(", ")));
    if (first.isValid())
        facts << QStringLiteral("dates %1 to %2")
                     .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate));
    facts << QStringLiteral("costs %1 bps per unit traded").arg(report.costBps);
    if (subject.generated.isValid())
        facts << QStringLiteral("generated %1")
                     .arg(subject.generated.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QStringList escaped;
    for (const QString &fact : facts)
        escaped << esc(fact);
    return html
        + QStringLiteral("<p class=\"meta\">%1</p>").arg(escaped.join(QStringLiteral(" · ")));
}

QString verdictSection(const EvaluationReport &report)
{
    const EvaluationVerdict verdict = judgeEvaluation(report);
    QString html = QStringLiteral("<section class=\"verdict %1\" id=\"verdict\">")
                       .arg(verdictClass(verdict.kind));
    html += QStringLiteral("<p class=\"headline\">%1</p><ul>").arg(esc(verdict.headline));
    for (const QString &finding : verdict.findings)
        html += QStringLiteral("<li>%1</li>").arg(esc(finding));
    html += QStringLiteral("</ul><h3>Gates</h3><table>")
        + headerRow({ QStringLiteral("Horizon"), QStringLiteral("Gate"), QStringLiteral("Verdict"),
                        QStringLiteral("Why") },
            4);
    for (size_t k = 0; k < report.gates.perHorizon.size(); ++k) {
        const HorizonGates &gates = report.gates.perHorizon[k];
        html += gateRow(gates.horizon, QStringLiteral("factor"), gates.factor);
        html += gateRow(gates.horizon, QStringLiteral("ML"), gates.ml);
        html += gateRow(gates.horizon, QStringLiteral("practical"), gates.practical);
    }
    html += gateRow(0, QStringLiteral("factor overall"), report.gates.factor);
    html += QStringLiteral("</table><h3>Caveats</h3><ul class=\"caveats\">");
    for (const QString &caveat : verdict.caveats)
        html += QStringLiteral("<li>%1</li>").arg(esc(caveat));
    return html + QStringLiteral("</ul></section>");
}

QString significanceSection(const EvaluationReport &report)
{
    const double minT = report.gateThresholds.minNeweyWestT;
    QString html = QStringLiteral("<h2 id=\"significance\">Significance</h2>");
    html += QStringLiteral("<p class=\"explain\">Means of the per-date figures with their "
                           "Newey-West t in brackets: windows of h days measured every few days "
                           "overlap, so the t allows for the autocorrelation up to a lag L = "
                           "⌈h / median spacing⌉ − 1. Bold: |t| ≥ %1.</p>")
                .arg(minT);
    html += QStringLiteral("<table>")
        + headerRow({ QStringLiteral("Horizon"), QStringLiteral("Signal"), QStringLiteral("IC"),
                        QStringLiteral("RankIC"), QStringLiteral("RankIC p"),
                        QStringLiteral("Q5−Q1 spread"), QStringLiteral("Sector-neutral RankIC"),
                        QStringLiteral("Lag"), QStringLiteral("Dates") },
            2);
    for (const HorizonEvaluation &horizon : report.horizons) {
        for (SignalKind kind : kSignalKinds) {
            const SignalSignificance &significance = horizon.signal(kind).significance;
            html += QStringLiteral("<tr><td class=\"text\">%1</td><td class=\"text\">%2</td>")
                        .arg(horizon.horizon)
                        .arg(signalName(kind))
                + estimateCell(significance.ic, minT) + estimateCell(significance.rankIc, minT)
                + cells({ fixed(significance.rankIc.p, 3) })
                + estimateCell(significance.spread, minT)
                + estimateCell(significance.sectorNeutralRankIc, minT)
                + cells({ QString::number(significance.rankIc.lag),
                    QString::number(significance.rankIc.dates) })
                + QStringLiteral("</tr>");
        }
    }
    return html + QStringLiteral("</table>");
}

QString accuracySection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h2 id=\"accuracy\">Accuracy against persistence</h2>");
    html += QStringLiteral("<p class=\"explain\">The model's score read as a predicted return, "
                           "against predicting no change. Skill = 1 − MAE / MAE of persistence "
                           "(above 0: better); Diebold-Mariano = Newey-West t of the per-date "
                           "mean of e² − r² (below 0: the model's errors are smaller); hit rate "
                           "over pairs where both signs are non-zero.</p>");
    html += QStringLiteral("<table>")
        + headerRow({ QStringLiteral("Horizon"), QStringLiteral("Pairs"), QStringLiteral("MAE"),
            QStringLiteral("MAE persistence"), QStringLiteral("Skill"), QStringLiteral("RMSE"),
            QStringLiteral("RMSE persistence"), QStringLiteral("Hit rate"),
            QStringLiteral("Diebold-Mariano"), QStringLiteral("p") });
    for (const HorizonEvaluation &horizon : report.horizons) {
        const ForecastAccuracy &a = horizon.accuracy;
        html += QStringLiteral("<tr><td class=\"text\">%1</td>").arg(horizon.horizon)
            + cells({ QString::number(a.n), fixed(a.mae), fixed(a.maePersistence),
                percent(a.skillMae), fixed(a.rmse), fixed(a.rmsePersistence), percent(a.hitRate),
                fixed(a.dieboldMariano.t, 2), fixed(a.dieboldMariano.p, 3) })
            + QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString calibrationSection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h2 id=\"calibration\">Calibration of the sampled bands</h2>");
    bool sampled = false;
    for (const HorizonEvaluation &horizon : report.horizons)
        sampled = sampled || (horizon.calibration && horizon.calibration->n > 0);
    if (!sampled)
        return html
            + QStringLiteral("<p class=\"explain\">Not sampled: no forecast has samples with a "
                             "forward return and 61 closes behind it, so the bands cannot be "
                             "judged. Score with <code>--sample-count</code> &gt; 1, or give "
                             "<code>--samples</code> with a scores file.</p>");
    html += QStringLiteral("<p class=\"explain\">An honest 10–90% band covers 80% of outcomes and "
                           "its PIT histogram is flat at 10% per bin; a U shape means bands too "
                           "narrow. The baseline is N(0, (σ√h)²), σ the name's volatility over "
                           "the last 60 days. CRPS in log-return space, lower is better.</p>");
    html += QStringLiteral("<table>")
        + headerRow({ QStringLiteral("Horizon"), QStringLiteral("Forecasts"),
            QStringLiteral("Coverage 10–90%"), QStringLiteral("Baseline coverage"),
            QStringLiteral("CRPS"), QStringLiteral("Baseline CRPS") });
    QStringList categories;
    BarSeries model { QStringLiteral("model band"), kModelColor, {} };
    BarSeries baseline { QStringLiteral("volatility baseline"), kBaselineColor, {} };
    QString pitCharts;
    for (const HorizonEvaluation &horizon : report.horizons) {
        const ForecastCalibration c = horizon.calibration.value_or(ForecastCalibration {});
        html += QStringLiteral("<tr><td class=\"text\">%1</td>").arg(horizon.horizon)
            + cells({ QString::number(c.n), percent(c.coverage), percent(c.coverageBaseline),
                fixed(c.crps), fixed(c.crpsBaseline) })
            + QStringLiteral("</tr>");
        categories << QStringLiteral("h = %1").arg(horizon.horizon);
        model.values.push_back(orNaN(c.coverage));
        baseline.values.push_back(orNaN(c.coverageBaseline));
        if (c.n == 0)
            continue;
        QStringList bins;
        BarSeries shares { QStringLiteral("share"), kModelColor, {} };
        for (int bin = 0; bin < kPitBins; ++bin) {
            bins << QString::number(bin / 10.0, 'f', 1);
            shares.values.push_back(orNaN(c.pitShares[size_t(bin)]));
        }
        ChartAxes axes;
        axes.xLabel = QStringLiteral("PIT bin (from)");
        axes.yAsPercent = true;
        axes.yReference = 1.0 / kPitBins;
        pitCharts += svgBarChart(
            QStringLiteral("PIT histogram, horizon %1 (dashed: flat)").arg(horizon.horizon), bins,
            { shares }, axes);
    }
    html += QStringLiteral("</table><div class=\"row\">%1</div>").arg(pitCharts);
    ChartAxes coverageAxes;
    coverageAxes.yAsPercent = true;
    coverageAxes.yReference = 0.8;
    return html
        + svgBarChart(QStringLiteral("Coverage of the 10–90% band (dashed: 80%)"), categories,
            { model, baseline }, coverageAxes, 880, 260);
}

double julian(const QDate &date)
{
    return double(date.toJulianDay());
}

QString bookSection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h2 id=\"book\">The long-short book</h2>");
    html += QStringLiteral(
        "<p class=\"explain\">Long quintile 5, short quintile 1, held for the horizon and "
        "rebalanced on non-overlapping dates; net of %1 bps per unit traded (2 at the start, then "
        "twice the turnover of both sides). Sharpe annualized with √(252/h). Rank "
        "autocorrelation: Spearman between consecutive dates' scores (high = stable "
        "ranking, low turnover).</p>")
                .arg(report.costBps);
    html += QStringLiteral("<table>")
        + headerRow(
            { QStringLiteral("Horizon"), QStringLiteral("Signal"), QStringLiteral("Periods"),
                QStringLiteral("Mean gross"), QStringLiteral("Mean net"),
                QStringLiteral("Cumulative net"), QStringLiteral("Annualized"),
                QStringLiteral("Sharpe"), QStringLiteral("Max drawdown"),
                QStringLiteral("Top turnover"), QStringLiteral("Rank autocorr.") },
            2);
    for (const HorizonEvaluation &horizon : report.horizons) {
        for (SignalKind kind : kSignalKinds) {
            const SignalEvaluation &signal = horizon.signal(kind);
            const LongShortBook &book = signal.book;
            html += QStringLiteral("<tr><td class=\"text\">%1</td><td class=\"text\">%2</td>")
                        .arg(horizon.horizon)
                        .arg(signalName(kind))
                + cells({ QString::number(book.periods), percent(book.meanGross, 2),
                    percent(book.meanNet, 2), percent(book.cumNet), percent(book.annReturn),
                    fixed(book.sharpe, 2), percent(book.maxDrawdown),
                    percent(signal.overall.topTurnoverMean, 0),
                    fixed(signal.rankAutocorrelation.mean, 3) })
                + QStringLiteral("</tr>");
        }
    }
    html += QStringLiteral("</table>");
    for (const HorizonEvaluation &horizon : report.horizons) {
        std::vector<ChartLine> lines;
        const auto wealthLine
            = [](const QString &name, const QString &color, const LongShortBook &book, bool gross) {
                  ChartLine line { name, color, {}, {} };
                  line.x.push_back(book.curve.empty() ? 0.0 : julian(book.curve.front().date));
                  line.y.push_back(1.0);
                  for (const BookPeriod &period : book.curve) {
                      line.x.push_back(julian(period.date));
                      line.y.push_back(gross ? period.wealthGross : period.wealthNet);
                  }
                  return line;
              };
        if (horizon.model.book.curve.empty())
            continue;
        ChartLine gross
            = wealthLine(QStringLiteral("model, gross"), kModelColor, horizon.model.book, true);
        gross.dashed = true;
        lines.push_back(gross);
        lines.push_back(
            wealthLine(QStringLiteral("model, net"), kModelColor, horizon.model.book, false));
        ChartLine momentum = wealthLine(
            QStringLiteral("momentum, net"), kMomentumColor, horizon.momentum.book, false);
        momentum.thin = true;
        lines.push_back(momentum);
        ChartLine reversal = wealthLine(
            QStringLiteral("reversal, net"), kReversalColor, horizon.reversal.book, false);
        reversal.thin = true;
        lines.push_back(reversal);
        ChartAxes axes;
        axes.xIsJulianDay = true;
        axes.yLabel = QStringLiteral("wealth (start = 1)");
        axes.yReference = 1.0;
        html += svgLineChart(
            QStringLiteral("Wealth of the Q5−Q1 book, horizon %1").arg(horizon.horizon), lines,
            axes);
    }
    return html;
}

QString icDecaySection(const EvaluationReport &report)
{
    const double minT = report.gateThresholds.minNeweyWestT;
    QString html = QStringLiteral("<h2 id=\"ic-decay\">IC decay</h2>");
    html
        += QStringLiteral("<p class=\"explain\">Mean RankIC at each horizon (for a run with stored "
                          "paths, every step up to the longest). Filled markers: |Newey-West t| "
                          "≥ %1.</p>")
               .arg(minT);
    std::vector<ChartLine> lines;
    for (SignalKind kind : kSignalKinds) {
        ChartLine line { signalName(kind), signalColor(kind), {}, {} };
        line.markers = true;
        line.thin = kind != SignalKind::Model;
        for (const IcDecayPoint &point : report.icDecay) {
            if (point.signal != kind)
                continue;
            line.x.push_back(point.horizon);
            line.y.push_back(orNaN(point.rankIcMean));
            line.hollow.push_back(
                !point.rankIcNeweyWestT || std::abs(*point.rankIcNeweyWestT) < minT);
        }
        lines.push_back(line);
    }
    ChartAxes axes;
    axes.xLabel = QStringLiteral("horizon (trading days)");
    axes.yLabel = QStringLiteral("RankIC mean");
    axes.yReference = 0.0;
    axes.xIsWhole = true;
    return html + svgLineChart(QStringLiteral("RankIC by horizon"), lines, axes);
}

QString monthlySection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h2 id=\"monthly\">Monthly RankIC</h2>");
    html += QStringLiteral("<p class=\"explain\">The model's mean RankIC per calendar month: an "
                           "edge that lives in a few months is fragile.</p>");
    const QStringList months { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec" };
    for (const HorizonEvaluation &horizon : report.horizons) {
        const std::vector<MonthlyRankIc> &monthly = horizon.model.monthlyRankIc;
        if (monthly.empty())
            continue;
        const int firstYear = monthly.front().year;
        const int lastYear = monthly.back().year;
        QStringList years;
        std::vector<std::vector<std::optional<double>>> grid(
            size_t(lastYear - firstYear + 1), std::vector<std::optional<double>>(12));
        for (int year = firstYear; year <= lastYear; ++year)
            years << QString::number(year);
        for (const MonthlyRankIc &month : monthly)
            grid[size_t(month.year - firstYear)][size_t(month.month - 1)] = month.mean;
        html += svgHeatmap(QStringLiteral("Model RankIC by month, horizon %1").arg(horizon.horizon),
            years, months, grid);
    }
    return html;
}

QString sectorSection(const EvaluationReport &report)
{
    const double minT = report.gateThresholds.minNeweyWestT;
    QString html = QStringLiteral("<h2 id=\"sectors\">Sectors</h2>");
    html += QStringLiteral("<p class=\"explain\">The model's mean RankIC within each sector (dates "
                           "with at least 5 names of the sector). The sector-neutral RankIC "
                           "ranks names against their own sector's mean: what is left when "
                           "picking sectors is taken out.</p>");
    for (const HorizonEvaluation &horizon : report.horizons) {
        const NeweyWestEstimate &neutral = horizon.model.significance.sectorNeutralRankIc;
        html += QStringLiteral("<p>Horizon %1: sector-neutral RankIC <b>%2</b> (Newey-West t %3%4) "
                               "against %5 overall.</p>")
                    .arg(horizon.horizon)
                    .arg(fixed(neutral.mean), fixed(neutral.t, 2),
                        neutral.t && std::abs(*neutral.t) >= minT ? QStringLiteral(", significant")
                                                                  : QString(),
                        fixed(horizon.model.significance.rankIc.mean));
        std::vector<SectorRankIc> sectors = horizon.model.sectorRankIc;
        if (sectors.empty())
            continue;
        std::sort(sectors.begin(), sectors.end(),
            [](const SectorRankIc &a, const SectorRankIc &b) { return a.mean > b.mean; });
        QStringList labels;
        QStringList notes;
        std::vector<double> values;
        for (const SectorRankIc &sector : sectors) {
            labels << sector.sector;
            values.push_back(sector.mean);
            notes << QStringLiteral("%1 dates").arg(sector.dates);
        }
        html += svgHorizontalBars(
            QStringLiteral("Model RankIC by sector, horizon %1").arg(horizon.horizon), labels,
            values, notes);
    }
    return html;
}

QString quintileSection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h2 id=\"quintiles\">Quintile cumulative returns</h2>");
    html += QStringLiteral("<p class=\"explain\">Each score quintile held over the book's "
                           "non-overlapping periods, gross: a model that ranks well fans the "
                           "lines out in order, quintile 5 on top.</p>");
    for (const HorizonEvaluation &horizon : report.horizons) {
        const std::vector<BookPeriod> &curve = horizon.model.book.curve;
        if (curve.empty())
            continue;
        std::vector<ChartLine> lines;
        for (int q = 0; q < kQuintileCount; ++q) {
            ChartLine line { QStringLiteral("Q%1").arg(q + 1), kQuintileColors[q], {}, {} };
            line.x.push_back(julian(curve.front().date));
            line.y.push_back(0.0);
            for (const BookPeriod &period : curve) {
                line.x.push_back(julian(period.date));
                line.y.push_back(period.quintileWealth[size_t(q)] - 1.0);
            }
            lines.push_back(line);
        }
        ChartAxes axes;
        axes.xIsJulianDay = true;
        axes.yAsPercent = true;
        axes.yLabel = QStringLiteral("cumulative return");
        axes.yReference = 0.0;
        html += svgLineChart(
            QStringLiteral("Cumulative return by quintile, horizon %1").arg(horizon.horizon), lines,
            axes);
    }
    return html;
}

} // namespace

QString evaluationReportHtml(const EvaluationReport &report, const ReportSubject &subject)
{
    QString html
        = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width, "
                         "initial-scale=1\"><title>%1</title><style>%2</style></head>"
                         "<body><main>")
              .arg(esc(QStringLiteral("Evaluation: ") + subject.title), QString::fromUtf8(kStyle));
    html += header(report, subject);
    html += verdictSection(report);
    html += significanceSection(report);
    html += accuracySection(report);
    html += calibrationSection(report);
    html += bookSection(report);
    html += icDecaySection(report);
    html += monthlySection(report);
    html += sectorSection(report);
    html += quintileSection(report);
    html += QStringLiteral("<footer>Kronos Workbench evaluation report. Every definition is in the "
                           "README's Evaluation section; the same figures are written as CSV by "
                           "<code>kronos-cli evaluate --output-dir</code>.</footer>");
    return html + QStringLiteral("</main></body></html>\n");
}

void writeEvaluationReportHtml(
    const EvaluationReport &report, const ReportSubject &subject, const QString &path)
{
    saveFileAtomically(path, evaluationReportHtml(report, subject).toUtf8());
}

} // namespace Eval
