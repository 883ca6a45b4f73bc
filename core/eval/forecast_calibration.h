#pragma once

#include "eval/price_panel.h"

#include <array>
#include <optional>
#include <vector>

namespace Eval {

// Are the model's sampled bands honest? Coverage of the 10-90% band, the probability integral
// transform (PIT) and the continuous ranked probability score (CRPS) of each sampled forecast,
// against a naive baseline: y ~ N(0, (sigma sqrt(h))^2) with sigma the name's recent daily
// volatility. Pure functions; thread-safe.

constexpr int kPitBins = 10; // [0, 0.1), [0.1, 0.2), ..., [0.9, 1]
constexpr int kVolatilityWindow = 60; // daily log returns behind the baseline's sigma

// z of the standard normal's 90th percentile: the baseline's 10-90% band is |y| <= z sigma.
constexpr double kNormalQuantile90 = 1.2815515655446004;

// The q-quantile of `values` by linear interpolation between closest ranks (numpy's default
// "linear" method): position q (n - 1) in the sorted values. `values` need not be sorted and
// must not be empty; q in [0, 1].
double percentile(std::vector<double> values, double q);

// sigma(i, t) = standard deviation (ddof 1) of the 60 daily log returns ln(P(t-k+1) / P(t-k)),
// k = 1..60, of the adjusted close ending at row t; nothing unless all 61 closes are present and
// positive.
std::optional<double> baselineVolatility(const PricePanel &panel, int row, int column);

// PIT u = (#{x_s < r} + #{x_s = r} / 2) / S of the realised return r among the S samples.
double probabilityIntegralTransform(const std::vector<double> &samples, double realised);

// The bin of a PIT value: floor(10 u), 1 itself in the last bin.
int pitBin(double pit);

// Sample CRPS in log-return space: x'_s = ln(1 + x_s), y = ln(1 + r);
// CRPS = mean_s |x'_s - y| - (1 / (2 S^2)) sum_s sum_s' |x'_s - x'_s'|. Lower is better.
// Requires every x_s > -1 and r > -1, and at least one sample.
double sampleCrps(const std::vector<double> &samples, double realised);

// CRPS of N(0, s^2) at y: s [z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)], z = y / s; s > 0.
double normalCrps(double y, double s);

// One sampled forecast ready to be judged.
struct CalibrationCase
{
    std::vector<double> sampleReturns; // the S sampled predicted returns, S >= 1
    std::optional<double> q10; // given band (the scores file's q10,q90); else from the samples
    std::optional<double> q90;
    double realised = 0.0; // the forward return r
    double volatility = 0.0; // sigma, > 0
};

struct ForecastCalibration
{
    int n = 0; // cases
    std::optional<double> coverage; // share with q10 <= r <= q90 (0.8 when honest)
    std::optional<double> crps; // mean sample CRPS
    std::optional<double> coverageBaseline; // share with |y| <= kNormalQuantile90 sigma sqrt(h)
    std::optional<double> crpsBaseline; // mean normalCrps(y, sigma sqrt(h))
    std::array<std::optional<double>, kPitBins> pitShares; // share of cases per bin (0.1 each)
};

// Calibration at horizon h (rows) over `cases` (every field empty when there is none).
ForecastCalibration calibrate(const std::vector<CalibrationCase> &cases, int horizon);

} // namespace Eval
