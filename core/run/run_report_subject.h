#pragma once

#include "eval/report/report_subject.h"
#include "run/run_repository.h"

// What an evaluation report of a stored run says it is about: "Run 3: Weekly S&P 500", then
// its universe, its weights (a checkpoint folder's name, or random weights) and how many series
// it scored with its status. The one way `kronos-cli evaluate RUN_ID --report` and the GUI's
// Export report… name a run. Pure; thread-safe.
Eval::ReportSubject runReportSubject(const RunRecord &run);
