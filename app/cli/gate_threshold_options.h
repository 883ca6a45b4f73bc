#pragma once

#include "eval/gates.h"

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

// The evaluation gates' thresholds as command-line options (`--factor-rank-ic X`,
// `--ml-reference X`, ...); each defaults to Eval::GateThresholds' value.
class GateThresholdOptions
{
public:
    // Adds the options to `parser`.
    explicit GateThresholdOptions(QCommandLineParser &parser);

    // The thresholds the user chose. Returns false with `error` set when a value is not a
    // number (or, for --factor-horizons, not a whole number >= 1).
    bool read(
        const QCommandLineParser &parser, Eval::GateThresholds &thresholds, QString &error) const;

private:
    QCommandLineOption m_factorRankIc;
    QCommandLineOption m_factorHorizons;
    QCommandLineOption m_maxMomentumCorrelation;
    QCommandLineOption m_mlRankIc;
    QCommandLineOption m_mlReference;
    QCommandLineOption m_mlTolerance;
    QCommandLineOption m_maxTurnover;
    QCommandLineOption m_minNeweyWestT;
};
