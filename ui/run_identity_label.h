#pragma once

#include "run/run_identity.h"

#include <QLabel>

// The line heading a view of a run's results (Scores, Forecast, Evaluation): which run it shows
// — its id, name and checkpoint, in red with a warning when the weights were random — or that it
// shows none. The tooltip names the checkpoint's folders in full. GUI thread only.
class RunIdentityLabel : public QLabel
{
    Q_OBJECT

public:
    explicit RunIdentityLabel(QWidget *parent = nullptr);

    const RunIdentity &run() const { return m_run; }
    // An unknown run (id 0) shows "No run".
    void setRun(const RunIdentity &run);
    // Results that are no stored run (a scores file): `title` names them.
    void setSubject(const QString &title);

private:
    RunIdentity m_run;
};
