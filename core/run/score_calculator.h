#pragma once

#include "inference/kronos_engine.h"
#include "run/run_records.h"

// Turns one series' forecast into its score rows, one per horizon: the predicted close at step
// h of the forecast (the mean path), the score (pred - last) / last, and with several samples
// the 10th/50th/90th percentiles (Eval::percentile) of the sampled closes at step h. One
// generation of the longest horizon serves every shorter one. Stateless.
class ScoreCalculator
{
public:
    static QList<ScoreRow> scores(const PlannedSeries &series,
        const kronos::SeriesForecast &forecast, const QList<int> &horizons);
    // The forecast's close paths over its first `steps` steps: the mean path, and every
    // sample's path when the forecast has more than one sample.
    static SeriesPaths paths(
        const PlannedSeries &series, const kronos::SeriesForecast &forecast, int steps);
};
