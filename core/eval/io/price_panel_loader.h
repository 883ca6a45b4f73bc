#pragma once

#include "eval/price_panel.h"

#include <QHash>
#include <QStringList>

class PriceStore;

namespace Eval {

// What the store holds for the tickers asked for: their panel, and the tickers it lacks.
struct LoadedPricePanel
{
    PricePanel panel; // columns: the tickers with bars, sorted
    QStringList missingTickers; // asked for but without a single bar in the store, sorted
    QHash<QString, QString> sectors; // the panel's tickers that have a sector -> their sector
};

// Reads adjusted closes from a PriceStore into a PricePanel, and the tickers' sectors: one
// column per ticker with bars,
// one row per date of the global calendar of those tickers (the sorted union of their bar
// dates), NaN where a ticker has no bar that day. Forward returns count rows of this calendar,
// so it must be the calendar of the tickers evaluated, not of the whole database.
//
// Lives in kw_eval_io, not in kw_eval or kw_data: kw_eval stays free of SQL, and kw_data knows
// nothing of evaluation, so the only edge between the two runs through this small library.
// Borrows the store, which must outlive the loader; works on the store's thread only.
class PricePanelLoader
{
public:
    explicit PricePanelLoader(const PriceStore &store);

    // Throws std::runtime_error when a ticker has intraday bars: evaluation works on one close
    // per trading day.
    LoadedPricePanel load(const QStringList &tickers) const;

private:
    const PriceStore &m_store;
};

} // namespace Eval
