#pragma once

#include <QSettings>
#include <QVariant>

// Everything the workbench remembers between sessions, in one typed table over QSettings:
// each Key has exactly one storage name and one default (workbench_settings.cpp). No other code
// spells a settings key.
//
// QSettings' location comes from the application's organization and name (AppIdentity); tests
// redirect it with QSettings::setPath or QStandardPaths' test mode. GUI thread only.
class WorkbenchSettings
{
public:
    enum class Key {
        DatabasePath, // the market database file
        ModelFolder, // empty with the tokenizer folder: seeded random weights
        TokenizerFolder,
        HubAddress, // Hugging Face mirror for the checkpoint manager
        Universe,
        DateFrom, // ISO date; invalid = preselect from the universe's data
        DateTo,
        DateRangeOn, // false = the single date DateFrom
        DateStep, // "every", "weekly", "monthly" (RunSpec's names)
        DateEvery, // trading days between dates with "every"
        Horizon20,
        Horizon60,
        Horizon90,
        CustomHorizons, // "5, 120"
        Lookback,
        BatchSize,
        AutoBatch, // true = batch size chosen under the memory budget
        MemoryBudgetMb, // 0 = the device's default budget
        Device,
        Threads, // 0 = all cores
        Greedy, // deterministic decoding; false = the sampling fields below
        Temperature,
        TopP,
        TopK,
        SampleCount,
        Seed,
        RandomWeightsSeed,
        EvaluationCostBps, // the long-short book's cost per unit traded, basis points
        WindowGeometry,
        WindowState,
    };

    WorkbenchSettings();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    // The storage name ("run/universe"), for diagnostics and tests.
    static QString name(Key key);

    // Writes pending changes to disk now (otherwise QSettings does so on its own schedule).
    void sync();

private:
    QSettings m_settings;
};
