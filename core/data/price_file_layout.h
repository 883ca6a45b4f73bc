#pragma once

#include <QString>
#include <QStringList>

// What a CSV file's header says about its columns, recognized by name (case-insensitive, any
// order, surrounding spaces ignored):
//
// - Prices: a timestamp column (`Date`, `timestamps`, `timestamp`, `datetime`), `open`, `high`,
//   `low`, `close`, and optionally `volume`, `amount`, `Adj Close` (also `adj_close`,
//   `adjusted_close`) and a ticker column (`ticker`, `symbol` or Yahoo's `Name`). Covers
//   Yahoo per-ticker files, Kronos-style files and long files holding many tickers.
// - Sectors: `ticker` (or `symbol`) and `sector`, without price columns.
//
// Columns with other names are ignored. Plain value type.
struct PriceFileLayout
{
    enum class Kind { Unrecognized, Prices, Sectors };

    // Recognizes `header`; Kind::Unrecognized with `error` naming the columns expected.
    static PriceFileLayout recognize(const QStringList &header);

    Kind kind = Kind::Unrecognized;
    QString error;
    // "Yahoo" (has Date / Adj Close) or "Kronos" for prices, "sectors" for sectors.
    QString style;
    qsizetype columnCount = 0;
    // Column indices, -1 when absent.
    int timestamp = -1;
    int open = -1;
    int high = -1;
    int low = -1;
    int close = -1;
    int volume = -1;
    int amount = -1;
    int adjustedClose = -1;
    int ticker = -1;
    int sector = -1;
};
