#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace Eval {

// What every evaluation CSV file shares: how numbers and dates are written, and how a file is
// written. Pure formatting functions are thread-safe.

// Shortest form that reads back to the same double (the fixture tests compare to 1e-9).
QString csvNumber(double value);
// csvNumber, or an empty cell when undefined.
QString csvNumber(const std::optional<double> &value);
// YYYY-MM-DD.
QString csvDate(const QDate &date);

// Receives one row of cells.
using CsvRowSink = std::function<void(const QStringList &)>;

// Writes `header` and the rows `emitRows` passes to its sink to directory/name through
// CsvWriter (RFC 4180, formula injection neutralized, the file replaced atomically). Throws
// FileError when the file cannot be written ("Cannot write /x/per_date.csv: ...").
void writeCsvFile(const QString &directory, const QString &name, const QStringList &header,
    const std::function<void(const CsvRowSink &)> &emitRows);

} // namespace Eval
