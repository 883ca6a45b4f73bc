#include "eval/forecast_calibration.h"

#include <algorithm>
#include <cmath>

namespace Eval {

double percentile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - double(below);
    return values[below] + fraction * (values[above] - values[below]);
}

std::optional<double> baselineVolatility(const PricePanel &panel, int row, int column)
{
    if (row < kVolatilityWindow || row >= panel.rowCount())
        return std::nullopt;
    std::vector<double> logReturns;
    logReturns.reserve(kVolatilityWindow);
    for (int k = row - kVolatilityWindow + 1; k <= row; ++k) {
        const double earlier = panel.close(k - 1, column);
        const double later = panel.close(k, column);
        if (!(earlier > 0.0) || !(later > 0.0))
            return std::nullopt;
        logReturns.push_back(std::log(later / earlier));
    }
    double mean = 0.0;
    for (double value : logReturns)
        mean += value;
    mean /= kVolatilityWindow;
    double squares = 0.0;
    for (double value : logReturns)
        squares += (value - mean) * (value - mean);
    return std::sqrt(squares / (kVolatilityWindow - 1));
}

double probabilityIntegralTransform(const std::vector<double> &samples, double realised)
{
    double below = 0.0;
    for (double sample : samples)
        below += sample < realised ? 1.0 : sample == realised ? 0.5 : 0.0;
    return below / double(samples.size());
}

int pitBin(double pit)
{
    return std::clamp(static_cast<int>(std::floor(pit * kPitBins)), 0, kPitBins - 1);
}

double sampleCrps(const std::vector<double> &samples, double realised)
{
    const double count = double(samples.size());
    const double y = std::log1p(realised);
    std::vector<double> logSamples;
    logSamples.reserve(samples.size());
    double accuracy = 0.0;
    for (double sample : samples) {
        logSamples.push_back(std::log1p(sample));
        accuracy += std::abs(logSamples.back() - y);
    }
    // sum_s sum_s' |x_s - x_s'| = 2 sum_i (2i - S + 1) x_(i) over the sorted x (0-based i):
    // O(S log S) instead of S^2 pairs.
    std::sort(logSamples.begin(), logSamples.end());
    double pairwise = 0.0;
    for (size_t i = 0; i < logSamples.size(); ++i)
        pairwise += (2.0 * double(i) - count + 1.0) * logSamples[i];
    return accuracy / count - (2.0 * pairwise) / (2.0 * count * count);
}

double normalCrps(double y, double s)
{
    const double z = y / s;
    const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
    const double density = std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
    return s * (z * (2.0 * cdf - 1.0) + 2.0 * density - 1.0 / std::sqrt(M_PI));
}

ForecastCalibration calibrate(const std::vector<CalibrationCase> &cases, int horizon)
{
    ForecastCalibration calibration;
    calibration.n = static_cast<int>(cases.size());
    if (cases.empty())
        return calibration;
    int covered = 0;
    int coveredByBaseline = 0;
    double crps = 0.0;
    double crpsBaseline = 0.0;
    std::array<int, kPitBins> pitCounts {};
    for (const CalibrationCase &one : cases) {
        const double q10 = one.q10 ? *one.q10 : percentile(one.sampleReturns, 0.1);
        const double q90 = one.q90 ? *one.q90 : percentile(one.sampleReturns, 0.9);
        covered += q10 <= one.realised && one.realised <= q90 ? 1 : 0;
        ++pitCounts[pitBin(probabilityIntegralTransform(one.sampleReturns, one.realised))];
        crps += sampleCrps(one.sampleReturns, one.realised);

        const double s = one.volatility * std::sqrt(double(horizon));
        const double y = std::log1p(one.realised);
        coveredByBaseline += std::abs(y) <= kNormalQuantile90 * s ? 1 : 0;
        crpsBaseline += normalCrps(y, s);
    }
    const double n = calibration.n;
    calibration.coverage = covered / n;
    calibration.crps = crps / n;
    calibration.coverageBaseline = coveredByBaseline / n;
    calibration.crpsBaseline = crpsBaseline / n;
    for (int bin = 0; bin < kPitBins; ++bin)
        calibration.pitShares[bin] = pitCounts[bin] / n;
    return calibration;
}

} // namespace Eval
