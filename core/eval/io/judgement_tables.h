#pragma once

#include "eval/evaluation.h"

#include <QString>
#include <QStringList>

namespace Eval {

// The tables that judge the forecasts, as CSV files in `directory` (which must exist). One row
// per signal (model, momentum, reversal) and horizon unless said otherwise; numbers in the
// shortest form that reads back to the same double; an empty cell where a value is undefined.
//
// - significance.csv: signal,horizon,metric,mean,nw_lag,nw_t,nw_p,dates — metric ic, rank_ic,
//   spread, sector_neutral_rank_ic (Newey-West, see newey_west.h).
// - accuracy.csv (model): horizon,n,mae,rmse,mae_persistence,rmse_persistence,skill_mae,
//   hit_rate,dm_stat,dm_p.
// - calibration.csv (model): horizon,n,coverage_q10_q90,crps,coverage_baseline,crps_baseline —
//   n = 0 and empty figures without samples.
// - pit.csv (model): horizon,bin,share — bins 0..9 of the PIT histogram.
// - portfolio.csv: signal,horizon,cost_bps,periods,mean_gross,mean_net,cum_net,ann_return,
//   sharpe,max_drawdown (the long-short book, see long_short_book.h).
// - portfolio_curve.csv: signal,horizon,date,gross,traded,net,wealth_gross,wealth_net — one row
//   per holding period of the book.
// - monthly_rank_ic.csv: signal,horizon,year,month,rank_ic_mean,dates.
// - sector_rank_ic.csv: signal,horizon,sector,rank_ic_mean,dates — sectors with a RankIC on at
//   least one date.
// - rank_autocorrelation.csv: signal,horizon,rank_autocorr_mean,dates.
// - ic_decay.csv: signal,horizon,ic_mean,rank_ic_mean,nw_t — every horizon of the IC decay (nw_t
//   of the RankIC).
//
// Throws FileError for a file that cannot be written; the files written before it stay.
// Thread-safe as long as no two calls write the same directory.
void writeJudgementTables(const EvaluationReport &report, const QString &directory);

// The file names writeJudgementTables() writes, in the order above.
QStringList judgementTableNames();

} // namespace Eval
