#include "cli/universes_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "data/market_database.h"
#include "data/ticker_list_reader.h"
#include "data/universe_repository.h"

#include <QCommandLineParser>
#include <exception>

namespace {

constexpr int Failed = 1;
constexpr int UsageError = 2;

void printList(const UniverseRepository &universes, QTextStream &out)
{
    for (const Universe &universe : universes.list())
        out << universe.name << '\t' << universe.tickers.size() << '\t'
            << (universe.builtIn ? "built-in" : "user") << '\t' << universe.description << "\n";
}

int show(
    const UniverseRepository &universes, const QString &name, QTextStream &out, QTextStream &err)
{
    const std::optional<Universe> universe = universes.find(name);
    if (!universe) {
        err << "kronos-cli universes: no universe named '" << name << "'\n";
        return Failed;
    }
    out << "# " << universe->name << " (" << universe->tickers.size() << " tickers"
        << (universe->builtIn ? ", built-in" : "") << "): " << universe->description << "\n";
    for (const QString &ticker : universe->tickers)
        out << ticker << "\n";
    return 0;
}

} // namespace

int runUniversesCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List, show and edit universes (named ticker lists). Built in: the bundled sample "
        "and one per GICS sector; they can be duplicated, not changed."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption tickers(QStringLiteral("tickers"),
        QStringLiteral("create: the tickers, comma-separated."), QStringLiteral("A,B,C"));
    const QCommandLineOption file(QStringLiteral("file"),
        QStringLiteral("create: a text file of tickers, or a CSV "
                       "file with a ticker column."),
        QStringLiteral("F"));
    const QCommandLineOption description(QStringLiteral("description"),
        QStringLiteral("create: what the universe is for."), QStringLiteral("TEXT"));
    parser.addOptions({ tickers, file, description });
    parser.addPositionalArgument(QStringLiteral("action"),
        QStringLiteral("list | show NAME | create NAME | rename NAME NEW"
                       " | duplicate NAME NEW | delete NAME"));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("universes"), out, err))
        return *status;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QHash<QString, int> argumentCounts { { QStringLiteral("list"), 1 },
        { QStringLiteral("show"), 2 }, { QStringLiteral("create"), 2 },
        { QStringLiteral("rename"), 3 }, { QStringLiteral("duplicate"), 3 },
        { QStringLiteral("delete"), 2 } };
    if (!argumentCounts.contains(action) || positional.size() != argumentCounts.value(action)) {
        err << "kronos-cli universes: expected list | show NAME | create NAME | rename NAME NEW"
               " | duplicate NAME NEW | delete NAME\n";
        return UsageError;
    }
    if (action == QLatin1String("create") && parser.isSet(tickers) == parser.isSet(file)) {
        err << "kronos-cli universes: create takes either --tickers or --file\n";
        return UsageError;
    }

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return Failed;
    UniverseRepository universes(market.database());
    const QString name = positional.value(1);
    QStringList unknown;
    try {
        if (action == QLatin1String("list")) {
            printList(universes, out);
            return 0;
        }
        if (action == QLatin1String("show"))
            return show(universes, name, out, err);
        if (action == QLatin1String("create")) {
            const QStringList list = parser.isSet(file)
                ? TickerListReader::fromFile(parser.value(file))
                : TickerListReader::fromText(parser.value(tickers));
            universes.create(name, parser.value(description), list, &unknown);
            out << "created " << name << " with " << list.size() - unknown.size() << " ticker(s)\n";
        } else if (action == QLatin1String("rename")) {
            universes.rename(name, positional.value(2));
        } else if (action == QLatin1String("duplicate")) {
            universes.duplicate(name, positional.value(2));
        } else {
            universes.remove(name);
        }
    } catch (const std::exception &failure) {
        // DatabaseError, or FileError for a --file that cannot be read.
        err << "kronos-cli universes: " << failure.what() << "\n";
        return Failed;
    }
    if (!unknown.isEmpty()) {
        err << "kronos-cli universes: unknown tickers, not added: "
            << unknown.join(QStringLiteral(", ")) << "\n";
        return Failed;
    }
    return 0;
}
