#pragma once

// Drives the real main window by objectName, as a user would: temporary settings and database,
// the fixture checkpoint, a small universe, two dates, batch size 4.

#include "run/scoring_worker.h"
#include "test_paths.h"
#include "ui/batch_chart_panel.h"
#include "ui/main_window.h"
#include "ui/memory_chart_panel.h"
#include "ui/run_control_bar.h"
#include "ui/run_setup_panel.h"
#include "ui/score_table_model.h"
#include "ui/scores_panel.h"
#include "ui/workbench_settings.h"
#include "workbench/run_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace MainWindowDriver {

// Loading the sample into a new database, and a run on the fixture, take seconds; a slow CI
// machine gets ample room.
constexpr int CatalogTimeoutMs = 120000;
constexpr int RunTimeoutMs = 240000;

// Settings in `folder` (never the user's), the market database in it too.
inline void useTemporaryEnvironment(const QTemporaryDir &folder, const char *applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KronosWorkbenchTest"));
    QCoreApplication::setApplicationName(QLatin1String(applicationName));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder.path());
    WorkbenchSettings settings;
    settings.setValue(
        WorkbenchSettings::Key::DatabasePath, folder.filePath(QStringLiteral("market.sqlite")));
    settings.sync();
}

template <typename T> T *child(QWidget &window, const char *name)
{
    T *found = window.findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return found;
}

inline bool catalogLoaded(MainWindow &window)
{
    auto *universes = child<QComboBox>(window, "universeCombo");
    return universes->isEnabled() && universes->count() > 0;
}

// The sector universe with the fewest members (but at least 3).
inline void chooseSmallUniverse(MainWindow &window)
{
    auto *setup = child<RunSetupPanel>(window, "runSetupPanel");
    auto *universes = child<QComboBox>(window, "universeCombo");
    QString smallest;
    int members = std::numeric_limits<int>::max();
    for (const UniverseInfo &universe : setup->catalog().universes) {
        if (universe.name.startsWith(QLatin1String("Sector:")) && universe.memberCount >= 3
            && universe.memberCount < members) {
            smallest = universe.name;
            members = universe.memberCount;
        }
    }
    universes->setCurrentIndex(universes->findData(smallest));
}

// `count` consecutive trading days of the chosen universe, with every horizon realized after
// them.
inline void chooseDates(MainWindow &window, int count = 2)
{
    auto *setup = child<RunSetupPanel>(window, "runSetupPanel");
    const UniverseInfo *universe = setup->catalog().find(
        child<QComboBox>(window, "universeCombo")->currentData().toString());
    QVERIFY(universe);
    const QList<QDate> &days = universe->tradingDays;
    QVERIFY(days.size() > 400);
    child<QCheckBox>(window, "dateRangeCheck")->setChecked(true);
    child<QComboBox>(window, "dateStepCombo")->setCurrentIndex(0);
    child<QSpinBox>(window, "dateEverySpin")->setValue(1);
    child<QDateEdit>(window, "fromDateEdit")->setDate(days.at(days.size() - 150));
    child<QDateEdit>(window, "toDateEdit")->setDate(days.at(days.size() - 151 + count));
}

inline void typeFolder(MainWindow &window, const char *editName, const QString &folder)
{
    auto *edit = child<QLineEdit>(window, editName);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, folder);
    QTest::keyClick(edit, Qt::Key_Return);
}

inline void chooseFixtureCheckpoint(MainWindow &window)
{
    typeFolder(window, "modelFolderEdit", testDataPath("kronos-narrow/model"));
    typeFolder(window, "tokenizerFolderEdit", testDataPath("kronos-narrow/tokenizer"));
}

inline void chooseBatchSize(MainWindow &window, int size)
{
    child<QCheckBox>(window, "autoBatchCheck")->setChecked(false);
    child<QSpinBox>(window, "batchSizeSpin")->setValue(size);
}

inline QString progressText(MainWindow &window)
{
    return child<QLabel>(window, "runProgressText")->text();
}

// Series this session scores (the progress bar's range, set when the run starts).
inline int seriesToScore(MainWindow &window)
{
    return child<QProgressBar>(window, "runProgress")->maximum();
}

// Members of the universe chosen in the setup.
inline int chosenUniverseSize(MainWindow &window)
{
    const UniverseInfo *universe
        = child<RunSetupPanel>(window, "runSetupPanel")
              ->catalog()
              .find(child<QComboBox>(window, "universeCombo")->currentData().toString());
    return universe ? universe->memberCount : 0;
}

inline int scoreRows(MainWindow &window)
{
    return child<ScoresPanel>(window, "scoresPanel")->model()->rowCount();
}

// Holds the scoring worker on its own thread, where a signal of its is connected directly, until
// the test releases it: the test acts (cancels, pauses, closes) while the worker provably waits,
// instead of racing it with a fixed delay. A forgotten release ends after two minutes.
class WorkerGate
{
public:
    void hold()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_holding = true;
        m_released.wait_for(lock, std::chrono::minutes(2), [this] { return m_open; });
        m_holding = false;
    }
    void release()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_open = true;
        }
        m_released.notify_all();
    }
    // The worker waits at the gate now.
    bool isHolding()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_holding;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_released;
    bool m_open = false;
    bool m_holding = false;
};

inline ScoringWorker *scoringWorker(MainWindow &window)
{
    return window.findChild<RunSession *>()->worker();
}

// Holds the worker once batch `index` of the next run has finished (and is shown).
inline std::shared_ptr<WorkerGate> holdAfterBatch(MainWindow &window, int index)
{
    auto gate = std::make_shared<WorkerGate>();
    ScoringWorker *worker = scoringWorker(window);
    QObject::connect(
        worker, &ScoringWorker::batchFinished, worker,
        [gate, index](int finished) {
            if (finished == index)
                gate->hold();
        },
        Qt::DirectConnection);
    return gate;
}

// Holds the worker once the first trial of the next probe has finished.
inline std::shared_ptr<WorkerGate> holdAfterFirstTrial(MainWindow &window)
{
    auto gate = std::make_shared<WorkerGate>();
    auto first = std::make_shared<bool>(true);
    ScoringWorker *worker = scoringWorker(window);
    QObject::connect(
        worker, &ScoringWorker::probeTrialFinished, worker,
        [gate, first] {
            if (std::exchange(*first, false))
                gate->hold();
        },
        Qt::DirectConnection);
    return gate;
}

} // namespace MainWindowDriver
