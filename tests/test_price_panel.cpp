#include "eval/price_panel.h"
#include "eval_test_support.h"

#include <QtTest>
#include <stdexcept>

using namespace Eval;
using EvalTestSupport::kUndefined;

// The dates x tickers grid of adjusted closes, validated once on construction.
class TestPricePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void looksUpRowsColumnsAndCloses()
    {
        const PricePanel panel
            = EvalTestSupport::makePanel({ QStringLiteral("AAA"), QStringLiteral("BBB") },
                { { 1.0, 2.0 }, { 3.0, kUndefined } });
        QCOMPARE(panel.rowCount(), 2);
        QCOMPARE(panel.tickerCount(), 2);
        QCOMPARE(panel.rowOf(EvalTestSupport::firstDate().addDays(1)), std::optional<int>(1));
        QCOMPARE(panel.rowOf(EvalTestSupport::firstDate().addDays(5)), std::nullopt);
        QCOMPARE(panel.columnOf(QStringLiteral("BBB")), std::optional<int>(1));
        QCOMPARE(panel.columnOf(QStringLiteral("ZZZ")), std::nullopt);
        QCOMPARE(panel.close(1, 0), 3.0);
        QVERIFY(std::isnan(panel.close(1, 1)));
    }

    void rejectsInconsistentInput_data()
    {
        const QDate day = EvalTestSupport::firstDate();
        QTest::addColumn<QList<QDate>>("calendar");
        QTest::addColumn<QStringList>("tickers");
        QTest::addColumn<QList<double>>("closes");
        QTest::newRow("too few closes")
            << QList<QDate> { day, day.addDays(1) } << QStringList { QStringLiteral("A") }
            << QList<double> { 1.0 };
        QTest::newRow("calendar not ascending")
            << QList<QDate> { day.addDays(1), day } << QStringList { QStringLiteral("A") }
            << QList<double> { 1.0, 2.0 };
        QTest::newRow("repeated date")
            << QList<QDate> { day, day } << QStringList { QStringLiteral("A") }
            << QList<double> { 1.0, 2.0 };
        QTest::newRow("repeated ticker")
            << QList<QDate> { day } << QStringList { QStringLiteral("A"), QStringLiteral("A") }
            << QList<double> { 1.0, 2.0 };
    }

    void rejectsInconsistentInput()
    {
        QFETCH(QList<QDate>, calendar);
        QFETCH(QStringList, tickers);
        QFETCH(QList<double>, closes);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
            PricePanel({ calendar.begin(), calendar.end() }, { tickers.begin(), tickers.end() },
                { closes.begin(), closes.end() }));
    }
};

QTEST_GUILESS_MAIN(TestPricePanel)
#include "test_price_panel.moc"
