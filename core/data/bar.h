#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <optional>

// One price bar. `timestamp` is the exchange's local time carried in a UTC QDateTime (never
// converted between zones); daily bars sit at 00:00. Prices are in the instrument's currency,
// volume in shares, amount (traded value) in currency. Optional fields are absent when the
// source file had no such column or an empty cell.
struct Bar
{
    QDateTime timestamp;
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    std::optional<double> volume;
    std::optional<double> amount;
    std::optional<double> adjustedClose;
};

// Whether prices come as traded or scaled for dividends and splits.
enum class PriceAdjustment {
    Raw,
    // open, high, low and close multiplied by adjustedClose / close (bars without an adjusted
    // close are returned raw); volume and amount unchanged.
    Adjusted,
};

struct Instrument
{
    QString ticker;
    QString name;
    // GICS sector, empty when unknown.
    QString sector;
};
