#include "eval/signal_correlation.h"

#include "eval/cross_section_metrics.h"
#include "eval/rank_correlation.h"

#include <stdexcept>

namespace Eval {

namespace {

// Spearman over the columns both dates score; both column lists are sorted, so one merge pass.
std::optional<double> commonNameSpearman(const DatedScores &a, const DatedScores &b)
{
    std::vector<double> aScores;
    std::vector<double> bScores;
    size_t i = 0;
    size_t j = 0;
    while (i < a.columns.size() && j < b.columns.size()) {
        if (a.columns[i] < b.columns[j]) {
            ++i;
        } else if (b.columns[j] < a.columns[i]) {
            ++j;
        } else {
            aScores.push_back(a.scores[i++]);
            bScores.push_back(b.scores[j++]);
        }
    }
    if (static_cast<int>(aScores.size()) < kMinimumNamesPerDate)
        return std::nullopt;
    return spearmanCorrelation(aScores, bScores);
}

} // namespace

std::vector<std::optional<double>> perDateSpearman(const SignalScores &a, const SignalScores &b)
{
    if (a.size() != b.size())
        throw std::invalid_argument("perDateSpearman: the two signals hold different dates");
    std::vector<std::optional<double>> correlations;
    correlations.reserve(a.size());
    for (size_t k = 0; k < a.size(); ++k)
        correlations.push_back(commonNameSpearman(a[k], b[k]));
    return correlations;
}

std::vector<std::optional<double>> rankAutocorrelation(const SignalScores &signal)
{
    std::vector<std::optional<double>> correlations;
    correlations.reserve(signal.size());
    for (size_t k = 0; k < signal.size(); ++k)
        correlations.push_back(
            k == 0 ? std::nullopt : commonNameSpearman(signal[k - 1], signal[k]));
    return correlations;
}

} // namespace Eval
