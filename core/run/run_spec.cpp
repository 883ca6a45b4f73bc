#include "run_spec.h"

#include "byte_size.h"
#include "memory_probe.h"

#include <QJsonArray>
#include <algorithm>

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

QList<int> RunSpec::defaultHorizons()
{
    return { 20, 60, 90 };
}

int RunSpec::longestHorizon() const
{
    return horizons.isEmpty() ? 0 : *std::max_element(horizons.cbegin(), horizons.cend());
}

bool RunSpec::releasesCachedMemory() const
{
    return releaseCachedMemory.value_or(device != QLatin1String("cpu"));
}

qint64 RunSpec::memoryBudgetBytes() const
{
    return memoryBudgetMib > 0 ? ByteSize::fromMiB(memoryBudgetMib)
                               : kronos::MemoryProbe(device).defaultBudgetBytes();
}

kronos::EngineOptions RunSpec::engineOptions() const
{
    kronos::EngineOptions options;
    options.device = device;
    options.threads = threads;
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
    if (json.contains(QStringLiteral("release_cached_memory")))
        spec.releaseCachedMemory = json.value(QStringLiteral("release_cached_memory")).toBool();
    error = spec.validate();
    return error.isEmpty();
}
