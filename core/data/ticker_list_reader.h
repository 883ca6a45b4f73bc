#pragma once

#include <QString>
#include <QStringList>

// Reads the tickers a user typed or saved to define a universe. Results are trimmed,
// upper-cased, without empties or repeats, in their original order. Stateless.
class TickerListReader
{
public:
    // "AAPL, msft  GOOG;IBM" -> AAPL, MSFT, GOOG, IBM (commas, semicolons, white space).
    static QStringList fromText(const QString &text);
    // A text file as fromText(), or a CSV file whose header has a `ticker`, `symbol` or `Name`
    // column (that column is read). Returns false with `error` set when it cannot be read.
    static bool fromFile(const QString &path, QStringList &tickers, QString &error);
};
