#include "ui/workbench_settings.h"

#include "eval/long_short_book.h"
#include "workbench/workspace.h"

#include <QtGlobal>
#include <array>

namespace {

struct Entry
{
    WorkbenchSettings::Key key;
    const char *name;
    QVariant defaultValue;
};

using Key = WorkbenchSettings::Key;

// The one table. Defaults are those of a first start: the bundled sample's data, greedy
// decoding, Kronos' published context and the run layer's defaults.
const std::array<Entry, 30> &entries()
{
    static const std::array<Entry, 30> table { {
        { Key::DatabasePath, "data/databasePath", Workspace::defaultDatabasePath() },
        { Key::ModelFolder, "checkpoint/modelFolder", QString() },
        { Key::TokenizerFolder, "checkpoint/tokenizerFolder", QString() },
        { Key::HubAddress, "checkpoint/hubAddress", QStringLiteral("https://huggingface.co") },
        { Key::Universe, "run/universe", QString() },
        { Key::DateFrom, "run/dateFrom", QString() },
        { Key::DateTo, "run/dateTo", QString() },
        { Key::DateRangeOn, "run/dateRange", false },
        { Key::DateStep, "run/dateStep", QStringLiteral("every") },
        { Key::DateEvery, "run/dateEvery", 5 },
        { Key::Horizon20, "run/horizon20", true },
        { Key::Horizon60, "run/horizon60", true },
        { Key::Horizon90, "run/horizon90", true },
        { Key::CustomHorizons, "run/customHorizons", QString() },
        { Key::Lookback, "run/lookback", 252 },
        { Key::BatchSize, "run/batchSize", 12 },
        { Key::AutoBatch, "run/autoBatch", false },
        { Key::MemoryBudgetMb, "run/memoryBudgetMb", 0 },
        { Key::Device, "run/device", QStringLiteral("cpu") },
        { Key::Threads, "run/threads", 0 },
        { Key::Greedy, "sampling/greedy", true },
        { Key::Temperature, "sampling/temperature", 1.0 },
        { Key::TopP, "sampling/topP", 0.9 },
        { Key::TopK, "sampling/topK", 0 },
        { Key::SampleCount, "sampling/sampleCount", 1 },
        { Key::Seed, "sampling/seed", 0 },
        { Key::RandomWeightsSeed, "checkpoint/randomWeightsSeed", 1 },
        { Key::EvaluationCostBps, "evaluation/costBps", Eval::kDefaultCostBps },
        { Key::WindowGeometry, "window/geometry", QByteArray() },
        { Key::WindowState, "window/state", QByteArray() },
    } };
    return table;
}

const Entry &entry(Key key)
{
    for (const Entry &candidate : entries()) {
        if (candidate.key == key)
            return candidate;
    }
    qFatal("WorkbenchSettings: key %d is missing from the table", int(key));
}

} // namespace

WorkbenchSettings::WorkbenchSettings() = default;

QVariant WorkbenchSettings::value(Key key) const
{
    const Entry &e = entry(key);
    QVariant stored = m_settings.value(QLatin1String(e.name), e.defaultValue);
    // INI files give back strings; hand out the table's type so callers can rely on it.
    if (stored.metaType() != e.defaultValue.metaType()
        && stored.canConvert(e.defaultValue.metaType()))
        stored.convert(e.defaultValue.metaType());
    return stored;
}

void WorkbenchSettings::setValue(Key key, const QVariant &value)
{
    m_settings.setValue(QLatin1String(entry(key).name), value);
}

QString WorkbenchSettings::name(Key key)
{
    return QLatin1String(entry(key).name);
}

void WorkbenchSettings::sync()
{
    m_settings.sync();
}
