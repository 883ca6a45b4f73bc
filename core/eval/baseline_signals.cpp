#include "eval/baseline_signals.h"

#include "eval/period_returns.h"

namespace Eval {

namespace {

// The model's dates and names scored by sign * past return over `lookback` rows.
SignalScores pastReturnSignal(
    const PricePanel &panel, const SignalScores &model, int lookback, double sign)
{
    SignalScores baseline;
    baseline.reserve(model.size());
    for (const DatedScores &modelDate : model) {
        DatedScores baselineDate { modelDate.date, modelDate.row, {}, {} };
        for (int column : modelDate.columns) {
            if (const std::optional<double> past
                = pastReturn(panel, modelDate.row, column, lookback)) {
                baselineDate.columns.push_back(column);
                baselineDate.scores.push_back(sign * *past);
            }
        }
        baseline.push_back(std::move(baselineDate));
    }
    return baseline;
}

} // namespace

SignalScores momentumSignal(const PricePanel &panel, const SignalScores &model, int lookback)
{
    return pastReturnSignal(panel, model, lookback, 1.0);
}

SignalScores reversalSignal(const PricePanel &panel, const SignalScores &model, int lookback)
{
    return pastReturnSignal(panel, model, lookback, -1.0);
}

} // namespace Eval
