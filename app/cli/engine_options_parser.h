#pragma once

#include "inference/kronos_engine.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

// The engine and sampling options that `forecast`, `bench` and `score` share, with upstream's
// defaults (the context: the checkpoint's own), so every command spells and checks them the same
// way.
class EngineOptionsParser
{
public:
    // Adds --max-context, --threads, --device and, with `withSampling`, --temperature, --top-k,
    // --top-p, --sample-count, --seed.
    EngineOptionsParser(QCommandLineParser &parser, bool withSampling);

    // Reads the values after parser.process(); returns false with `error` set for a bad value.
    // `threads` is the process's compute threads (kronos::setComputeThreads), 0 = every core.
    bool read(const QCommandLineParser &parser, kronos::EngineOptions &engine,
        kronos::SamplingOptions &sampling, int &threads, QString &error) const;
    // Whether any sampling option was given (without one, a run decodes greedily).
    bool samplingGiven(const QCommandLineParser &parser) const;
    // The names of the options above that were given ("threads", "seed").
    QStringList given(const QCommandLineParser &parser) const;

private:
    bool m_withSampling;
    QCommandLineOption m_maxContext { QStringLiteral("max-context"),
        QStringLiteral("Tokens the model sees (default: the checkpoint's own, 2048 for "
                       "Kronos-mini, 512 for the others)."),
        QStringLiteral("N") };
    QCommandLineOption m_threads { QStringLiteral("threads"),
        QStringLiteral("Intra-op threads (default: all cores)."), QStringLiteral("N"),
        QStringLiteral("0") };
    QCommandLineOption m_device { QStringLiteral("device"),
        QStringLiteral("cpu, cuda or mps (default: mps where available, else cpu)."),
        QStringLiteral("NAME"), kronos::defaultDevice() };
    QCommandLineOption m_temperature { QStringLiteral("temperature"),
        QStringLiteral("Sampling temperature; 0 = greedy (default 1)."), QStringLiteral("T"),
        QStringLiteral("1") };
    QCommandLineOption m_topK { QStringLiteral("top-k"),
        QStringLiteral("Keep the k most likely tokens; 1 = greedy (default 0)."),
        QStringLiteral("K"), QStringLiteral("0") };
    QCommandLineOption m_topP { QStringLiteral("top-p"),
        QStringLiteral("Nucleus threshold (default 0.9)."), QStringLiteral("P"),
        QStringLiteral("0.9") };
    QCommandLineOption m_sampleCount { QStringLiteral("sample-count"),
        QStringLiteral("Samples averaged per series (default 1)."), QStringLiteral("S"),
        QStringLiteral("1") };
    QCommandLineOption m_seed { QStringLiteral("seed"),
        QStringLiteral("Sampling seed (default 0)."), QStringLiteral("N"), QStringLiteral("0") };
};
