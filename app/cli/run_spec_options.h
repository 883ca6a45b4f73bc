#pragma once

#include "cli/engine_options_parser.h"
#include "run/run_spec.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

// The options that describe what a scoring run forecasts — universe, dates, horizons, lookback,
// checkpoint or random weights, memory budget, engine and sampling — shared by `score` and
// `probe`, so both spell and check them the same way.
class RunSpecOptions
{
public:
    // Adds the options to `parser`.
    explicit RunSpecOptions(QCommandLineParser &parser);

    // Fills `spec` from the parsed values (batch size and name are the caller's); returns false
    // with `error` set for a missing or bad value or a spec the run layer refuses.
    bool read(const QCommandLineParser &parser, RunSpec &spec, QString &error) const;
    // The names of the options above (and the engine's) that were given ("universe", "seed").
    QStringList given(const QCommandLineParser &parser) const;

private:
    // Adds the options above the engine's; runs before m_engine is built (declared last).
    QCommandLineParser &withOwnOptions(QCommandLineParser &parser) const;
    bool readDates(const QCommandLineParser &parser, DateSelection &dates, QString &error) const;

    QCommandLineOption m_universe { QStringLiteral("universe"),
        QStringLiteral("Universe to score."), QStringLiteral("NAME") };
    QCommandLineOption m_date { QStringLiteral("date"), QStringLiteral("One evaluation date."),
        QStringLiteral("D") };
    QCommandLineOption m_from { QStringLiteral("from"), QStringLiteral("First date of a range."),
        QStringLiteral("D") };
    QCommandLineOption m_to { QStringLiteral("to"), QStringLiteral("Last date of a range."),
        QStringLiteral("D") };
    QCommandLineOption m_every { QStringLiteral("every"),
        QStringLiteral("Range: every N-th trading day (default 1)."), QStringLiteral("N"),
        QStringLiteral("1") };
    QCommandLineOption m_monthly { QStringLiteral("monthly"),
        QStringLiteral("Range: the first trading day of each month.") };
    QCommandLineOption m_weekly { QStringLiteral("weekly"),
        QStringLiteral("Range: the first trading day of each week.") };
    QCommandLineOption m_horizons { QStringLiteral("horizons"),
        QStringLiteral("Trading days ahead (default 20,60,90)."), QStringLiteral("H,H"),
        QStringLiteral("20,60,90") };
    QCommandLineOption m_lookback { QStringLiteral("lookback"),
        QStringLiteral("Context bars per series (default 252)."), QStringLiteral("N"),
        QStringLiteral("252") };
    QCommandLineOption m_model { QStringLiteral("model"),
        QStringLiteral("Predictor checkpoint folder."), QStringLiteral("DIR") };
    QCommandLineOption m_tokenizer { QStringLiteral("tokenizer"),
        QStringLiteral("Tokenizer checkpoint folder."), QStringLiteral("DIR") };
    QCommandLineOption m_randomWeights { QStringLiteral("random-weights"),
        QStringLiteral("Instead of a checkpoint: seeded random weights of mini, small or base "
                       "(speed and memory measurements only)."),
        QStringLiteral("SHAPE") };
    QCommandLineOption m_budget { QStringLiteral("memory-budget"),
        QStringLiteral("Memory budget in MiB (default: 70% of physical memory on the CPU)."),
        QStringLiteral("MiB") };
    EngineOptionsParser m_engine; // last: built after the options above exist
};

// A positive integer option value; false with `error` naming the option otherwise.
bool readPositiveOption(const QString &text, const QString &option, qint64 &value, QString &error);
