#include "run/run_records.h"

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Cancelled:
        return QStringLiteral("cancelled");
    case RunStatus::Failed:
        return QStringLiteral("failed");
    case RunStatus::Finished:
        return QStringLiteral("finished");
    case RunStatus::Running:
        break;
    }
    return QStringLiteral("running");
}
