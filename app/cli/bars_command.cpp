#include "cli/bars_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "data/bar_row_parser.h"
#include "data/csv_writer.h"
#include "data/database_error.h"
#include "data/market_database.h"
#include "data/price_store.h"

#include <QCommandLineParser>
#include <QLocale>

namespace {

constexpr int Failed = 1;
constexpr int UsageError = 2;

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString optionalNumber(const std::optional<double> &value)
{
    return value ? number(*value) : QString();
}

// Reads --from / --to; an invalid result with `ok` false when the text is not a date.
QDateTime boundary(
    const QCommandLineParser &parser, const QCommandLineOption &option, bool endOfDay, bool &ok)
{
    ok = true;
    if (!parser.isSet(option))
        return {};
    const std::optional<QDateTime> parsed = BarRowParser::parseTimestamp(parser.value(option));
    ok = parsed.has_value();
    if (!parsed)
        return {};
    // "--to 2019-12-31" includes that day's intraday bars.
    const bool dateOnly = parser.value(option).trimmed().size() <= 10;
    return endOfDay && dateOnly ? parsed->addSecs(24 * 60 * 60 - 1) : *parsed;
}

} // namespace

int runBarsCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print a ticker's stored bars as CSV."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption from(QStringLiteral("from"),
        QStringLiteral("First date (YYYY-MM-DD[ HH:MM[:SS]])."), QStringLiteral("D"));
    const QCommandLineOption to(QStringLiteral("to"),
        QStringLiteral("Last date, included (YYYY-MM-DD[ HH:MM[:SS]])."), QStringLiteral("D"));
    const QCommandLineOption adjusted(QStringLiteral("adjusted"),
        QStringLiteral("Scale open, high, low and close by "
                       "adj close / close (dividends, splits)."));
    parser.addOptions({ from, to, adjusted });
    parser.addPositionalArgument(QStringLiteral("TICKER"), QStringLiteral("The instrument."));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("bars"), out, err))
        return *status;
    if (parser.positionalArguments().size() != 1) {
        err << "kronos-cli bars: expected one TICKER\n";
        return UsageError;
    }
    bool fromOk = false;
    bool toOk = false;
    const QDateTime first = boundary(parser, from, false, fromOk);
    const QDateTime last = boundary(parser, to, true, toOk);
    if (!fromOk || !toOk) {
        err << "kronos-cli bars: dates are YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]\n";
        return UsageError;
    }

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return Failed;
    const QString ticker = parser.positionalArguments().first().trimmed().toUpper();
    const bool isAdjusted = parser.isSet(adjusted);
    QList<Bar> bars;
    try {
        bars = PriceStore(market.database())
                   .bars(ticker, isAdjusted ? PriceAdjustment::Adjusted : PriceAdjustment::Raw,
                       first, last);
    } catch (const DatabaseError &failure) {
        err << "kronos-cli bars: " << failure.what() << "\n";
        return Failed;
    }
    if (bars.isEmpty()) {
        err << "kronos-cli bars: no bars for " << ticker << " in that range\n";
        return Failed;
    }

    const bool intraday = std::any_of(bars.cbegin(), bars.cend(),
        [](const Bar &bar) { return bar.timestamp.time() != QTime(0, 0); });
    const QString timeFormat
        = intraday ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("yyyy-MM-dd");
    QStringList header { QStringLiteral("timestamps"), QStringLiteral("open"),
        QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close"),
        QStringLiteral("volume"), QStringLiteral("amount") };
    if (!isAdjusted)
        header.append(QStringLiteral("adj_close"));
    out << CsvWriter::formatRow(header);
    for (const Bar &bar : bars) {
        QStringList row { bar.timestamp.toString(timeFormat), number(bar.open), number(bar.high),
            number(bar.low), number(bar.close), optionalNumber(bar.volume),
            optionalNumber(bar.amount) };
        if (!isAdjusted)
            row.append(optionalNumber(bar.adjustedClose));
        out << CsvWriter::formatRow(row);
    }
    return 0;
}
