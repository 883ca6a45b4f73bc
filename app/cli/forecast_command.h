#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli forecast --model DIR --tokenizer DIR --pred-len N ... --output OUT.csv INPUT.csv...`
// Inputs are grouped by context length into micro-batches of at most --batch-size series.
// Returns the exit status: 0 on success, 1 when the forecast failed, 2 for bad usage.
int runForecastCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
