#include "eval/report/report_subject.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace Eval {

ReportSubject scoresFileSubject(const QString &scoresPath, const QString &samplesPath)
{
    ReportSubject subject;
    subject.title = QStringLiteral("Scores file %1").arg(QFileInfo(scoresPath).fileName());
    if (!samplesPath.isEmpty())
        subject.details << QStringLiteral("samples %1").arg(QFileInfo(samplesPath).fileName());
    return subject;
}

void notePriceSource(ReportSubject &subject, const QString &databasePath)
{
    subject.details << QStringLiteral("prices from %1").arg(QFileInfo(databasePath).fileName());
}

QString suggestedReportFileName(const ReportSubject &subject)
{
    static const QRegularExpression refused(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]+"));
    const QString stem = QString(subject.title).replace(refused, QStringLiteral("-")).trimmed();
    const QString name = QStringLiteral("evaluation.html");
    return stem.isEmpty() ? name : stem + QLatin1Char(' ') + name;
}

} // namespace Eval
