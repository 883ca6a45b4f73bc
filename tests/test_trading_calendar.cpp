#include "data/trading_calendar.h"

#include <QtTest>

using Times = QList<QDateTime>;

// next / previous on the data, and the extrapolated future: weekdays for daily calendars, the
// median interval for intraday ones.
class TestTradingCalendar : public QObject
{
    Q_OBJECT

private:
    static QDateTime utc(const char *text)
    {
        QDateTime time = QDateTime::fromString(QLatin1String(text), Qt::ISODate);
        time.setTimeSpec(Qt::UTC);
        return time;
    }

    // Thu 2020-01-02, Fri 01-03, Mon 01-06, Wed 01-08 (a gap on Tuesday), Fri 01-10.
    static TradingCalendar daily()
    {
        return TradingCalendar({ utc("2020-01-08T00:00:00"), utc("2020-01-02T00:00:00"),
            utc("2020-01-03T00:00:00"), utc("2020-01-06T00:00:00"), utc("2020-01-10T00:00:00"),
            utc("2020-01-03T00:00:00") });
    }

    // Five-minute bars with one 30-minute gap: the median interval is 5 minutes.
    static TradingCalendar intraday()
    {
        return TradingCalendar({ utc("2024-06-18T11:00:00"), utc("2024-06-18T11:05:00"),
            utc("2024-06-18T11:10:00"), utc("2024-06-18T11:40:00"), utc("2024-06-18T11:45:00") });
    }

private Q_SLOTS:
    void sortsAndMergesTimestamps()
    {
        const TradingCalendar calendar = daily();
        QCOMPARE(calendar.size(), 5);
        QCOMPARE(calendar.first(), utc("2020-01-02T00:00:00"));
        QCOMPARE(calendar.last(), utc("2020-01-10T00:00:00"));
        QVERIFY(!calendar.isIntraday());
        QVERIFY(intraday().isIntraday());
        QCOMPARE(intraday().medianIntervalSeconds(), 300);
    }

    void next_data()
    {
        QTest::addColumn<bool>("isIntraday");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QDateTime>("expected");

        QTest::newRow("next day on the calendar")
            << false << utc("2020-01-02T00:00:00") << 1 << utc("2020-01-03T00:00:00");
        QTest::newRow("over a weekend")
            << false << utc("2020-01-03T00:00:00") << 1 << utc("2020-01-06T00:00:00");
        QTest::newRow("over a gap in the data")
            << false << utc("2020-01-06T00:00:00") << 1 << utc("2020-01-08T00:00:00");
        QTest::newRow("from a day not on the calendar")
            << false << utc("2020-01-07T00:00:00") << 1 << utc("2020-01-08T00:00:00");
        QTest::newRow("from before the first bar")
            << false << utc("2019-12-01T00:00:00") << 2 << utc("2020-01-03T00:00:00");
        QTest::newRow("last bar, weekend skipped")
            << false << utc("2020-01-10T00:00:00") << 1 << utc("2020-01-13T00:00:00");
        QTest::newRow("across the end")
            << false << utc("2020-01-08T00:00:00") << 3 << utc("2020-01-14T00:00:00");
        QTest::newRow("two weeks ahead")
            << false << utc("2020-01-10T00:00:00") << 10 << utc("2020-01-24T00:00:00");
        QTest::newRow("from a Saturday after the data")
            << false << utc("2020-01-18T00:00:00") << 1 << utc("2020-01-20T00:00:00");
        QTest::newRow("intraday on the data")
            << true << utc("2024-06-18T11:10:00") << 1 << utc("2024-06-18T11:40:00");
        QTest::newRow("intraday at the median interval")
            << true << utc("2024-06-18T11:45:00") << 3 << utc("2024-06-18T12:00:00");
        QTest::newRow("intraday across the end")
            << true << utc("2024-06-18T11:40:00") << 2 << utc("2024-06-18T11:50:00");
        QTest::newRow("intraday off the grid after the data")
            << true << utc("2024-06-18T11:52:00") << 1 << utc("2024-06-18T11:55:00");
    }

    void next()
    {
        QFETCH(bool, isIntraday);
        QFETCH(QDateTime, from);
        QFETCH(int, steps);
        QFETCH(QDateTime, expected);
        const TradingCalendar calendar = isIntraday ? intraday() : daily();
        QCOMPARE(calendar.next(from, steps), expected);
    }

    void previous_data()
    {
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QDateTime>("expected");

        QTest::newRow("previous bar")
            << utc("2020-01-06T00:00:00") << 1 << utc("2020-01-03T00:00:00");
        QTest::newRow("over a gap")
            << utc("2020-01-08T00:00:00") << 1 << utc("2020-01-06T00:00:00");
        QTest::newRow("from after the data")
            << utc("2020-02-01T00:00:00") << 2 << utc("2020-01-08T00:00:00");
        QTest::newRow("first bar has none before")
            << utc("2020-01-02T00:00:00") << 1 << QDateTime();
        QTest::newRow("too many steps back") << utc("2020-01-10T00:00:00") << 5 << QDateTime();
    }

    void previous()
    {
        QFETCH(QDateTime, from);
        QFETCH(int, steps);
        QFETCH(QDateTime, expected);
        QCOMPARE(daily().previous(from, steps), expected);
    }

    void emptyCalendarHasNoDates()
    {
        const TradingCalendar empty;
        QVERIFY(!empty.next(utc("2020-01-02T00:00:00")).isValid());
        QVERIFY(!empty.previous(utc("2020-01-02T00:00:00")).isValid());
    }

    void singleIntradayBarCannotExtrapolate()
    {
        const TradingCalendar single({ utc("2024-06-18T11:00:00") });
        QVERIFY(!single.next(utc("2024-06-18T11:00:00")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestTradingCalendar)
#include "test_trading_calendar.moc"
