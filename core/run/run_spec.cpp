#include "run/run_spec.h"

#include <QJsonArray>
#include <QStringList>
#include <algorithm>
#include <tuple>

namespace {

QString stepName(DateStep step)
{
    switch (step) {
    case DateStep::Monthly:
        return QStringLiteral("monthly");
    case DateStep::Weekly:
        return QStringLiteral("weekly");
    case DateStep::EveryNTradingDays:
        break;
    }
    return QStringLiteral("every");
}

} // namespace

QString DateSelection::text() const
{
    const QString first = from.toString(Qt::ISODate);
    if (isSingleDate())
        return first;
    const QString stepText = step == DateStep::EveryNTradingDays
        ? QStringLiteral("every %1").arg(every)
        : stepName(step);
    return QStringLiteral("%1..%2 %3").arg(first, to.toString(Qt::ISODate), stepText);
}

QString samplingText(const kronos::SamplingOptions &sampling)
{
    if (sampling.isGreedy())
        return sampling.sampleCount > 1
            ? QStringLiteral("greedy, %1 samples").arg(sampling.sampleCount)
            : QStringLiteral("greedy");
    return QStringLiteral("T %1, top-k %2, top-p %3, %4 samples, seed %5")
        .arg(sampling.temperature)
        .arg(sampling.topK)
        .arg(sampling.topP)
        .arg(sampling.sampleCount)
        .arg(sampling.seed);
}

std::optional<RunShard> RunShard::parse(const QString &text, QString &error)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    bool indexOk = false;
    bool countOk = false;
    const RunShard shard { parts.value(0).toInt(&indexOk), parts.value(1).toInt(&countOk) };
    if (parts.size() != 2 || !indexOk || !countOk || shard.count < 1 || shard.index < 0
        || shard.index >= shard.count) {
        error = QStringLiteral("a shard is I/N with 0 <= I < N, like 0/8; got '%1'").arg(text);
        return std::nullopt;
    }
    return shard;
}

QString RunShard::text() const
{
    return QStringLiteral("%1/%2").arg(index).arg(count);
}

QList<int> RunSpec::defaultHorizons()
{
    return { 20, 60, 90 };
}

int RunSpec::longestHorizon() const
{
    return horizons.isEmpty() ? 0 : *std::max_element(horizons.cbegin(), horizons.cend());
}

QString RunSpec::horizonsText() const
{
    QStringList texts;
    for (int horizon : horizons)
        texts << QString::number(horizon);
    return texts.join(QLatin1Char(','));
}

bool RunSpec::releasesCachedMemory() const
{
    return releaseCachedMemory.value_or(device != QLatin1String("cpu"));
}

kronos::EngineOptions RunSpec::engineOptions() const
{
    kronos::EngineOptions options;
    options.device = device;
    options.maxContext = maxContext;
    return options;
}

QString RunSpec::validate() const
{
    if (universe.isEmpty())
        return QStringLiteral("no universe given");
    if (!dates.from.isValid() || !dates.to.isValid() || dates.to < dates.from)
        return QStringLiteral("the evaluation dates need a valid date or a range with from <= to");
    if (dates.every < 1)
        return QStringLiteral("the date step must be at least 1 trading day");
    if (horizons.isEmpty()
        || std::any_of(horizons.cbegin(), horizons.cend(), [](int h) { return h < 1; }))
        return QStringLiteral("horizons must be positive numbers of trading days");
    // With the checkpoint's own context, the engine checks it once loaded.
    if (maxContext > 0 && longestHorizon() > maxContext)
        return QStringLiteral("the longest horizon (%1) exceeds the model's context (%2)")
            .arg(longestHorizon())
            .arg(maxContext);
    if (lookback < 1)
        return QStringLiteral("the lookback must be at least 1 bar");
    if (batchSize < 0 || memoryBudgetMib < 0 || threads < 0)
        return QStringLiteral("batch size, memory budget and threads cannot be negative");
    if (model.randomShape.isEmpty() && (model.modelDir.isEmpty() || model.tokenizerDir.isEmpty()))
        return QStringLiteral("a model and a tokenizer folder are required");
    if (shard && (shard->count < 1 || shard->index < 0 || shard->index >= shard->count))
        return QStringLiteral("shard %1 does not exist: a shard is I/N with 0 <= I < N")
            .arg(shard->text());
    return {};
}

RunSpec RunSpec::wholeRun() const
{
    RunSpec whole = *this;
    whole.shard.reset();
    return whole;
}

QString RunSpec::resultDifference(const RunSpec &other) const
{
    const auto shardText = [](const std::optional<RunShard> &shard) {
        return shard ? shard->text() : QStringLiteral("none");
    };
    // Folders may differ from machine to machine; the weights may not. A spec that has not run
    // yet has no hash to compare.
    const bool bothHashed = !model.contentHash.isEmpty() && !other.model.contentHash.isEmpty();
    const QList<std::tuple<const char *, QString, QString>> fields {
        { "universe", universe, other.universe },
        { "dates", dates.text(), other.dates.text() },
        { "horizons", horizonsText(), other.horizonsText() },
        { "lookback", QString::number(lookback), QString::number(other.lookback) },
        { "max context", QString::number(maxContext), QString::number(other.maxContext) },
        { "sampling", samplingText(sampling), samplingText(other.sampling) },
        { "shard", shardText(shard), shardText(other.shard) },
        { "checkpoint contents", bothHashed ? model.contentHash : QString(),
            bothHashed ? other.model.contentHash : QString() },
    };
    for (const auto &[field, mine, theirs] : fields) {
        if (mine != theirs)
            return QStringLiteral("%1: %2 vs %3").arg(QLatin1String(field), mine, theirs);
    }
    return {};
}

QJsonObject RunSpec::toJson() const
{
    QJsonArray horizonArray;
    for (int horizon : horizons)
        horizonArray.append(horizon);
    QJsonObject json {
        { QStringLiteral("name"), name },
        { QStringLiteral("universe"), universe },
        { QStringLiteral("from"), dates.from.toString(Qt::ISODate) },
        { QStringLiteral("to"), dates.to.toString(Qt::ISODate) },
        { QStringLiteral("step"), stepName(dates.step) },
        { QStringLiteral("every"), dates.every },
        { QStringLiteral("horizons"), horizonArray },
        { QStringLiteral("lookback"), lookback },
        { QStringLiteral("model_dir"), model.modelDir },
        { QStringLiteral("tokenizer_dir"), model.tokenizerDir },
        { QStringLiteral("random_shape"), model.randomShape },
        // JSON numbers are doubles: 64-bit seeds travel as text.
        { QStringLiteral("weights_seed"), QString::number(model.weightsSeed) },
        { QStringLiteral("content_hash"), model.contentHash },
        { QStringLiteral("device"), device },
        { QStringLiteral("threads"), threads },
        { QStringLiteral("max_context"), maxContext },
        { QStringLiteral("batch_size"), batchSize },
        { QStringLiteral("memory_budget_mb"), double(memoryBudgetMib) },
        { QStringLiteral("temperature"), sampling.temperature },
        { QStringLiteral("top_k"), sampling.topK },
        { QStringLiteral("top_p"), sampling.topP },
        { QStringLiteral("sample_count"), sampling.sampleCount },
        { QStringLiteral("seed"), QString::number(sampling.seed) },
    };
    if (releaseCachedMemory)
        json.insert(QStringLiteral("release_cached_memory"), *releaseCachedMemory);
    // The whole run's spec rides along, so a shard's database alone says what it is part of.
    if (shard)
        json.insert(QStringLiteral("shard"),
            QJsonObject { { QStringLiteral("index"), shard->index },
                { QStringLiteral("count"), shard->count },
                { QStringLiteral("whole_run"), wholeRun().toJson() } });
    return json;
}

bool RunSpec::fromJson(const QJsonObject &json, RunSpec &spec, QString &error)
{
    for (const char *key : { "universe", "from", "to", "horizons", "lookback", "batch_size" }) {
        if (!json.contains(QLatin1String(key))) {
            error = QStringLiteral("the stored run spec lacks '%1'").arg(QLatin1String(key));
            return false;
        }
    }
    spec = RunSpec();
    spec.name = json.value(QStringLiteral("name")).toString();
    spec.universe = json.value(QStringLiteral("universe")).toString();
    spec.dates.from = QDate::fromString(json.value(QStringLiteral("from")).toString(), Qt::ISODate);
    spec.dates.to = QDate::fromString(json.value(QStringLiteral("to")).toString(), Qt::ISODate);
    const QString step = json.value(QStringLiteral("step")).toString();
    spec.dates.step = step == QLatin1String("monthly") ? DateStep::Monthly
        : step == QLatin1String("weekly")              ? DateStep::Weekly
                                                       : DateStep::EveryNTradingDays;
    spec.dates.every = json.value(QStringLiteral("every")).toInt(1);
    spec.horizons.clear();
    for (const QJsonValue &horizon : json.value(QStringLiteral("horizons")).toArray())
        spec.horizons.append(horizon.toInt());
    spec.lookback = json.value(QStringLiteral("lookback")).toInt();
    spec.model.modelDir = json.value(QStringLiteral("model_dir")).toString();
    spec.model.tokenizerDir = json.value(QStringLiteral("tokenizer_dir")).toString();
    spec.model.randomShape = json.value(QStringLiteral("random_shape")).toString();
    spec.model.weightsSeed = json.value(QStringLiteral("weights_seed")).toString().toULongLong();
    spec.device = json.value(QStringLiteral("device")).toString(QStringLiteral("cpu"));
    spec.threads = json.value(QStringLiteral("threads")).toInt();
    spec.maxContext = json.value(QStringLiteral("max_context")).toInt();
    spec.batchSize = json.value(QStringLiteral("batch_size")).toInt();
    spec.memoryBudgetMib = qint64(json.value(QStringLiteral("memory_budget_mb")).toDouble());
    spec.sampling.temperature = json.value(QStringLiteral("temperature")).toDouble(1.0);
    spec.sampling.topK = json.value(QStringLiteral("top_k")).toInt();
    spec.sampling.topP = json.value(QStringLiteral("top_p")).toDouble(1.0);
    spec.sampling.sampleCount = json.value(QStringLiteral("sample_count")).toInt(1);
    spec.sampling.seed = json.value(QStringLiteral("seed")).toString().toULongLong();
    spec.model.contentHash = json.value(QStringLiteral("content_hash")).toString();
    if (json.contains(QStringLiteral("release_cached_memory")))
        spec.releaseCachedMemory = json.value(QStringLiteral("release_cached_memory")).toBool();
    if (json.contains(QStringLiteral("shard"))) {
        const QJsonObject shard = json.value(QStringLiteral("shard")).toObject();
        spec.shard = RunShard { shard.value(QStringLiteral("index")).toInt(-1),
            shard.value(QStringLiteral("count")).toInt() };
    }
    error = spec.validate();
    return error.isEmpty();
}
