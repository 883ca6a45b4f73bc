#pragma once

#include "eval/evaluation.h"

#include <QString>

namespace Eval {

// Writes an EvaluationReport as CSV files in `directory` (created when missing), through
// CsvWriter (RFC 4180, formula injection neutralized, each file replaced atomically): the three
// below, then the judgement tables of writeJudgementTables() (significance.csv, accuracy.csv,
// ...; see judgement_tables.h).
//
// - per_date.csv: signal,horizon,date,n,ic,rank_ic,q1_mean,...,q5_mean,spread,top_turnover —
//   one row per signal (model, momentum, reversal), horizon and evaluation date.
// - per_fold.csv: signal,horizon,fold,first_date,last_date, then the summary columns below —
//   one row per signal, horizon and walk-forward fold.
// - summary.csv: signal,horizon, then the summary columns, then min_date_spacing, overlapping
//   (yes/no) and factor_gate, ml_gate, practical_gate (pass/fail/n/a) — one row per signal and
//   horizon; the model-only columns are empty for the baselines.
//
// Summary columns: dates, dates_too_few_names, dates_zero_variance, ic_count, ic_mean, ic_std,
// ic_ir, ic_t, ic_hit_rate, the same five for rank_ic, q1_mean...q5_mean, spread_mean,
// top_turnover_mean, momentum_corr_mean (model only). Numbers are written in the shortest form
// that reads back to the same double; a cell is empty where its value is undefined.
//
// Throws FileError for a file that cannot be written ("Cannot write /x/per_date.csv: ...")
// or the directory that cannot be created ("Cannot create the folder /x"); the files written
// before it stay. Thread-safe as long as no two calls write the same directory.
void writeEvaluationReport(const EvaluationReport &report, const QString &directory);

} // namespace Eval
