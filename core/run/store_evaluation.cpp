#include "run/store_evaluation.h"

#include "data/price_store.h"

#include <stdexcept>

StoreEvaluation evaluateAgainstStore(
    QSqlDatabase database, Eval::EvaluationInput input, const Eval::EvaluationOptions &options)
{
    const PriceStore store(database);
    StoreEvaluation evaluation;
    evaluation.prices = Eval::PricePanelLoader(store).load(Eval::scoredTickers(input.scores));
    if (evaluation.prices.panel.tickerCount() == 0)
        throw std::runtime_error("none of the scores' tickers has prices in the market database");
    input.sectors = evaluation.prices.sectors;
    evaluation.report = Eval::evaluateScores(evaluation.prices.panel, input, options);
    return evaluation;
}
