// RunPlanner: evaluation dates on the global calendar, planned vs skipped with reasons.

#include "run_error.h"
#include "run_planner.h"

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
};

QTEST_GUILESS_MAIN(TestRunPlanner)
#include "test_run_planner.moc"
