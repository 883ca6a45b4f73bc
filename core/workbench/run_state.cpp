#include "workbench/run_state.h"

bool isBusy(RunState state)
{
    switch (state) {
    case RunState::Starting:
    case RunState::Running:
    case RunState::Pausing:
    case RunState::Paused:
    case RunState::Cancelling:
    case RunState::Probing:
    case RunState::StoppingProbe:
        return true;
    case RunState::Idle:
    case RunState::Finished:
    case RunState::Cancelled:
    case RunState::Failed:
        break;
    }
    return false;
}

bool isProbing(RunState state)
{
    return state == RunState::Probing || state == RunState::StoppingProbe;
}

QString runStateName(RunState state)
{
    switch (state) {
    case RunState::Idle:
        return QStringLiteral("idle");
    case RunState::Starting:
        return QStringLiteral("starting");
    case RunState::Running:
        return QStringLiteral("running");
    case RunState::Pausing:
        return QStringLiteral("pausing");
    case RunState::Paused:
        return QStringLiteral("paused");
    case RunState::Cancelling:
        return QStringLiteral("cancelling");
    case RunState::Probing:
        return QStringLiteral("probing");
    case RunState::StoppingProbe:
        return QStringLiteral("stopping the probe");
    case RunState::Finished:
        return QStringLiteral("finished");
    case RunState::Cancelled:
        return QStringLiteral("cancelled");
    case RunState::Failed:
        break;
    }
    return QStringLiteral("failed");
}
