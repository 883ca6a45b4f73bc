#pragma once

#include <QDate>
#include <QString>
#include <optional>
#include <vector>

namespace Eval {

// How evaluation dates are grouped into walk-forward folds.
enum class FoldScheme {
    CalendarMonth,
    CalendarQuarter,
    CalendarYear,
    EveryNDates,
};

struct FoldSpec
{
    FoldScheme scheme = FoldScheme::CalendarYear;
    int datesPerFold = 12; // used by EveryNDates only; >= 1
};

// Reads the CLI/GUI spelling: "month", "quarter", "year" or a positive integer N.
// Nothing for anything else.
std::optional<FoldSpec> parseFoldSpec(const QString &text);

// A fold: the evaluation dates with index in [begin, end), consecutive and in date order.
struct Fold
{
    QString label; // "2016-03", "2016-Q1", "2016", or "2016-01-04..2016-12-01" for every N dates
    int begin = 0;
    int end = 0;
};

// Groups ascending evaluation dates into folds: consecutive dates sharing a calendar month,
// quarter or year, or runs of datesPerFold dates (the last run may be shorter). Throws
// std::invalid_argument when datesPerFold < 1 with EveryNDates. Pure; thread-safe.
std::vector<Fold> walkForwardFolds(const std::vector<QDate> &dates, const FoldSpec &spec);

} // namespace Eval
