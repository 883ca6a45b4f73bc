#pragma once

#include "data/bar.h"
#include "data/price_file_layout.h"

#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

// Turns one data record of a price file into a ticker and a validated Bar, or the reason it is
// rejected. Rules: timestamps `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY/MM/DD`; numbers
// parse (with `;` as delimiter a decimal comma is accepted) and are finite; prices > 0;
// low <= min(open, close); high >= max(open, close); volume and amount >= 0.
// Duplicates across rows are the importer's concern. Stateless after construction.
class BarRowParser
{
public:
    // `fallbackTicker` is used when the layout has no ticker column (taken from the file name).
    BarRowParser(const PriceFileLayout &layout, const QString &fallbackTicker, char delimiter);

    // Returns false with `rejection` set ("high 10 is below max(open, close) 12").
    bool parse(const QStringList &fields, QString &ticker, Bar &bar, QString &rejection) const;

    // The timestamp as a UTC QDateTime, or nullopt when the text is not in a supported form.
    static std::optional<QDateTime> parseTimestamp(QStringView text);
    // "AAPL" from `AAPL_data.csv` or `aapl.csv`.
    static QString tickerFromFileName(const QString &fileName);

private:
    bool parseNumber(const QStringList &fields, int column, const char *name, double &value,
        QString &rejection) const;
    bool parseOptional(const QStringList &fields, int column, const char *name,
        std::optional<double> &value, QString &rejection) const;

    PriceFileLayout m_layout;
    QString m_fallbackTicker;
    bool m_decimalComma;
};
