#include "cli/import_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "data/csv_importer.h"
#include "data/database_error.h"
#include "data/market_database.h"
#include "data/universe_repository.h"

#include <QCommandLineParser>

namespace {

// Enough to see what is wrong with a file without flooding the terminal.
constexpr qsizetype MaxRejectionsShown = 100;
constexpr int NothingImported = 2;

} // namespace

int runImportCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import price CSV files (Yahoo per-ticker, Kronos style or long format with a ticker "
        "column) and sector files (ticker,sector). Re-imported rows replace stored ones."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption universe(QStringLiteral("universe"),
        QStringLiteral("Add the imported tickers to this user "
                       "universe (created when missing)."),
        QStringLiteral("NAME"));
    parser.addOption(universe);
    parser.addPositionalArgument(QStringLiteral("FILE|DIR"),
        QStringLiteral("CSV files, or folders of *.csv files."), QStringLiteral("FILE|DIR..."));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("import"), out, err))
        return *status;
    if (parser.positionalArguments().isEmpty()) {
        err << "kronos-cli import: no FILE or DIR given\n";
        return NothingImported;
    }

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return NothingImported;
    CsvImporter importer(market.database());
    ImportReport report;
    bool stopped = false;
    try {
        importer.importPaths(
            parser.positionalArguments(), report, [&out](const FileImportReport &file) {
                for (const QString &line : file.lines(MaxRejectionsShown))
                    out << line << "\n";
                out.flush();
            });
    } catch (const DatabaseError &failure) {
        // The import stops; the files before it stay imported, and are counted below.
        err << "kronos-cli import: " << failure.what() << "\n";
        stopped = true;
    }
    out << report.totalsLine() << "\n";
    if (report.files.isEmpty() && !stopped)
        err << "kronos-cli import: no CSV file found\n";

    UniverseRepository universes(market.database());
    try {
        if (report.imported() > 0)
            universes.refreshSectorUniverses(&report.universeChanges);
    } catch (const DatabaseError &failure) {
        err << "kronos-cli import: sector universes not updated: " << failure.what() << "\n";
    }
    for (const UniverseChange &change : report.universeChanges)
        out << "universe " << change.text() << "\n";
    if (parser.isSet(universe) && report.imported() > 0) {
        QStringList tickers;
        for (const FileImportReport &file : report.files)
            tickers += file.tickers;
        tickers.removeDuplicates();
        try {
            universes.addTickers(parser.value(universe), tickers);
            out << "universe " << parser.value(universe) << ": " << tickers.size()
                << " ticker(s) added\n";
        } catch (const DatabaseError &failure) {
            err << "kronos-cli import: " << failure.what() << "\n";
        }
    }

    if (report.imported() == 0)
        return NothingImported;
    return report.everythingImported() && !stopped ? 0 : 1;
}
