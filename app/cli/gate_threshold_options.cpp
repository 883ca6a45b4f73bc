#include "cli/gate_threshold_options.h"

#include <QCommandLineParser>

namespace {

QCommandLineOption numberOption(const char *name, const QString &description, double fallback)
{
    return QCommandLineOption(QLatin1String(name),
        QStringLiteral("%1 (default %2).").arg(description).arg(fallback), QStringLiteral("X"));
}

// Leaves `value` alone when the option is not set.
bool readNumber(const QCommandLineParser &parser, const QCommandLineOption &option, double &value,
    QString &error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const double parsed = parser.value(option).toDouble(&ok);
    if (!ok) {
        error = QStringLiteral("--%1 '%2' is not a number")
                    .arg(option.names().first(), parser.value(option));
        return false;
    }
    value = parsed;
    return true;
}

} // namespace

GateThresholdOptions::GateThresholdOptions(QCommandLineParser &parser)
    : m_factorRankIc(numberOption("factor-rank-ic",
        QStringLiteral("Factor gate: minimum RankIC mean"), Eval::GateThresholds().factorMinRankIc))
    , m_factorHorizons(QStringLiteral("factor-horizons"),
          QStringLiteral("Factor gate: horizons that must pass (default %1).")
              .arg(Eval::GateThresholds().factorMinHorizons),
          QStringLiteral("N"))
    , m_maxMomentumCorrelation(numberOption("max-momentum-corr",
          QStringLiteral("Factor gate: |correlation with "
                         "momentum| must stay below this"),
          Eval::GateThresholds().factorMaxMomentumCorrelation))
    , m_mlRankIc(numberOption("ml-rank-ic", QStringLiteral("ML gate: minimum RankIC mean"),
          Eval::GateThresholds().mlMinRankIc))
    , m_mlReference(QStringLiteral("ml-reference"),
          QStringLiteral("ML gate: a reference RankIC; the model also passes within "
                         "--ml-tolerance of it (default none)."),
          QStringLiteral("X"))
    , m_mlTolerance(numberOption("ml-tolerance",
          QStringLiteral("ML gate: how far below the reference still passes"),
          Eval::GateThresholds().mlReferenceTolerance))
    , m_maxTurnover(numberOption("max-turnover",
          QStringLiteral("Practical gate: maximum mean top-quintile turnover"),
          Eval::GateThresholds().practicalMaxTopTurnover))
    , m_minNeweyWestT(numberOption("min-nw-t",
          QStringLiteral("Factor and ML gates: minimum Newey-West t of the RankIC"),
          Eval::GateThresholds().minNeweyWestT))
{
    parser.addOptions({ m_factorRankIc, m_factorHorizons, m_maxMomentumCorrelation, m_mlRankIc,
        m_mlReference, m_mlTolerance, m_maxTurnover, m_minNeweyWestT });
}

bool GateThresholdOptions::read(
    const QCommandLineParser &parser, Eval::GateThresholds &thresholds, QString &error) const
{
    if (parser.isSet(m_factorHorizons)) {
        bool ok = false;
        thresholds.factorMinHorizons = parser.value(m_factorHorizons).toInt(&ok);
        if (!ok || thresholds.factorMinHorizons < 1) {
            error = QStringLiteral("--factor-horizons '%1' is not a whole number >= 1")
                        .arg(parser.value(m_factorHorizons));
            return false;
        }
    }
    if (parser.isSet(m_mlReference)) {
        double reference = 0;
        if (!readNumber(parser, m_mlReference, reference, error))
            return false;
        thresholds.mlReferenceRankIc = reference;
    }
    return readNumber(parser, m_factorRankIc, thresholds.factorMinRankIc, error)
        && readNumber(
            parser, m_maxMomentumCorrelation, thresholds.factorMaxMomentumCorrelation, error)
        && readNumber(parser, m_mlRankIc, thresholds.mlMinRankIc, error)
        && readNumber(parser, m_mlTolerance, thresholds.mlReferenceTolerance, error)
        && readNumber(parser, m_maxTurnover, thresholds.practicalMaxTopTurnover, error)
        && readNumber(parser, m_minNeweyWestT, thresholds.minNeweyWestT, error);
}
