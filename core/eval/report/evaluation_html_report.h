#pragma once

#include "eval/evaluation.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Eval {

// What the report is about, shown under its title.
struct ReportSubject
{
    QString title; // "Run 3: Weekly S&P 500" or "Scores file scores.csv"
    QStringList details; // one line each: inputs, database, universe ...
    QDateTime generated; // when the report was made (passed in: tests fix it)
};

// The evaluation as one self-contained HTML page a person reads top to bottom: the verdict
// first (headline, one finding per horizon, the gates with their reasons, the caveats), then
// significance (Newey-West), accuracy against persistence, calibration (PIT histograms,
// coverage against the baseline and 80%), the costed long-short book (wealth curves gross and
// net), the IC decay over horizons, the monthly RankIC heatmap, RankIC by sector, and the
// quintiles' cumulative returns. Charts are inline SVG (svg_chart.h), styles inline: no script,
// no network, nothing to install; any browser opens it from a file. User data (names, sectors)
// is escaped. Pure; thread-safe.
QString evaluationReportHtml(const EvaluationReport &report, const ReportSubject &subject);

// Writes evaluationReportHtml to `path`, whole or not at all. Throws FileError naming the path.
void writeEvaluationReportHtml(
    const EvaluationReport &report, const ReportSubject &subject, const QString &path);

} // namespace Eval
