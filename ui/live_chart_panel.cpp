#include "live_chart_panel.h"

#include "custom_plot.h"
#include "replot_coalescer.h"

#include <QLabel>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

LiveChartPanel::LiveChartPanel(const QString &title, QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_followButton(new QToolButton(this)),
      m_coalescer(new ReplotCoalescer(m_plot))
{
    auto *titleLabel = new QLabel(title, this);
    QFont titleFont = titleLabel->font();
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);

    m_followButton->setText(tr("&Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(
        tr("Keep the newest data in view. Dragging or zooming with the mouse turns it off."));

    auto *header = new QHBoxLayout;
    header->addWidget(titleLabel);
    header->addStretch();
    header->addWidget(m_followButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);

    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setToolTip(tr("Drag to pan, wheel to zoom; hover a marker or bar for details."));
    m_plot->setMinimumHeight(160);
    // Only the plot area's tooltips are wanted; QCustomPlot's own focus would steal Tab.
    m_plot->setFocusPolicy(Qt::NoFocus);

    // A hand-made view must not be overwritten by the next sample.
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { setFollowing(false); });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { setFollowing(false); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &LiveChartPanel::showToolTip);
    connect(m_followButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            scheduleReplot();
    });
    connect(m_coalescer, &ReplotCoalescer::aboutToReplot, this, [this] {
        if (isFollowing())
            followLatest();
    });
    applyPalette();
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
    return m_coalescer->replotCount();
}

void LiveChartPanel::scheduleReplot()
{
    m_coalescer->request();
}

void LiveChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        scheduleReplot();
    }
    QWidget::changeEvent(event);
}

void LiveChartPanel::applyPalette()
{
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    m_plot->setBackground(colours.brush(QPalette::Base));
    for (QCPAxis *axis : m_plot->axisRect()->axes()) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    if (m_plot->legend) {
        m_plot->legend->setBrush(colours.brush(QPalette::Base));
        m_plot->legend->setTextColor(text);
        m_plot->legend->setBorderPen(QPen(grid));
    }
}

void LiveChartPanel::showToolTip(QMouseEvent *event)
{
    const QString text = toolTipAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}
