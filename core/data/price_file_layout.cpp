#include "data/price_file_layout.h"

#include <QHash>

namespace {

enum class Column {
    Timestamp,
    Open,
    High,
    Low,
    Close,
    Volume,
    Amount,
    AdjustedClose,
    Ticker,
    Sector
};

const QHash<QString, Column> &columnNames()
{
    static const QHash<QString, Column> names {
        { QStringLiteral("date"), Column::Timestamp },
        { QStringLiteral("timestamps"), Column::Timestamp },
        { QStringLiteral("timestamp"), Column::Timestamp },
        { QStringLiteral("datetime"), Column::Timestamp },
        { QStringLiteral("open"), Column::Open },
        { QStringLiteral("high"), Column::High },
        { QStringLiteral("low"), Column::Low },
        { QStringLiteral("close"), Column::Close },
        { QStringLiteral("volume"), Column::Volume },
        { QStringLiteral("amount"), Column::Amount },
        { QStringLiteral("adj close"), Column::AdjustedClose },
        { QStringLiteral("adj_close"), Column::AdjustedClose },
        { QStringLiteral("adjusted_close"), Column::AdjustedClose },
        { QStringLiteral("ticker"), Column::Ticker },
        { QStringLiteral("symbol"), Column::Ticker },
        { QStringLiteral("sector"), Column::Sector },
    };
    return names;
}

int &slotFor(PriceFileLayout &layout, Column column)
{
    switch (column) {
    case Column::Timestamp:
        return layout.timestamp;
    case Column::Open:
        return layout.open;
    case Column::High:
        return layout.high;
    case Column::Low:
        return layout.low;
    case Column::Close:
        return layout.close;
    case Column::Volume:
        return layout.volume;
    case Column::Amount:
        return layout.amount;
    case Column::AdjustedClose:
        return layout.adjustedClose;
    case Column::Ticker:
        return layout.ticker;
    case Column::Sector:
        return layout.sector;
    }
    Q_UNREACHABLE();
}

PriceFileLayout unrecognized(const QString &error)
{
    PriceFileLayout layout;
    layout.error = error;
    return layout;
}

} // namespace

PriceFileLayout PriceFileLayout::recognize(const QStringList &header)
{
    static const QString expected = QStringLiteral(
        "expected columns Date (or timestamps), Open, High, Low, Close, optionally Volume, "
        "Amount, Adj Close and a ticker column (ticker, symbol or Name); or ticker and sector");
    PriceFileLayout layout;
    layout.columnCount = header.size();
    // Yahoo's `Name` holds the ticker; a file with a real ticker column may also name the company.
    int yahooName = -1;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        if (name == QLatin1String("name") && yahooName < 0)
            yahooName = int(i);
        const auto known = columnNames().constFind(name);
        if (known == columnNames().cend())
            continue;
        int &slot = slotFor(layout, *known);
        if (slot >= 0)
            return unrecognized(QStringLiteral("header not understood: column '%1' appears twice")
                                    .arg(header.at(i).trimmed()));
        slot = int(i);
        if (name == QLatin1String("date") || *known == Column::AdjustedClose)
            layout.style = QStringLiteral("Yahoo");
    }

    if (layout.ticker < 0)
        layout.ticker = yahooName;

    const bool anyPrice = layout.timestamp >= 0 || layout.open >= 0 || layout.high >= 0
        || layout.low >= 0 || layout.close >= 0;
    if (!anyPrice && layout.ticker >= 0 && layout.sector >= 0) {
        layout.kind = Kind::Sectors;
        layout.style = QStringLiteral("sectors");
        return layout;
    }

    QStringList missing;
    const QList<std::pair<int, QString>> required { { layout.timestamp, QStringLiteral("Date") },
        { layout.open, QStringLiteral("Open") }, { layout.high, QStringLiteral("High") },
        { layout.low, QStringLiteral("Low") }, { layout.close, QStringLiteral("Close") } };
    for (const auto &[index, name] : required) {
        if (index < 0)
            missing.append(name);
    }
    if (!missing.isEmpty())
        return unrecognized(
            QStringLiteral("header not understood (missing %1): %2; got %3")
                .arg(missing.join(QStringLiteral(", ")), expected, header.join(QLatin1Char(','))));
    layout.kind = Kind::Prices;
    if (layout.style.isEmpty())
        layout.style = QStringLiteral("Kronos");
    return layout;
}
