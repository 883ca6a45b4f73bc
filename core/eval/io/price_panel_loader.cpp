#include "eval/io/price_panel_loader.h"

#include "data/price_store.h"

#include <QMap>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace Eval {

PricePanelLoader::PricePanelLoader(const PriceStore &store)
    : m_store(store)
{
}

LoadedPricePanel PricePanelLoader::load(const QStringList &tickers) const
{
    QStringList sortedTickers = tickers;
    sortedTickers.sort();
    sortedTickers.removeDuplicates();

    LoadedPricePanel loaded;
    std::vector<QString> columns;
    std::vector<QMap<QDate, double>> closesByColumn;
    std::set<QDate> calendar;
    for (const QString &ticker : sortedTickers) {
        const QList<Bar> bars = m_store.bars(ticker, PriceAdjustment::Adjusted);
        if (bars.isEmpty()) {
            loaded.missingTickers.append(ticker);
            continue;
        }
        QMap<QDate, double> closes;
        for (const Bar &bar : bars) {
            if (bar.timestamp.time() != QTime(0, 0))
                throw std::runtime_error(
                    QStringLiteral("%1 has intraday bars (%2); evaluation needs daily closes")
                        .arg(ticker, bar.timestamp.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                        .toStdString());
            closes.insert(bar.timestamp.date(), bar.close);
            calendar.insert(bar.timestamp.date());
        }
        columns.push_back(ticker);
        closesByColumn.push_back(std::move(closes));
        if (const std::optional<Instrument> instrument = m_store.instrument(ticker);
            instrument && !instrument->sector.isEmpty())
            loaded.sectors.insert(ticker, instrument->sector);
    }

    std::vector<double> closes;
    closes.reserve(calendar.size() * columns.size());
    for (const QDate &date : calendar) {
        for (const QMap<QDate, double> &tickerCloses : closesByColumn)
            closes.push_back(tickerCloses.value(date, std::numeric_limits<double>::quiet_NaN()));
    }
    loaded.panel
        = PricePanel({ calendar.begin(), calendar.end() }, std::move(columns), std::move(closes));
    return loaded;
}

} // namespace Eval
