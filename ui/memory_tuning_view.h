#pragma once

#include "inference/batch_memory_model.h"
#include "run/run_records.h"
#include "workbench/run_state.h"
#include "workbench/workspace.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>
#include <optional>

class ChartPanel;
class QLabel;
class QPushButton;

// The batches behind the memory fit, by where they come from.
struct MemoryObservations
{
    QString error;
    QList<BatchTelemetry> pastRuns; // earlier runs of the same checkpoint and device
    QList<BatchTelemetry> currentRun;
    QList<ProbeTrial> probe; // the trial batches of the last probe
};

// Answers "which batch size should I use on this machine?": peak memory against batch size
// from the past runs of the same checkpoint and device (read by the Workspace), the current run and
// a probe; the straight line fitted to them (kronos::BatchMemoryModel: base + size × per series,
// with R²); the memory budget; and the largest batch the fit keeps within it. The probe asks for
// short trial batches of 1, 2, 4, 8… series up to the universe size; each result is plotted (peak
// memory and estimated series/s) as it arrives, the probe is stopped once a trial fails or goes
// over the budget, and the fastest size within the budget is offered. Trials that ran join the fit.
//
// The view runs nothing itself: probeRequested() asks the owner to run the trial batches and
// feed addProbeResult() then finishProbe(); whether a probe is going is the run session's
// state, shown through setRunState(). While probing, the Probe button becomes Stop
// (probeStopRequested). GUI thread only.
class MemoryTuningView : public QWidget
{
    Q_OBJECT

public:
    explicit MemoryTuningView(Workspace &workspace, QWidget *parent = nullptr);
    ~MemoryTuningView() override;

    const MemoryObservations &observations() const { return m_observations; }
    kronos::MemoryModelFit fit() const;
    qint64 budgetBytes() const;
    // The largest batch whose fitted peak stays within 90% of the budget (the share automatic
    // batches use, kronos::MicroBatchScheduler::BudgetShare; at most the universe size); 0
    // before any observation.
    int recommendedBatchSize() const;
    // The probed size with the most (estimated) series per second whose peak stayed within 90%
    // of the budget (a trial's peak is below a whole batch's); 0 when none.
    int bestProbedBatchSize() const;
    bool isProbing() const { return ::isProbing(m_runState); }
    ChartPanel *memoryChart() const { return m_memoryChart; }
    ChartPanel *probeChart() const { return m_probeChart; }

public Q_SLOTS:
    // The checkpoint and device to tune for: reads the batches of the stored runs with the
    // same checkpoint and device (except `currentRunId`, whose batches the caller adds with
    // addRunBatch), then shows them. Forgets the probe when the checkpoint or device changes.
    void setTarget(const RunSpec &spec, qint64 currentRunId = 0);
    // setTarget(spec) unless the checkpoint and device are the ones shown already (the run
    // setup's edits call it: most change neither).
    void followTarget(const RunSpec &spec);
    // The memory budget: the run setup's (the one budget of runs, Auto and Probe), or the run's
    // while one goes. It counts the application's whole memory, which the view says.
    void setBudgetBytes(qint64 bytes);
    void setUniverseSize(int tickers);
    void setObservations(const MemoryObservations &observations);
    void addRunBatch(const BatchTelemetry &batch);
    // The run's batches so far, replacing those added before (one refit, however many).
    void setRunBatches(const QList<BatchTelemetry> &batches);
    // Why a probe cannot start now (a run is going, the setup is incomplete), shown on the
    // disabled Probe button; empty when it can.
    void setProbeBlocked(const QString &reason);
    // The run session's state (RunSession::stateChanged): probing or not.
    void setRunState(RunState state);
    void startProbe();
    void addProbeResult(const ProbeTrial &trial);
    // The probe ended (all sizes run, stopped, or failed with `error`).
    void finishProbe(const QString &error = {});

Q_SIGNALS:
    // Run one short batch of each size, in order, and report each with addProbeResult().
    void probeRequested(const QList<int> &sizes);
    // Stop the probe: the user asked, or a trial failed or went over the budget.
    void probeStopRequested();
    // The user picked a batch size (recommended or best probed).
    void batchSizeChosen(int size);
    // The past runs' batches are read and shown.
    void observationsLoaded();

private:
    void refresh();
    void drawMemory(const QList<BatchTelemetry> &batches, const kronos::BatchMemoryModel &fitted,
        int recommended);
    void drawProbe();
    // Every batch that ran to its end: past runs, this run, the probe's completed trials.
    QList<BatchTelemetry> observedBatches() const;
    static kronos::BatchMemoryModel model(const QList<BatchTelemetry> &batches);
    int recommendedFor(const kronos::BatchMemoryModel &fitted) const;
    double usableBytes() const; // of the budget, for the recommendations
    int budgetMiB() const;
    // What the last probe offers within the budget shown, and how its last trial failed.
    QString probeSummary() const;

    Workspace &m_workspace;
    MemoryObservations m_observations;
    std::optional<RunSpec> m_target; // the checkpoint and device shown
    QFutureWatcher<PastBatches> m_loader;
    int m_universeSize = 0;
    RunState m_runState = RunState::Idle; // as last shown
    QString m_probeBlocked;
    int m_probedBudgetMiB = 0; // the budget of the last probe's trials

    qint64 m_budgetBytes = 0; // the run setup's (or the run's), as last told
    QLabel *m_budgetText;
    QLabel *m_fitText;
    QLabel *m_recommendation;
    QLabel *m_probeText;
    QPushButton *m_probe;
    QPushButton *m_useRecommended;
    QPushButton *m_useProbed;
    ChartPanel *m_memoryChart;
    ChartPanel *m_probeChart;
};
