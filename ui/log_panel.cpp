#include "ui/log_panel.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

LogPanel::LogPanel(QWidget *parent)
    : QWidget(parent)
    , m_view(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("logPanel"));
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(10000); // a long run's warnings must not grow without bound
    m_view->setToolTip(tr("Warnings of the current run: skipped tickers with the reason, "
                          "out-of-memory backoffs, errors."));
    auto *clearButton = new QPushButton(tr("C&lear log"), this);
    clearButton->setObjectName(QStringLiteral("clearLogButton"));
    clearButton->setToolTip(tr("Remove every line from the log"));
    connect(clearButton, &QPushButton::clicked, this, &LogPanel::clear);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(clearButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
}

QString LogPanel::text() const
{
    return m_view->toPlainText();
}

void LogPanel::appendWarning(const QString &message)
{
    // Orange and red read on light and dark bases alike.
    append(QStringLiteral("<span style=\"color:#e08a00\">%1</span>").arg(message.toHtmlEscaped()));
}

void LogPanel::appendError(const QString &message)
{
    append(QStringLiteral("<span style=\"color:#e53935\"><b>%1</b></span>")
               .arg(message.toHtmlEscaped()));
}

void LogPanel::appendInfo(const QString &message)
{
    append(message.toHtmlEscaped());
}

void LogPanel::clear()
{
    m_view->clear();
}

void LogPanel::append(const QString &html)
{
    m_view->appendHtml(QStringLiteral("%1 %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), html));
}
