#include "run/run_report_subject.h"

#include "run/run_identity.h"


Eval::ReportSubject runReportSubject(const RunRecord &run)
{
    Eval::ReportSubject subject;
    subject.title = QStringLiteral("Run %1: %2").arg(run.id).arg(run.name);
    subject.details
        << QStringLiteral("universe %1").arg(run.spec.universe)
        << (run.spec.model.randomShape.isEmpty()
                   ? QStringLiteral("model %1")
                         .arg(RunIdentity { run.id, run.name, run.spec.model }.checkpointName())
                   : QStringLiteral("random weights (%1)").arg(run.spec.model.randomShape))
        << QStringLiteral("%1 series scored (%2)").arg(run.scored).arg(runStatusName(run.status));
    return subject;
}
