#pragma once

#include "inference/kronos_engine.h"

#include <QString>
#include <QVector>

// The `kronos-cli forecast` file formats.
//
// Input: a header with `timestamps`, `open`, `high`, `low`, `close` and optionally `volume`,
// `amount`, in any order and case. Trailing rows whose price cells are all empty carry the future
// timestamps to forecast; with none, the future continues the series' bar interval (weekdays
// only for daily bars).
struct ForecastInputFile
{
    kronos::SeriesInput series; // key = the file's base name
    QString timestampFormat; // how the file writes timestamps, for writing the forecast back
};

// Throws kronos::ForecastError naming the file, the line and the problem. `predLen` is checked
// against the future rows when the file has them, and sets their number when it has none.
ForecastInputFile readForecastInput(const QString &path, int predLen);

// The `count` timestamps after `history` on its trading calendar: weekdays for daily bars, the
// median interval for intraday ones.
QVector<QDateTime> continueTimestamps(const QVector<QDateTime> &history, int count);

// Writes `series,timestamps,open,high,low,close,volume,amount`, one row per forecast step, through
// the injection-safe CSV writer. Throws FileError when the file cannot be written ("Cannot
// write /x/forecast.csv: ..."); a previous file is then left as it was.
struct ForecastOutputSeries
{
    kronos::SeriesForecast forecast;
    QString timestampFormat;
};
void writeForecastOutput(const QString &path, const std::vector<ForecastOutputSeries> &series);
