#include "csv_test_support.h"
#include "eval/evaluation.h"
#include "eval/period_returns.h"
#include "test_paths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <cmath>
#include <limits>
#include <map>

using namespace Eval;

namespace {

// 1e-9, relative above 1 in magnitude. adj_close.csv holds the prices rounded to 10 significant
// digits while the expected values came from the unrounded ones: per-date values differ by up to
// ~1e-9, and the t-statistic multiplies that by sqrt(count) / std (about 70), so for t (4 to 8)
// only a relative 1e-9 is within reach. A plain Python computation from the same CSV files agrees
// with ours to the last digits.
constexpr double kTolerance = 1e-9;
const QString kFixtureDir = testDataPath("eval-basic/");

// The fixture's CSV files as records after the header; an empty file list on a read error.
QList<QStringList> readCsv(const QString &name, QStringList *header = nullptr)
{
    QList<QStringList> records = CsvTest::readCsv(kFixtureDir + name);
    if (records.isEmpty())
        return {};
    if (header)
        *header = records.takeFirst();
    else
        records.removeFirst();
    return records;
}

// An empty cell is a missing value.
double numberOrNaN(const QString &cell)
{
    return cell.isEmpty() ? std::numeric_limits<double>::quiet_NaN() : cell.toDouble();
}

std::optional<double> numberOrNothing(const QString &cell)
{
    if (cell.isEmpty())
        return std::nullopt;
    return cell.toDouble();
}

// adj_close.csv: date, then one column per ticker.
PricePanel loadPanel()
{
    QStringList header;
    const QList<QStringList> records = readCsv(QStringLiteral("adj_close.csv"), &header);
    std::vector<QDate> calendar;
    std::vector<double> closes;
    for (const QStringList &fields : records) {
        calendar.push_back(QDate::fromString(fields[0], Qt::ISODate));
        for (int column = 1; column < header.size(); ++column)
            closes.push_back(numberOrNaN(fields.value(column)));
    }
    return PricePanel(std::move(calendar), { header.begin() + 1, header.end() }, std::move(closes));
}

// scores.csv: date,ticker,score (an empty score: not scored).
std::vector<ScoreRow> loadScores()
{
    std::vector<ScoreRow> rows;
    for (const QStringList &fields : readCsv(QStringLiteral("scores.csv")))
        rows.push_back({ QDate::fromString(fields[0], Qt::ISODate), fields[1],
            numberOrNaN(fields[2]), std::nullopt });
    return rows;
}

// The largest |actual - expected| seen, printed at the end like the engine's parity tests.
double g_largestDifference = 0.0;
double g_expectedAtLargestDifference = 0.0;

// Both undefined, or both defined and within kTolerance * max(1, |expected|).
bool matches(const std::optional<double> &actual, const std::optional<double> &expected)
{
    if (actual.has_value() != expected.has_value())
        return false;
    if (!actual)
        return true;
    const double difference = std::abs(*actual - *expected);
    if (difference > g_largestDifference) {
        g_largestDifference = difference;
        g_expectedAtLargestDifference = *expected;
    }
    return difference <= kTolerance * std::max(1.0, std::abs(*expected));
}

QString describe(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 17) : QStringLiteral("(none)");
}

} // namespace

// The evaluation of the eval-basic fixture (real prices with holes, scores with ties and
// unscored names) against its independently computed expected values.
class TestEvaluationFixture : public QObject
{
    Q_OBJECT

private:
    PricePanel m_panel;
    std::vector<ScoreRow> m_scores;
    EvaluationReport m_report;
    QJsonObject m_expectedSummary;

    const HorizonEvaluation *horizonEvaluation(int horizon) const
    {
        for (const HorizonEvaluation &evaluation : m_report.horizons) {
            if (evaluation.horizon == horizon)
                return &evaluation;
        }
        return nullptr;
    }

    void verifyMetricSummary(const MetricSummary &actual, const QJsonObject &expected)
    {
        QCOMPARE(actual.count, expected.value(QStringLiteral("count")).toInt());
        QVERIFY(matches(actual.mean, expected.value(QStringLiteral("mean")).toDouble()));
        QVERIFY(matches(actual.stdDev, expected.value(QStringLiteral("std")).toDouble()));
        QVERIFY(matches(actual.ir, expected.value(QStringLiteral("ir")).toDouble()));
        QVERIFY(matches(actual.t, expected.value(QStringLiteral("t")).toDouble()));
        QVERIFY(matches(actual.hitRate, expected.value(QStringLiteral("hit_rate")).toDouble()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_panel = loadPanel();
        m_scores = loadScores();
        QCOMPARE(m_panel.rowCount(), 1259);
        QCOMPARE(m_panel.tickerCount(), 100);
        QCOMPARE(m_scores.size(), size_t(4200));

        QFile summaryFile(kFixtureDir + QStringLiteral("expected_summary.json"));
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        m_expectedSummary = QJsonDocument::fromJson(summaryFile.readAll()).object();

        EvaluationOptions options;
        options.horizons = { 20, 60 };
        m_report = evaluateScores(m_panel, m_scores, options);
    }

    void forwardReturnsAndMomentumMatchTheInputs()
    {
        int checkedValues = 0;
        for (const QStringList &fields : readCsv(QStringLiteral("expected_inputs.csv"))) {
            const std::optional<int> row = m_panel.rowOf(QDate::fromString(fields[0], Qt::ISODate));
            const std::optional<int> column = m_panel.columnOf(fields[1]);
            QVERIFY(row && column);
            QVERIFY2(matches(pastReturn(m_panel, *row, *column, 60), numberOrNothing(fields[3])),
                qPrintable(fields.join(u',')));
            QVERIFY2(matches(forwardReturn(m_panel, *row, *column, 20), numberOrNothing(fields[4])),
                qPrintable(fields.join(u',')));
            QVERIFY2(matches(forwardReturn(m_panel, *row, *column, 60), numberOrNothing(fields[5])),
                qPrintable(fields.join(u',')));
            checkedValues += 3;
        }
        QCOMPARE(checkedValues, 3 * 4200);
    }

    void perDateValuesMatch()
    {
        std::map<std::pair<int, QDate>, const DateResult *> actualByKey;
        for (const HorizonEvaluation &evaluation : m_report.horizons) {
            for (const DateResult &result : evaluation.model.perDate)
                actualByKey[{ evaluation.horizon, result.date }] = &result;
        }

        const QList<QStringList> expectedRows = readCsv(QStringLiteral("expected_per_date.csv"));
        QCOMPARE(expectedRows.size(), 84);
        QCOMPARE(actualByKey.size(), size_t(84));
        for (const QStringList &fields : expectedRows) {
            const QDate date = QDate::fromString(fields[0], Qt::ISODate);
            const auto found = actualByKey.find({ fields[1].toInt(), date });
            QVERIFY2(found != actualByKey.end(), qPrintable(fields.join(u',')));
            const DateResult &actual = *found->second;
            QCOMPARE(actual.n, fields[2].toInt());

            const std::vector<std::optional<double>> actualValues {
                actual.ic,
                actual.rankIc,
                actual.quintileMeans[0],
                actual.quintileMeans[1],
                actual.quintileMeans[2],
                actual.quintileMeans[3],
                actual.quintileMeans[4],
                actual.spread,
                actual.topTurnover,
            };
            for (size_t k = 0; k < actualValues.size(); ++k) {
                const std::optional<double> expected = numberOrNothing(fields.value(3 + int(k)));
                QVERIFY2(matches(actualValues[k], expected),
                    qPrintable(QStringLiteral("%1 h=%2 column %3: got %4, expected %5")
                                   .arg(fields[0], fields[1])
                                   .arg(3 + k)
                                   .arg(describe(actualValues[k]), describe(expected))));
            }
        }
    }

    void summaryMatches_data()
    {
        QTest::addColumn<int>("horizon");
        QTest::newRow("20 days") << 20;
        QTest::newRow("60 days") << 60;
    }

    void summaryMatches()
    {
        QFETCH(int, horizon);
        const HorizonEvaluation *evaluation = horizonEvaluation(horizon);
        QVERIFY(evaluation);
        const QJsonObject expected = m_expectedSummary.value(QStringLiteral("summary"))
                                         .toObject()
                                         .value(QString::number(horizon))
                                         .toObject();
        QVERIFY(!expected.isEmpty());
        const SignalSummary &actual = evaluation->model.overall;

        verifyMetricSummary(actual.ic, expected.value(QStringLiteral("ic")).toObject());
        verifyMetricSummary(actual.rankIc, expected.value(QStringLiteral("rank_ic")).toObject());
        QVERIFY(
            matches(actual.spreadMean, expected.value(QStringLiteral("spread_mean")).toDouble()));
        const QJsonArray quintileMeans = expected.value(QStringLiteral("quintile_means")).toArray();
        QCOMPARE(quintileMeans.size(), kQuintileCount);
        for (int q = 0; q < kQuintileCount; ++q)
            QVERIFY(matches(actual.quintileMeans[q], quintileMeans[q].toDouble()));
        QVERIFY(matches(actual.topTurnoverMean,
            expected.value(QStringLiteral("top_turnover_mean")).toDouble()));
        QCOMPARE(actual.dateCount, 42);
        QCOMPARE(actual.datesWithTooFewNames, 0);
        QCOMPARE(actual.datesWithZeroVariance, 0);
    }

    // Monthly dates are 19 to 23 rows apart (2016-01-04 to 2016-02-01 is 19), so even the
    // 20-day windows of some consecutive dates share a day.
    void overlapIsFlaggedWhenAHorizonOutlastsTheSpacing()
    {
        QCOMPARE(horizonEvaluation(20)->minimumDateSpacing, std::optional<int>(19));
        QVERIFY(horizonEvaluation(20)->overlapping);
        QVERIFY(horizonEvaluation(60)->overlapping);
    }

    void cleanupTestCase()
    {
        qInfo("largest |actual - expected| over the fixture: %.3g, on an expected value of %.10g",
            g_largestDifference, g_expectedAtLargestDifference);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationFixture)
#include "test_evaluation_fixture.moc"
