#include "eval/walk_forward_folds.h"

#include <QtTest>
#include <stdexcept>

using namespace Eval;

Q_DECLARE_METATYPE(Eval::FoldScheme)

namespace {

// Seven evaluation dates over two years: Jan, Feb, Apr, Jul 2016, then Jan, Dec 2017, Jan 2018.
std::vector<QDate> evaluationDates()
{
    return { QDate(2016, 1, 4), QDate(2016, 2, 1), QDate(2016, 4, 1), QDate(2016, 7, 1),
        QDate(2017, 1, 3), QDate(2017, 12, 1), QDate(2018, 1, 2) };
}

} // namespace

// Grouping the evaluation dates into walk-forward folds.
class TestWalkForwardFolds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folds_data()
    {
        QTest::addColumn<FoldScheme>("scheme");
        QTest::addColumn<int>("datesPerFold");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<QList<int>>("ends"); // each fold's end index; begins follow
        QTest::newRow("month") << FoldScheme::CalendarMonth << 0
                               << QStringList { "2016-01", "2016-02", "2016-04", "2016-07",
                                      "2017-01", "2017-12", "2018-01" }
                               << QList<int> { 1, 2, 3, 4, 5, 6, 7 };
        QTest::newRow("quarter") << FoldScheme::CalendarQuarter << 0
                                 << QStringList { "2016-Q1", "2016-Q2", "2016-Q3", "2017-Q1",
                                        "2017-Q4", "2018-Q1" }
                                 << QList<int> { 2, 3, 4, 5, 6, 7 };
        QTest::newRow("year") << FoldScheme::CalendarYear << 0
                              << QStringList { "2016", "2017", "2018" } << QList<int> { 4, 6, 7 };
        QTest::newRow("every 3 dates, shorter last fold")
            << FoldScheme::EveryNDates << 3
            << QStringList { "2016-01-04..2016-04-01", "2016-07-01..2017-12-01",
                   "2018-01-02..2018-01-02" }
            << QList<int> { 3, 6, 7 };
    }

    void folds()
    {
        QFETCH(FoldScheme, scheme);
        QFETCH(int, datesPerFold);
        QFETCH(QStringList, labels);
        QFETCH(QList<int>, ends);
        const std::vector<Fold> folds
            = walkForwardFolds(evaluationDates(), { scheme, datesPerFold });
        QCOMPARE(int(folds.size()), labels.size());
        int begin = 0;
        for (int k = 0; k < labels.size(); ++k) {
            QCOMPARE(folds[k].label, labels[k]);
            QCOMPARE(folds[k].begin, begin);
            QCOMPARE(folds[k].end, ends[k]);
            begin = ends[k];
        }
    }

    void noDatesNoFolds()
    {
        QVERIFY(walkForwardFolds({}, { FoldScheme::CalendarMonth }).empty());
        QVERIFY(walkForwardFolds({}, { FoldScheme::EveryNDates, 4 }).empty());
    }

    void zeroDatesPerFoldIsRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
            walkForwardFolds(evaluationDates(), { FoldScheme::EveryNDates, 0 }));
    }

    void parseFoldSpec_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<FoldScheme>("scheme");
        QTest::addColumn<int>("datesPerFold");
        QTest::newRow("month") << "month" << true << FoldScheme::CalendarMonth << 12;
        QTest::newRow("quarter") << "quarter" << true << FoldScheme::CalendarQuarter << 12;
        QTest::newRow("year") << "year" << true << FoldScheme::CalendarYear << 12;
        QTest::newRow("N") << "6" << true << FoldScheme::EveryNDates << 6;
        QTest::newRow("zero") << "0" << false << FoldScheme::EveryNDates << 0;
        QTest::newRow("negative") << "-3" << false << FoldScheme::EveryNDates << 0;
        QTest::newRow("unknown word") << "week" << false << FoldScheme::EveryNDates << 0;
        QTest::newRow("capitalised") << "Month" << false << FoldScheme::EveryNDates << 0;
    }

    void parseFoldSpec()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(FoldScheme, scheme);
        QFETCH(int, datesPerFold);
        const std::optional<FoldSpec> spec = Eval::parseFoldSpec(text);
        QCOMPARE(spec.has_value(), valid);
        if (spec) {
            QCOMPARE(spec->scheme, scheme);
            QCOMPARE(spec->datesPerFold, datesPerFold);
        }
    }
};

QTEST_GUILESS_MAIN(TestWalkForwardFolds)
#include "test_walk_forward_folds.moc"
