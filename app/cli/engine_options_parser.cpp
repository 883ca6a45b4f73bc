#include "cli/engine_options_parser.h"

namespace {

bool readInt(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum,
    int &value, QString &error)
{
    bool ok = false;
    value = parser.value(option).toInt(&ok);
    if (!ok || value < minimum) {
        error = QStringLiteral("--%1 must be an integer >= %2, got '%3'")
                    .arg(option.names().first())
                    .arg(minimum)
                    .arg(parser.value(option));
        return false;
    }
    return true;
}

bool readDouble(const QCommandLineParser &parser, const QCommandLineOption &option, double &value,
    QString &error)
{
    bool ok = false;
    value = parser.value(option).toDouble(&ok);
    if (!ok) {
        error = QStringLiteral("--%1 must be a number, got '%2'")
                    .arg(option.names().first(), parser.value(option));
        return false;
    }
    return true;
}

} // namespace

EngineOptionsParser::EngineOptionsParser(QCommandLineParser &parser, bool withSampling)
    : m_withSampling(withSampling)
{
    parser.addOption(m_maxContext);
    parser.addOption(m_threads);
    parser.addOption(m_device);
    if (withSampling)
        parser.addOptions({ m_temperature, m_topK, m_topP, m_sampleCount, m_seed });
}

bool EngineOptionsParser::read(const QCommandLineParser &parser, kronos::EngineOptions &engine,
    kronos::SamplingOptions &sampling, int &threads, QString &error) const
{
    engine.device = parser.value(m_device);
    if (!kronos::availableDevices().contains(engine.device)) {
        error = QStringLiteral("--device %1 is not available here (available: %2)")
                    .arg(engine.device, kronos::availableDevices().join(QStringLiteral(", ")));
        return false;
    }
    // Not given: 0, the checkpoint's own (kronos::publishedMaxContext()).
    engine.maxContext = 0;
    if ((parser.isSet(m_maxContext) && !readInt(parser, m_maxContext, 1, engine.maxContext, error))
        || !readInt(parser, m_threads, 0, threads, error))
        return false;
    if (!m_withSampling)
        return true;
    int seed = 0;
    if (!readDouble(parser, m_temperature, sampling.temperature, error)
        || !readInt(parser, m_topK, 0, sampling.topK, error)
        || !readDouble(parser, m_topP, sampling.topP, error)
        || !readInt(parser, m_sampleCount, 1, sampling.sampleCount, error)
        || !readInt(parser, m_seed, 0, seed, error))
        return false;
    sampling.seed = uint64_t(seed);
    if (sampling.temperature < 0 || !(sampling.topP > 0 && sampling.topP <= 1)) {
        error = QStringLiteral("--temperature must be >= 0 and --top-p in (0, 1]");
        return false;
    }
    return true;
}

bool EngineOptionsParser::samplingGiven(const QCommandLineParser &parser) const
{
    if (!m_withSampling)
        return false;
    for (const QCommandLineOption *option :
        { &m_temperature, &m_topK, &m_topP, &m_sampleCount, &m_seed }) {
        if (parser.isSet(*option))
            return true;
    }
    return false;
}

QStringList EngineOptionsParser::given(const QCommandLineParser &parser) const
{
    QList<const QCommandLineOption *> options { &m_maxContext, &m_threads, &m_device };
    if (m_withSampling)
        options += { &m_temperature, &m_topK, &m_topP, &m_sampleCount, &m_seed };
    QStringList names;
    for (const QCommandLineOption *option : std::as_const(options))
        if (parser.isSet(*option))
            names << option->names().first();
    return names;
}
