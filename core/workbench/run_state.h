#pragma once

#include <QMetaType>
#include <QString>

// What the run session is doing: the one answer the control bar, the memory-tuning view and the
// window read (RunSession::state()), never a copy kept by each.
enum class RunState {
    Idle, // nothing has run yet
    Starting, // the worker loads the checkpoint and plans the run
    Running,
    Pausing, // pause asked: the batch under way finishes first
    Paused, // the worker holds between batches
    Cancelling, // cancel asked: the run stops within one decoding step
    Probing, // the memory-tuning view's trial batches occupy the worker
    StoppingProbe, // stop asked: the probe ends within one decoding step
    Finished, // the last run scored every series
    Cancelled, // the last run was cancelled; Resume continues it
    Failed, // the last run failed
};

// A run or a probe occupies the worker: nothing else can start.
bool isBusy(RunState state);
// The trial batches of a probe occupy the worker.
bool isProbing(RunState state);
// "running", "paused", … for logs and test messages.
QString runStateName(RunState state);

Q_DECLARE_METATYPE(RunState)
