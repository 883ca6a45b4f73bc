// RunPlanner: evaluation dates on the global calendar, planned vs skipped with reasons.

#include "data/bundled_sample.h"
#include "market_test_database.h"
#include "run/run_error.h"
#include "run/run_planner.h"

#include <QtTest>

namespace {

QDateTime day(int year, int month, int dayOfMonth)
{
    return QDateTime(QDate(year, month, dayOfMonth), QTime(0, 0), Qt::UTC);
}

// Weekdays from 2019-01-01 (a Tuesday) to 2019-03-29.
TradingCalendar weekdays()
{
    QList<QDateTime> timestamps;
    for (QDate d(2019, 1, 1); d <= QDate(2019, 3, 29); d = d.addDays(1))
        if (d.dayOfWeek() <= 5)
            timestamps.append(QDateTime(d, QTime(0, 0), Qt::UTC));
    return TradingCalendar(timestamps);
}

} // namespace

class TestRunPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluationDates_data()
    {
        QTest::addColumn<DateSelection>("selection");
        QTest::addColumn<QList<QDateTime>>("expected");
        QTest::newRow("one date") << DateSelection::single(QDate(2019, 2, 14))
                                  << QList<QDateTime> { day(2019, 2, 14) };
        QTest::newRow("every 5 trading days")
            << DateSelection { QDate(2019, 1, 5), QDate(2019, 1, 31), DateStep::EveryNTradingDays,
                   5 }
            << QList<QDateTime> { day(2019, 1, 7), day(2019, 1, 14), day(2019, 1, 21),
                   day(2019, 1, 28) };
        QTest::newRow("monthly") << DateSelection {
            QDate(2019, 1, 1), QDate(2019, 3, 31), DateStep::Monthly, 1
        } << QList<QDateTime> { day(2019, 1, 1), day(2019, 2, 1), day(2019, 3, 1) };
        QTest::newRow("monthly, starting mid-month")
            << DateSelection { QDate(2019, 1, 15), QDate(2019, 2, 28), DateStep::Monthly, 1 }
            << QList<QDateTime> { day(2019, 1, 15), day(2019, 2, 1) };
        QTest::newRow("weekly") << DateSelection {
            QDate(2019, 1, 1), QDate(2019, 1, 20), DateStep::Weekly, 1
        } << QList<QDateTime> { day(2019, 1, 1), day(2019, 1, 7), day(2019, 1, 14) };
    }
    void evaluationDates()
    {
        QFETCH(DateSelection, selection);
        QFETCH(QList<QDateTime>, expected);
        QCOMPARE(RunPlanner::evaluationDates(selection, weekdays()), expected);
    }

    void dateOffTheCalendarIsAnError_data()
    {
        QTest::addColumn<DateSelection>("selection");
        QTest::addColumn<QString>("error");
        QTest::newRow("a Saturday") << DateSelection::single(QDate(2019, 1, 5))
                                    << "2019-01-05 is not a trading day of the universe (no ticker "
                                       "has a bar on it)";
        QTest::newRow("a range beyond the data")
            << DateSelection { QDate(2020, 1, 1), QDate(2020, 2, 1), DateStep::Monthly, 1 }
            << "no trading day of the universe between 2020-01-01 and 2020-02-01";
    }
    void dateOffTheCalendarIsAnError()
    {
        QFETCH(DateSelection, selection);
        QFETCH(QString, error);
        try {
            RunPlanner::evaluationDates(selection, weekdays());
            QFAIL("no error");
        } catch (const RunError &actual) {
            QCOMPARE(QString::fromStdString(actual.what()), error);
        }
    }

    void shardDatesArePositionsModuloTheShardCount()
    {
        const QList<QDateTime> dates { day(2019, 1, 2), day(2019, 1, 3), day(2019, 1, 4),
            day(2019, 1, 7), day(2019, 1, 8), day(2019, 1, 9), day(2019, 1, 10) };
        QCOMPARE(RunPlanner::shardDates(dates, { 0, 3 }),
            (QList<QDateTime> { day(2019, 1, 2), day(2019, 1, 7), day(2019, 1, 10) }));
        QCOMPARE(RunPlanner::shardDates(dates, { 1, 3 }),
            (QList<QDateTime> { day(2019, 1, 3), day(2019, 1, 8) }));
        QCOMPARE(RunPlanner::shardDates(dates, { 2, 3 }),
            (QList<QDateTime> { day(2019, 1, 4), day(2019, 1, 9) }));
        QCOMPARE(RunPlanner::shardDates(dates, { 0, 1 }), dates);
        QVERIFY(RunPlanner::shardDates(dates, { 7, 8 }).isEmpty()); // more shards than dates
    }

    void shardsAreBalancedAndTogetherTheWholePlan_data()
    {
        QTest::addColumn<int>("dates");
        QTest::addColumn<int>("shards");
        for (int dates : { 1, 7, 60, 61, 62, 2520 })
            for (int shards : { 1, 2, 3, 8, 64 })
                QTest::addRow("%d dates, %d shards", dates, shards) << dates << shards;
    }
    void shardsAreBalancedAndTogetherTheWholePlan()
    {
        QFETCH(int, dates);
        QFETCH(int, shards);
        QList<QDateTime> all;
        for (int i = 0; i < dates; ++i)
            all << day(2010, 1, 1).addDays(i);
        QList<QDateTime> union_;
        qsizetype smallest = dates;
        qsizetype largest = 0;
        for (int index = 0; index < shards; ++index) {
            const QList<QDateTime> picked = RunPlanner::shardDates(all, { index, shards });
            // Deterministic: the same shard, the same dates.
            QCOMPARE(RunPlanner::shardDates(all, { index, shards }), picked);
            smallest = std::min(smallest, picked.size());
            largest = std::max(largest, picked.size());
            union_ += picked;
        }
        QVERIFY2(largest - smallest <= 1,
            qPrintable(QStringLiteral("%1 to %2 dates a shard").arg(smallest).arg(largest)));
        std::sort(union_.begin(), union_.end());
        QCOMPARE(union_, all); // each date once
    }

    // A shard's plan is the whole plan restricted to its dates: the same series, the same
    // skipped ones with the same reasons.
    void shardPlansPartitionTheWholePlan()
    {
        MarketTestDatabase market;
        BundledSample::install(market.database());
        const UniverseHistory history
            = UniverseHistory::load(market.database(), BundledSample::universeName());
        // Weekly over the sample's first year with a lookback most tickers reach only later.
        RunSpec spec;
        spec.universe = BundledSample::universeName();
        spec.dates = { QDate(2015, 6, 1), QDate(2015, 12, 31), DateStep::Weekly, 1 };
        spec.lookback = 150;
        spec.horizons = { 5 };
        spec.model.randomShape = QStringLiteral("mini");
        const RunPlan whole = RunPlanner::plan(spec, history);
        QVERIFY(!whole.series.isEmpty() && !whole.skipped.isEmpty());
        QList<PlannedSeries> series;
        QList<SkippedSeries> skipped;
        int planned = 0;
        for (int index = 0; index < 3; ++index) {
            spec.shard = RunShard { index, 3 };
            const RunPlan shard = RunPlanner::plan(spec, history);
            QCOMPARE(shard.dates, RunPlanner::shardDates(whole.dates, { index, 3 }));
            series += shard.series;
            skipped += shard.skipped;
            planned += shard.planned();
        }
        QCOMPARE(planned, whole.planned());
        const auto seriesKey = [](const PlannedSeries &s) {
            return QStringLiteral("%1 %2 %3").arg(barTimeText(s.date), s.ticker).arg(s.lastClose);
        };
        const auto skippedKey = [](const SkippedSeries &s) {
            return QStringLiteral("%1 %2 %3").arg(barTimeText(s.date), s.ticker, s.reason);
        };
        QStringList shardSeries, wholeSeries, shardSkipped, wholeSkipped;
        for (const PlannedSeries &s : series)
            shardSeries << seriesKey(s);
        for (const PlannedSeries &s : whole.series)
            wholeSeries << seriesKey(s);
        for (const SkippedSeries &s : skipped)
            shardSkipped << skippedKey(s);
        for (const SkippedSeries &s : whole.skipped)
            wholeSkipped << skippedKey(s);
        shardSeries.sort();
        wholeSeries.sort();
        shardSkipped.sort();
        wholeSkipped.sort();
        QCOMPARE(shardSeries, wholeSeries);
        QCOMPARE(shardSkipped, wholeSkipped);
    }
};

QTEST_GUILESS_MAIN(TestRunPlanner)
#include "test_run_planner.moc"
