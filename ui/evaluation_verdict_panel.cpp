#include "ui/evaluation_verdict_panel.h"

namespace {

QString bulletList(const QStringList &items)
{
    QString html = QStringLiteral("<ul style=\"margin-top:2px; margin-bottom:2px\">");
    for (const QString &item : items)
        html += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

} // namespace

EvaluationVerdictPanel::EvaluationVerdictPanel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("evaluationVerdict"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setFrameShape(QFrame::StyledPanel);
    setMargin(6);
    showMessage(tr("No verdict yet: evaluate a run's scores or a scores file."));
}

void EvaluationVerdictPanel::showReport(const Eval::EvaluationReport &report)
{
    m_verdict = Eval::judgeEvaluation(report);
    QString html = QStringLiteral("<b>%1</b>").arg(m_verdict.headline.toHtmlEscaped());
    if (!m_verdict.findings.isEmpty())
        html += bulletList(m_verdict.findings);
    if (!m_verdict.caveats.isEmpty())
        html += QStringLiteral("<b>%1</b>").arg(tr("Caveats").toHtmlEscaped())
            + bulletList(m_verdict.caveats);
    setText(html);
}

void EvaluationVerdictPanel::showMessage(const QString &text)
{
    m_verdict = {};
    setText(text.toHtmlEscaped());
}
