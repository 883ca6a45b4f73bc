#pragma once

#include "cli/run_spec_options.h"

// A scoring run as `score` and `slurm write` take it: the run options (RunSpecOptions) with
// --batch-size and --name, or the whole spec from a JSON file (--spec FILE, as `slurm write`
// saves it for its tasks: exactly the run, with nothing re-spelled).
class ScoringRunOptions
{
public:
    // Adds the options to `parser`.
    explicit ScoringRunOptions(QCommandLineParser &parser);

    // Fills `spec`; returns false with `error` set for a missing or bad value, an unreadable spec
    // file, or a spec file given together with run options.
    bool read(const QCommandLineParser &parser, RunSpec &spec, QString &error) const;

private:
    bool readSpecFile(const QString &path, RunSpec &spec, QString &error) const;

    RunSpecOptions m_run;
    QCommandLineOption m_batchSize { QStringLiteral("batch-size"),
        QStringLiteral("Series per micro-batch, or auto (default 12)."), QStringLiteral("B|auto"),
        QStringLiteral("12") };
    QCommandLineOption m_name { QStringLiteral("name"), QStringLiteral("The run's name."),
        QStringLiteral("NAME") };
    QCommandLineOption m_spec { QStringLiteral("spec"),
        QStringLiteral("The whole run as JSON (run.json of a cluster job) instead of the run "
                       "options."),
        QStringLiteral("FILE") };
};
