#include "ui/run_identity_label.h"

RunIdentityLabel::RunIdentityLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setRun(RunIdentity());
}

void RunIdentityLabel::setRun(const RunIdentity &run)
{
    m_run = run;
    setText(run.headerText());
    setToolTip(run.isKnown()
            ? tr("%1\nTokenizer: %2")
                  .arg(run.text(),
                      run.usesRandomWeights() ? tr("random weights") : run.model.tokenizerDir)
            : tr("No run is shown: start one, or open one in the Runs tab"));
    // Red that stays legible on light and dark window colours, as the setup's problems.
    setStyleSheet(run.usesRandomWeights() ? QStringLiteral("color: #e53935; font-weight: bold;")
                                          : QStringLiteral("font-weight: bold;"));
}

void RunIdentityLabel::setSubject(const QString &title)
{
    m_run = RunIdentity();
    setText(title);
    setToolTip(tr("Not a stored run: %1").arg(title));
    setStyleSheet(QStringLiteral("font-weight: bold;"));
}
