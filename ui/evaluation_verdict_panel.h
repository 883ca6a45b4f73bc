#pragma once

#include "eval/evaluation_verdict.h"

#include <QLabel>

// The answer before any table: the verdict on an evaluation (Eval::judgeEvaluation) — its
// headline, one finding per horizon and the caveats that qualify them — at the top of the
// Evaluation tab. GUI thread only.
class EvaluationVerdictPanel : public QLabel
{
    Q_OBJECT

public:
    explicit EvaluationVerdictPanel(QWidget *parent = nullptr);

    // Judges `report` and shows the verdict.
    void showReport(const Eval::EvaluationReport &report);
    // Shows nothing but `text` (no evaluation yet, or a failed one).
    void showMessage(const QString &text);
    const Eval::EvaluationVerdict &verdict() const { return m_verdict; }

private:
    Eval::EvaluationVerdict m_verdict;
};
