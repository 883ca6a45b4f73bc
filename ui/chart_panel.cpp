#include "ui/chart_panel.h"

#include "ui/chart_png_export.h"
#include "ui/chart_style.h"
#include "ui/replot_coalescer.h"
#include "ui/task_error_report.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace {

// The least height that still shows a chart's axes and a few ticks.
constexpr int MinimumPlotHeight = 160;

} // namespace

ChartPanel::ChartPanel(
    const QString &title, const QString &exportName, BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_scroll(new QScrollArea(this))
    , m_title(new QLabel(title, this))
    , m_exportButton(new QPushButton(tr("Export PNG…"), this))
    , m_exportStatus(new QLabel(this))
    , m_coalescer(new ReplotCoalescer(m_plot))
    , m_executor(executor)
    , m_exportName(exportName)
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_exportButton->setToolTip(tr("Save this chart as a PNG image, as it is shown"));
    m_exportButton->setObjectName(QStringLiteral("exportPngButton"));
    m_exportStatus->setObjectName(QStringLiteral("exportPngStatus"));
    m_exportStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportStatus->setVisible(false);

    // A long title wraps rather than widen the panel (and with it the tab it is on).
    m_title->setWordWrap(true);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_exportStatus);
    header->addWidget(m_exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    // The plot fills the panel, unless setPlotHeight() makes it taller: then it scrolls.
    m_scroll->setWidget(m_plot);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_scroll, 1);

    m_plot->setMinimumHeight(MinimumPlotHeight);
    m_scroll->setMinimumHeight(MinimumPlotHeight);
    m_plot->installEventFilter(this);
    m_plot->setToolTip(tr("Drag to pan, wheel to zoom"));
    // QCustomPlot takes no keyboard input; letting it take focus would only break Tab order.
    m_plot->setFocusPolicy(Qt::NoFocus);
    ChartStyle::apply(m_plot);
    // Whatever the chart put in its legend, and however large the chart is now.
    connect(m_plot, &QCustomPlot::beforeReplot, this, [this] {
        if (m_plot->legend->visible())
            ChartStyle::placeLegendBelow(m_plot);
        ChartStyle::layOut(m_plot);
    });

    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export chart as PNG"), suggestedFileName(), tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        const QString text = toolTipAt(event->position());
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

void ChartPanel::setRun(const RunIdentity &run)
{
    m_run = run;
}

QString ChartPanel::suggestedFileName() const
{
    const QString stem = m_run.fileStem();
    return stem.isEmpty() ? m_exportName : stem + QLatin1Char(' ') + m_exportName;
}

QFuture<QString> ChartPanel::exportPng(const QString &path)
{
    const QFuture<QString> written = ChartPngExport::save(
        m_executor, m_plot, title(), m_run.isKnown() ? m_run.text() : QString(), path);
    reportErrorWhenDone(written, this, tr("Export chart"), [this, path] {
        m_exportStatus->setText(tr("Saved %1").arg(path));
        m_exportStatus->setToolTip(path);
        m_exportStatus->setVisible(true);
    });
    return written;
}

QString ChartPanel::exportStatus() const
{
    return m_exportStatus->isHidden() ? QString() : m_exportStatus->text();
}

void ChartPanel::setPlotHeight(int pixels)
{
    m_plot->setMinimumHeight(std::max(MinimumPlotHeight, pixels));
}

bool ChartPanel::eventFilter(QObject *watched, QEvent *event)
{
    // The point's own tooltip when it has one; the plot's hint otherwise (a resting mouse
    // showed the hint over a bar's value).
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        QToolTip::showText(help->globalPos(), text.isEmpty() ? m_plot->toolTip() : text, m_plot);
        return true;
    }
    // A plot taller than the panel scrolls with the wheel instead of zooming.
    if (watched == m_plot && event->type() == QEvent::Wheel
        && m_plot->minimumHeight() > m_scroll->viewport()->height()) {
        QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ChartPanel::setToolTipProvider(std::function<QString(const QPointF &)> provider)
{
    m_toolTipProvider = std::move(provider);
}

QString ChartPanel::toolTipAt(const QPointF &position) const
{
    return m_toolTipProvider ? m_toolTipProvider(position) : QString();
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
