#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli evaluate (RUN_ID | --scores FILE.csv [--samples FILE.csv]) [--horizons 20,60,90]
// [--db PATH] [--folds SPEC] [--cost-bps 10] [--output-dir DIR] [--report FILE.html]
// [gate thresholds]`: evaluates a
// scoring run's stored scores (finished or not), or any signal's scores file, against the
// adjusted closes in the market database (IC, RankIC, quintiles, turnover, momentum and
// reversal baselines, walk-forward folds, Newey-West significance, accuracy, calibration, the
// costed long-short book, RankIC by month and sector, IC decay, gates), prints the summary per
// horizon on standard output and writes per_date.csv, per_fold.csv, summary.csv and the
// judgement tables (judgement_tables.h) to DIR when given, and the HTML report
// (evaluation_html_report.h) to FILE.html. A run's summary is stored with the run
// (RunEvaluationStore), replacing the previous one. Tickers of the scores without prices are
// named on standard error. Exit status 0, 1 when the scores, the run or the database cannot be
// read or the report not written or stored, 2 for bad usage.
int runEvaluateCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
