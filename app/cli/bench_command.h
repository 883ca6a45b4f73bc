#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli bench`: forecast speed of a published Kronos shape with seeded random weights on
// real daily bars, with the KV cache on and off. Prints a table; measures, never asserts.
int runBenchCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
