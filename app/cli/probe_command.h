#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli probe`: the memory-tuning probe of the GUI, headless — short trial batches of
// growing size on one date of a run's plan, each with its peak memory and estimated speed, and
// the fastest size within 90% of the budget. Stores nothing. Exit status 0 done (also when a
// trial ran out of memory: that is a finding), 1 failed, 2 usage error, 130 interrupted.
int runProbeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
