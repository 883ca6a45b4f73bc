#pragma once

#include "eval/report/evaluation_html_report.h"

#include <QString>

namespace Eval {

// What a report says it is about, built the same way by `kronos-cli evaluate --report` and the
// GUI's Export report…, so both write the same page for the same input. Pure; thread-safe.

// "Scores file scores.csv", with "samples samples.csv" when `samplesPath` is not empty (file
// names only: the report may travel to another machine).
ReportSubject scoresFileSubject(const QString &scoresPath, const QString &samplesPath);

// Adds "prices from market.sqlite" (the file name of `databasePath`) to the subject's details.
void notePriceSource(ReportSubject &subject, const QString &databasePath);

// The file name a save dialog suggests: the title with the characters file systems refuse
// replaced, then " evaluation.html" ("Run 3- Weekly evaluation.html"); "evaluation.html"
// without a title.
QString suggestedReportFileName(const ReportSubject &subject);

} // namespace Eval
