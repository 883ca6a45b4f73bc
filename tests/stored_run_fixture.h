#pragma once

// A market of 12 made-up tickers over 100 days (two sectors) and hand-made stored runs on it:
// scored at horizon 5 on four dates, with 8-step predicted paths and, when sampled, 4 sample
// paths. For the tests that judge a stored run (RunEvaluator, the GUI's Evaluation tab).

#include "data/price_store.h"
#include "market_test_database.h"
#include "run/run_repository.h"

#include <QtTest>
#include <cmath>

namespace StoredRunFixture {

constexpr int kTickers = 12;
constexpr int kRows = 100;
constexpr int kSteps = 8;
const int kScoredRows[] = { 65, 70, 75, 80 };

inline QDateTime dayAt(int row)
{
    return QDateTime(QDate(2020, 1, 1).addDays(row), QTime(0, 0), Qt::UTC);
}

inline QString tickerAt(int column)
{
    return QStringLiteral("T%1").arg(column, 2, 10, QLatin1Char('0'));
}

inline double closeAt(int row, int column)
{
    double logPrice = std::log(50.0 + column);
    for (int k = 1; k <= row; ++k)
        logPrice += 0.02 * std::sin(1.7 * k + 2.3 * column * column + column);
    return std::exp(logPrice);
}

// The prices and sectors of the made-up market. Throws DatabaseError when not written.
inline void writeMarket(const MarketTestDatabase &market)
{
    PriceStore store(market.database());
    QList<TickerBar> bars;
    for (int column = 0; column < kTickers; ++column) {
        store.setSector(tickerAt(column), column < 6 ? "Energy" : "Utilities");
        for (int row = 0; row < kRows; ++row) {
            Bar bar;
            bar.timestamp = dayAt(row);
            bar.open = bar.high = bar.low = bar.close = closeAt(row, column);
            bars.append({ tickerAt(column), bar });
        }
    }
    store.writeBars(bars);
}

// A finished run scored at horizon 5 on kScoredRows, with 8-step paths (`withPaths`) and 4
// samples (`sampled`); its id. Throws DatabaseError when it cannot be stored.
inline qint64 storeRun(
    const MarketTestDatabase &market, bool withPaths, bool sampled, const QString &randomShape = {})
{
    RunRepository runs(market.database());
    RunSpec spec;
    spec.name = QStringLiteral("Made-up market");
    spec.universe = QStringLiteral("U");
    spec.horizons = { 5 };
    spec.model.randomShape = randomShape;
    if (sampled)
        spec.sampling = { 1.0, 0, 1.0, 4, 1 };
    const qint64 id = runs.create(spec, kTickers * 4, {});
    QList<ScoreRow> scores;
    QList<SeriesPaths> paths;
    for (int row : kScoredRows) {
        for (int column = 0; column < kTickers; ++column) {
            SeriesPaths path { dayAt(row), tickerAt(column), closeAt(row, column), kSteps, {},
                sampled ? 4 : 0, {} };
            // A model that leans on the true future a little.
            for (int step = 1; step <= kSteps; ++step)
                path.mean.push_back(float(
                    0.5 * path.lastClose + 0.5 * closeAt(std::min(row + step, kRows - 1), column)));
            for (int sample = 0; sample < path.sampleCount; ++sample) {
                for (int step = 1; step <= kSteps; ++step)
                    path.samples.push_back(
                        float(path.mean[size_t(step - 1)] * (1.0 + 0.01 * (sample - 1.5))));
            }
            ScoreRow score;
            score.date = path.date;
            score.ticker = path.ticker;
            score.horizon = 5;
            score.lastClose = path.lastClose;
            score.predictedClose = path.mean[4];
            score.score = score.predictedClose / score.lastClose - 1.0;
            scores << score;
            paths << path;
        }
    }
    runs.commitBatch(
        id, { 0, int(paths.size()), 1, 1 }, scores, {}, withPaths ? paths : QList<SeriesPaths> {});
    runs.setStatus(id, RunStatus::Finished);
    return id;
}

} // namespace StoredRunFixture
