#pragma once

#include "eval/quintiles.h"

#include <array>
#include <optional>
#include <vector>

namespace Eval {

// A date with fewer names than this gets no IC, no quintiles and no turnover: five quintiles
// cannot be filled, and a correlation over a handful of points says nothing.
constexpr int kMinimumNamesPerDate = 5;

// Why a date has no IC, so callers can count and report the dates they leave out.
enum class IcAvailability {
    Defined,
    TooFewNames, // n < kMinimumNamesPerDate
    ZeroVariance, // every score, or every forward return, is equal
};

// One name on one date: its panel column, its score and its forward return.
struct CrossSectionEntry
{
    int column = 0;
    double score = 0.0;
    double forwardReturn = 0.0;
};

// Everything one date says about a signal, before comparing with other dates.
struct CrossSectionMetrics
{
    int n = 0; // names with both a score and a forward return
    IcAvailability icAvailability = IcAvailability::TooFewNames;
    std::optional<double> ic; // Pearson(score, forward return)
    std::optional<double> rankIc; // Spearman(score, forward return), ties averaged
    std::array<std::optional<double>, kQuintileCount> quintileMeans; // index 0 = quintile 1
    std::optional<double> spread; // quintile 5 mean - quintile 1 mean
    std::vector<int> topQuintile; // columns in quintile 5, ascending
    std::vector<int> bottomQuintile; // columns in quintile 1, ascending
};

// Metrics of one cross-section: IC, RankIC, quintiles by score (quintileOf), their mean
// forward returns and the spread. A date with fewer than kMinimumNamesPerDate entries gets
// only n; zero variance removes the ICs but keeps the quintiles (all tied scores share the
// middle quintile, so the spread is then empty). Pure; thread-safe.
CrossSectionMetrics evaluateCrossSection(const std::vector<CrossSectionEntry> &entries);

} // namespace Eval
