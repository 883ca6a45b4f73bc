#include "cli/run_spec_options.h"

#include "run/positive_list.h"

bool readPositiveOption(const QString &text, const QString &option, qint64 &value, QString &error)
{
    bool ok = false;
    value = text.toLongLong(&ok);
    if (!ok || value < 1)
        error = QStringLiteral("--%1 must be a positive integer, got '%2'").arg(option, text);
    return ok && value >= 1;
}

namespace {

bool readDate(const QString &text, const QString &option, QDate &date, QString &error)
{
    date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        error = QStringLiteral("--%1 must be a date like 2019-06-28, got '%2'").arg(option, text);
    return date.isValid();
}

} // namespace

RunSpecOptions::RunSpecOptions(QCommandLineParser &parser)
    : m_engine(withOwnOptions(parser), /*withSampling=*/true)
{
}

QCommandLineParser &RunSpecOptions::withOwnOptions(QCommandLineParser &parser) const
{
    // The engine's options follow these in --help.
    parser.addOptions({ m_universe, m_date, m_from, m_to, m_every, m_monthly, m_weekly, m_horizons,
        m_lookback, m_model, m_tokenizer, m_randomWeights, m_budget });
    return parser;
}

bool RunSpecOptions::readDates(
    const QCommandLineParser &parser, DateSelection &dates, QString &error) const
{
    if (parser.isSet(m_date) == (parser.isSet(m_from) || parser.isSet(m_to))) {
        error = QStringLiteral("give either --date D or --from D --to D");
        return false;
    }
    if (parser.isSet(m_date)) {
        QDate day;
        if (!readDate(parser.value(m_date), QStringLiteral("date"), day, error))
            return false;
        dates = DateSelection::single(day);
        return true;
    }
    if (!parser.isSet(m_from) || !parser.isSet(m_to)) {
        error = QStringLiteral("a range needs both --from and --to");
        return false;
    }
    if (!readDate(parser.value(m_from), QStringLiteral("from"), dates.from, error)
        || !readDate(parser.value(m_to), QStringLiteral("to"), dates.to, error))
        return false;
    if (int(parser.isSet(m_monthly)) + int(parser.isSet(m_weekly)) + int(parser.isSet(m_every))
        > 1) {
        error = QStringLiteral("choose one of --every, --monthly and --weekly");
        return false;
    }
    qint64 every = 0;
    if (!readPositiveOption(parser.value(m_every), QStringLiteral("every"), every, error))
        return false;
    dates.every = int(every);
    dates.step = parser.isSet(m_monthly) ? DateStep::Monthly
        : parser.isSet(m_weekly)         ? DateStep::Weekly
                                         : DateStep::EveryNTradingDays;
    return true;
}

bool RunSpecOptions::read(const QCommandLineParser &parser, RunSpec &spec, QString &error) const
{
    if (!parser.isSet(m_universe)) {
        error = QStringLiteral("--universe NAME is required");
        return false;
    }
    spec.universe = parser.value(m_universe);
    if (!readDates(parser, spec.dates, error))
        return false;
    const PositiveList horizons = parsePositiveList(parser.value(m_horizons));
    if (!horizons.isValid()) {
        error = QStringLiteral("--horizons must be positive integers like 20,60,90, got '%1'")
                    .arg(parser.value(m_horizons));
        return false;
    }
    spec.horizons = horizons.values;
    qint64 number = 0;
    if (!readPositiveOption(parser.value(m_lookback), QStringLiteral("lookback"), number, error))
        return false;
    spec.lookback = int(number);
    if (parser.isSet(m_budget)) {
        if (!readPositiveOption(
                parser.value(m_budget), QStringLiteral("memory-budget"), number, error))
            return false;
        spec.memoryBudgetMib = number;
    }
    spec.model.modelDir = parser.value(m_model);
    spec.model.tokenizerDir = parser.value(m_tokenizer);
    spec.model.randomShape = parser.value(m_randomWeights);
    kronos::EngineOptions engine;
    if (!m_engine.read(parser, engine, spec.sampling, spec.threads, error))
        return false;
    if (!m_engine.samplingGiven(parser))
        spec.sampling = kronos::SamplingOptions::greedy();
    spec.device = engine.device;
    spec.maxContext = engine.maxContext;
    error = spec.validate();
    return error.isEmpty();
}

QStringList RunSpecOptions::given(const QCommandLineParser &parser) const
{
    QStringList names;
    for (const QCommandLineOption *option :
        { &m_universe, &m_date, &m_from, &m_to, &m_every, &m_monthly, &m_weekly, &m_horizons,
            &m_lookback, &m_model, &m_tokenizer, &m_randomWeights, &m_budget })
        if (parser.isSet(*option))
            names << option->names().first();
    return names + m_engine.given(parser);
}
