#include "eval/walk_forward_folds.h"

#include <algorithm>
#include <stdexcept>

namespace Eval {

namespace {

// The calendar period a date belongs to, as its label; equal labels mean the same fold.
QString calendarPeriodLabel(const QDate &date, FoldScheme scheme)
{
    switch (scheme) {
    case FoldScheme::CalendarMonth:
        return date.toString(QStringLiteral("yyyy-MM"));
    case FoldScheme::CalendarQuarter:
        return QStringLiteral("%1-Q%2").arg(date.year()).arg((date.month() - 1) / 3 + 1);
    default:
        return QString::number(date.year());
    }
}

std::vector<Fold> calendarFolds(const std::vector<QDate> &dates, FoldScheme scheme)
{
    std::vector<Fold> folds;
    for (int k = 0; k < static_cast<int>(dates.size()); ++k) {
        const QString label = calendarPeriodLabel(dates[k], scheme);
        if (folds.empty() || folds.back().label != label)
            folds.push_back({ label, k, k });
        folds.back().end = k + 1;
    }
    return folds;
}

std::vector<Fold> countedFolds(const std::vector<QDate> &dates, int datesPerFold)
{
    if (datesPerFold < 1)
        throw std::invalid_argument("walk-forward folds: dates per fold must be at least 1");
    std::vector<Fold> folds;
    const int count = static_cast<int>(dates.size());
    for (int begin = 0; begin < count; begin += datesPerFold) {
        const int end = std::min(begin + datesPerFold, count);
        const QString label = dates[begin].toString(Qt::ISODate) + QStringLiteral("..")
            + dates[end - 1].toString(Qt::ISODate);
        folds.push_back({ label, begin, end });
    }
    return folds;
}

} // namespace

std::optional<FoldSpec> parseFoldSpec(const QString &text)
{
    if (text == QLatin1String("month"))
        return FoldSpec { FoldScheme::CalendarMonth };
    if (text == QLatin1String("quarter"))
        return FoldSpec { FoldScheme::CalendarQuarter };
    if (text == QLatin1String("year"))
        return FoldSpec { FoldScheme::CalendarYear };
    bool isNumber = false;
    const int datesPerFold = text.toInt(&isNumber);
    if (isNumber && datesPerFold >= 1)
        return FoldSpec { FoldScheme::EveryNDates, datesPerFold };
    return std::nullopt;
}

std::vector<Fold> walkForwardFolds(const std::vector<QDate> &dates, const FoldSpec &spec)
{
    if (spec.scheme == FoldScheme::EveryNDates)
        return countedFolds(dates, spec.datesPerFold);
    return calendarFolds(dates, spec.scheme);
}

} // namespace Eval
