#include "eval/long_short_book.h"

#include "eval/metric_summary.h"
#include "eval/top_quintile_turnover.h"

#include <algorithm>
#include <cmath>

namespace Eval {

namespace {

// Dates at least `horizon` rows after the previously chosen one, from the first.
std::vector<const QuintileBookDate *> rebalancingDates(
    const std::vector<QuintileBookDate> &dates, int horizon)
{
    std::vector<const QuintileBookDate *> chosen;
    for (const QuintileBookDate &date : dates) {
        if (chosen.empty() || date.row - chosen.back()->row >= horizon)
            chosen.push_back(&date);
    }
    return chosen;
}

} // namespace

LongShortBook longShortBook(const std::vector<QuintileBookDate> &dates, int horizon, double costBps)
{
    LongShortBook book;
    book.costBps = costBps;
    const std::vector<const QuintileBookDate *> chosen = rebalancingDates(dates, horizon);
    book.periods = static_cast<int>(chosen.size());
    if (chosen.empty())
        return book;

    std::vector<std::optional<double>> gross;
    std::vector<std::optional<double>> net;
    double wealthGross = 1.0;
    double wealthNet = 1.0;
    double peak = 1.0;
    double maxDrawdown = 0.0;
    std::array<double, kQuintileCount> quintileWealth;
    quintileWealth.fill(1.0);
    for (size_t k = 0; k < chosen.size(); ++k) {
        const QuintileBookDate &date = *chosen[k];
        double traded = 2.0;
        if (k > 0) {
            // Both sides have members on a date with a spread, so the shares are defined.
            traded = 2.0
                * (topQuintileTurnover(chosen[k - 1]->top, date.top).value_or(1.0)
                    + topQuintileTurnover(chosen[k - 1]->bottom, date.bottom).value_or(1.0));
        }
        BookPeriod period;
        period.date = date.date;
        period.gross = date.spread;
        period.traded = traded;
        period.net = date.spread - costBps / 1e4 * traded;
        wealthGross *= 1.0 + period.gross;
        wealthNet *= 1.0 + period.net;
        period.wealthGross = wealthGross;
        period.wealthNet = wealthNet;
        for (int q = 0; q < kQuintileCount; ++q)
            quintileWealth[q] *= 1.0 + date.quintileMeans[q].value_or(0.0);
        period.quintileWealth = quintileWealth;
        peak = std::max(peak, wealthNet);
        maxDrawdown = std::max(maxDrawdown, 1.0 - wealthNet / peak);
        gross.push_back(period.gross);
        net.push_back(period.net);
        book.curve.push_back(period);
    }
    book.meanGross = summarizeMetric(gross).mean;
    const MetricSummary netSummary = summarizeMetric(net);
    book.meanNet = netSummary.mean;
    book.cumNet = wealthNet - 1.0;
    book.maxDrawdown = maxDrawdown;
    const double periodsPerYear = kTradingDaysPerYear / horizon;
    if (wealthNet > 0.0)
        book.annReturn = std::pow(wealthNet, periodsPerYear / book.periods) - 1.0;
    // The information ratio of the net returns (mean / std, ddof 1), annualized.
    if (netSummary.ir)
        book.sharpe = *netSummary.ir * std::sqrt(periodsPerYear);
    return book;
}

} // namespace Eval
