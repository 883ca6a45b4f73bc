#include "chart_panel.h"

#include "chart_png_export.h"
#include "chart_style.h"
#include "replot_coalescer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

ChartPanel::ChartPanel(
    const QString &title, const QString &exportName, BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_title(new QLabel(title, this))
    , m_exportButton(new QPushButton(tr("Export PNG…"), this))
    , m_coalescer(new ReplotCoalescer(m_plot))
    , m_exportName(exportName)
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_exportButton->setToolTip(tr("Save this chart as a PNG image, as it is shown"));
    m_exportButton->setObjectName(QStringLiteral("exportPngButton"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);

    m_plot->setMinimumHeight(160);
    m_plot->setToolTip(tr("Drag to pan, wheel to zoom"));
    // QCustomPlot takes no keyboard input; letting it take focus would only break Tab order.
    m_plot->setFocusPolicy(Qt::NoFocus);
    ChartStyle::apply(m_plot);

    connect(m_exportButton, &QPushButton::clicked, this, [this, &executor] {
        ChartPngExport::saveWithDialog(executor, m_plot, m_exportName, this);
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        const QString text = m_toolTipProvider ? m_toolTipProvider(event->position()) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    });
}

void ChartPanel::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString ChartPanel::title() const
{
    return m_title->text();
}

void ChartPanel::setToolTipProvider(std::function<QString(const QPointF &)> provider)
{
    m_toolTipProvider = std::move(provider);
}

void ChartPanel::scheduleReplot()
{
    m_coalescer->request();
}

int ChartPanel::replotCount() const
{
    return m_coalescer->replotCount();
}

void ChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        ChartStyle::apply(m_plot);
        scheduleReplot();
    }
    QWidget::changeEvent(event);
}
