#include "run/run_planner.h"

#include "run/run_error.h"

namespace {

// Groups the calendar's days by month or week: the first trading day of each group is picked.
qint64 periodOf(const QDate &day, DateStep step)
{
    if (step == DateStep::Monthly)
        return qint64(day.year()) * 12 + day.month();
    return day.addDays(1 - day.dayOfWeek()).toJulianDay(); // the week's Monday
}

} // namespace

QList<QDateTime> RunPlanner::evaluationDates(
    const DateSelection &selection, const TradingCalendar &calendar)
{
    QList<QDateTime> inRange;
    for (const QDateTime &timestamp : calendar.timestamps()) {
        const QDate day = timestamp.date();
        if (day >= selection.from && day <= selection.to)
            inRange.append(timestamp);
    }
    QList<QDateTime> picked;
    for (qsizetype i = 0; i < inRange.size(); ++i) {
        const QDateTime &timestamp = inRange.at(i);
        if (selection.step == DateStep::EveryNTradingDays) {
            if (i % selection.every == 0)
                picked.append(timestamp);
        } else if (i == 0
            || periodOf(inRange.at(i - 1).date(), selection.step)
                != periodOf(timestamp.date(), selection.step)) {
            picked.append(timestamp);
        }
    }
    if (picked.isEmpty())
        throw RunError(selection.isSingleDate()
                ? QStringLiteral(
                    "%1 is not a trading day of the universe (no ticker has a bar on it)")
                      .arg(selection.from.toString(Qt::ISODate))
                : QStringLiteral("no trading day of the universe between %1 and %2")
                      .arg(selection.from.toString(Qt::ISODate),
                          selection.to.toString(Qt::ISODate)));
    return picked;
}

QList<QDateTime> RunPlanner::shardDates(const QList<QDateTime> &dates, const RunShard &shard)
{
    QList<QDateTime> picked;
    for (qsizetype i = shard.index; i < dates.size(); i += shard.count)
        picked.append(dates.at(i));
    return picked;
}

RunPlan RunPlanner::plan(const RunSpec &spec, const UniverseHistory &history)
{
    if (const QString invalid = spec.validate(); !invalid.isEmpty())
        throw RunError(invalid);
    RunPlan plan;
    plan.dates = evaluationDates(spec.dates, history.calendar());
    if (spec.shard)
        plan.dates = shardDates(plan.dates, *spec.shard);
    plan.tickers = history.tickers();
    for (const QDateTime &date : std::as_const(plan.dates)) {
        for (const QString &ticker : std::as_const(plan.tickers)) {
            const qsizetype index = history.barIndex(ticker, date);
            const auto skip = [&](const QString &reason) {
                plan.skipped.append({ date, ticker, reason });
            };
            if (index < 0) {
                skip(QStringLiteral("no bar on %1").arg(barTimeText(date)));
            } else if (index + 1 < spec.lookback) {
                skip(QStringLiteral("only %1 bars up to %2; the lookback needs %3")
                         .arg(index + 1)
                         .arg(barTimeText(date))
                         .arg(spec.lookback));
            } else {
                const double lastClose = history.bars(ticker).at(index).close;
                // A score divides by the last close.
                if (!(lastClose > 0))
                    skip(QStringLiteral("the close on %1 is %2; a score needs a positive close")
                             .arg(barTimeText(date))
                             .arg(lastClose));
                else
                    plan.series.append({ date, ticker, lastClose });
            }
        }
    }
    return plan;
}
