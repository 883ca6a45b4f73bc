#include "eval/forecast_accuracy.h"

#include <cmath>

namespace Eval {

ForecastAccuracy forecastAccuracy(const std::vector<DatedForecastPairs> &dates, int horizon)
{
    ForecastAccuracy accuracy;
    double absoluteErrors = 0.0;
    double squaredErrors = 0.0;
    double absoluteReturns = 0.0;
    double squaredReturns = 0.0;
    int signedPairs = 0;
    int hits = 0;
    std::vector<DatedValue> lossDifferences;
    for (const DatedForecastPairs &date : dates) {
        if (date.scores.empty())
            continue;
        double dateDifference = 0.0;
        for (size_t i = 0; i < date.scores.size(); ++i) {
            const double score = date.scores[i];
            const double r = date.realised[i];
            const double error = score - r;
            absoluteErrors += std::abs(error);
            squaredErrors += error * error;
            absoluteReturns += std::abs(r);
            squaredReturns += r * r;
            dateDifference += error * error - r * r;
            if (score != 0.0 && r != 0.0) {
                ++signedPairs;
                hits += (score > 0.0) == (r > 0.0) ? 1 : 0;
            }
        }
        accuracy.n += static_cast<int>(date.scores.size());
        lossDifferences.push_back({ date.row, dateDifference / double(date.scores.size()) });
    }
    accuracy.dieboldMariano = neweyWest(lossDifferences, horizon);
    if (accuracy.n == 0)
        return accuracy;
    const double n = accuracy.n;
    accuracy.mae = absoluteErrors / n;
    accuracy.rmse = std::sqrt(squaredErrors / n);
    accuracy.maePersistence = absoluteReturns / n;
    accuracy.rmsePersistence = std::sqrt(squaredReturns / n);
    if (*accuracy.maePersistence > 0.0)
        accuracy.skillMae = 1.0 - *accuracy.mae / *accuracy.maePersistence;
    if (signedPairs > 0)
        accuracy.hitRate = double(hits) / signedPairs;
    return accuracy;
}

} // namespace Eval
