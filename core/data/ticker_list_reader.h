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
    // column (that column is read); an empty file gives an empty list. Throws FileError
    // naming the path when the file cannot be read: "cannot open /x/list.csv: No such file or
    // directory", "/x/list.csv: line 3: quoted field is not closed before the end of the file".
    static QStringList fromFile(const QString &path);
};
