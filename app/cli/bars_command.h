#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli bars [--db PATH] TICKER [--from D] [--to D] [--adjusted]`: the stored bars as CSV
// on standard output (RFC 4180; the header is Kronos style, re-importable). Exit status 0, 1 when
// the ticker has no bars in the range, 2 for bad usage.
int runBarsCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
