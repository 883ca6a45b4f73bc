#include "ui/live_chart_panel.h"

#include "ui/chart_panel.h"

#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

LiveChartPanel::LiveChartPanel(
    const QString &title, const QString &exportName, BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_chart(new ChartPanel(title, exportName, executor, this))
    , m_followButton(new QToolButton(this))
{
    m_followButton->setObjectName(QStringLiteral("followButton"));
    m_followButton->setText(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(
        tr("Keep the newest data in view. Dragging or zooming with the mouse turns it off."));

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addStretch();
    header->addWidget(m_followButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_chart, 1);

    m_chart->setToolTipProvider([this](const QPointF &position) { return toolTipAt(position); });
    // A hand-made view must not be overwritten by the next sample.
    connect(plot(), &QCustomPlot::mousePress, this, [this] { setFollowing(false); });
    connect(plot(), &QCustomPlot::mouseWheel, this, [this] { setFollowing(false); });
    connect(m_followButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            scheduleReplot();
    });
}

QCustomPlot *LiveChartPanel::plot() const
{
    return m_chart->plot();
}

bool LiveChartPanel::isFollowing() const
{
    return m_followButton->isChecked();
}

void LiveChartPanel::setFollowing(bool follow)
{
    m_followButton->setChecked(follow);
}

int LiveChartPanel::replotCount() const
{
    return m_chart->replotCount();
}

void LiveChartPanel::scheduleReplot()
{
    if (isFollowing())
        followLatest();
    m_chart->scheduleReplot();
}
