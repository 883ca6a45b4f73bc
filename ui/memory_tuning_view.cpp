#include "ui/memory_tuning_view.h"

#include "data/byte_size.h"
#include "inference/micro_batch_scheduler.h"
#include "run/batch_size_probe.h"
#include "ui/chart_panel.h"
#include "ui/chart_style.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <qcustomplot.h>

namespace {

// The recommendation's upper end when the universe size is not known.
constexpr int kUnknownUniverseLimit = 4096;

bool sameTarget(const RunSpec &a, const RunSpec &b)
{
    return a.model.sameCheckpoint(b.model) && a.device == b.device;
}

// The probe's trials that ran to the end, as batches: a failed trial's peak is only where
// memory stood when it stopped.
QList<BatchTelemetry> completedTrials(const QList<ProbeTrial> &trials)
{
    QList<BatchTelemetry> batches;
    for (const ProbeTrial &trial : trials) {
        if (!trial.failed())
            batches.append(
                { int(batches.size()), trial.size, trial.estimatedSeconds, trial.peakBytes });
    }
    return batches;
}

// A horizontal budget line over [left, right], named with its value so the legend tells it
// even when it lies above the range shown.
void addBudgetLine(QCustomPlot *plot, double left, double right, int budgetMb)
{
    QCPGraph *budget = plot->addGraph();
    budget->setName(
        QCoreApplication::translate("MemoryTuningView", "Budget (%1 MiB)").arg(budgetMb));
    budget->setPen(QPen(ChartStyle::reference(), 2));
    budget->setData({ left, right }, { double(budgetMb), double(budgetMb) });
}

// From 0 to a little above the data; up to the budget too unless it is far above the data,
// where it would flatten every difference between batch sizes.
void showMemoryRange(QCPAxis *axis, double dataMaxMb, int budgetMb)
{
    const double top = budgetMb <= 2 * dataMaxMb ? std::max(dataMaxMb, double(budgetMb)) * 1.1
                                                 : dataMaxMb * 1.25;
    axis->setRange(0, std::max(top, 1.0));
}

int distinctSizes(const QList<BatchTelemetry> &batches)
{
    QSet<int> sizes;
    for (const BatchTelemetry &batch : batches)
        sizes.insert(batch.size);
    return int(sizes.size());
}

QCPGraph *scatter(QCustomPlot *plot, const QString &name, const QColor &color,
    QCPScatterStyle::ScatterShape shape, const QList<BatchTelemetry> &batches)
{
    QCPGraph *graph = plot->addGraph();
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(shape, color, 8));
    for (const BatchTelemetry &batch : batches)
        graph->addData(batch.size, ByteSize::toMiB(batch.peakBytes));
    return graph;
}

} // namespace

MemoryTuningView::MemoryTuningView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_budgetText(new QLabel(this))
    , m_fitText(new QLabel(this))
    , m_recommendation(new QLabel(this))
    , m_probeText(new QLabel(this))
    , m_probe(new QPushButton(tr("&Probe"), this))
    , m_useRecommended(new QPushButton(tr("Use &recommended"), this))
    , m_useProbed(new QPushButton(tr("Use &fastest probed"), this))
    , m_memoryChart(new ChartPanel(tr("Peak memory by batch size"),
          QStringLiteral("memory_fit.png"), workspace.executor(), this))
    , m_probeChart(new ChartPanel(tr("Probe: peak memory and speed"), QStringLiteral("probe.png"),
          workspace.executor(), this))
{
    setObjectName(QStringLiteral("memoryTuningView"));
    m_budgetText->setObjectName(QStringLiteral("budgetLabel"));
    m_budgetText->setText(tr("Budget: set in Run setup"));
    m_budgetText->setToolTip(
        tr("The one memory budget, set in Run setup: runs, Auto and Probe all use it. It "
           "counts the application's whole memory (weights, market data and window included), "
           "not only a batch's."));
    m_fitText->setObjectName(QStringLiteral("fitLabel"));
    m_recommendation->setObjectName(QStringLiteral("recommendationLabel"));
    m_probeText->setObjectName(QStringLiteral("probeLabel"));
    for (QLabel *label : { m_budgetText, m_fitText, m_recommendation, m_probeText })
        label->setWordWrap(true);
    m_probe->setObjectName(QStringLiteral("probeButton"));
    m_probe->setToolTip(tr("Run short trial batches of 1, 2, 4, 8… series on the selected "
                           "universe and measure peak memory and series per second"));
    m_useRecommended->setObjectName(QStringLiteral("useRecommendedButton"));
    m_useRecommended->setToolTip(tr("Set the run's batch size to the recommended one"));
    m_useProbed->setObjectName(QStringLiteral("useProbedButton"));
    m_useProbed->setToolTip(
        tr("Set the run's batch size to the fastest probed size within 90% of the budget"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_budgetText, 1);
    controls->addWidget(m_probe);
    controls->addWidget(m_useRecommended);
    controls->addWidget(m_useProbed);
    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_memoryChart);
    charts->addWidget(m_probeChart);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_fitText);
    layout->addWidget(m_recommendation);
    layout->addWidget(m_probeText);
    layout->addWidget(charts, 1);

    m_memoryChart->plot()->xAxis->setLabel(tr("Batch size (series)"));
    m_memoryChart->plot()->xAxis->setTicker(ChartStyle::wholeNumberTicker());
    m_memoryChart->plot()->yAxis->setLabel(tr("Peak memory (MiB)"));
    QCustomPlot *probe = m_probeChart->plot();
    probe->xAxis->setLabel(tr("Batch size (series)"));
    probe->yAxis->setLabel(tr("Peak memory (MiB)"));
    probe->yAxis2->setLabel(tr("Series per second"));
    probe->yAxis2->setVisible(true);
    // ChartPanel puts the legends under the axes, where they hide no point.
    m_memoryChart->plot()->legend->setVisible(true);
    probe->legend->setVisible(true);

    connect(m_probe, &QPushButton::clicked, this, [this] {
        if (isProbing())
            Q_EMIT probeStopRequested();
        else
            startProbe();
    });
    connect(m_useRecommended, &QPushButton::clicked, this,
        [this] { Q_EMIT batchSizeChosen(recommendedBatchSize()); });
    connect(m_useProbed, &QPushButton::clicked, this,
        [this] { Q_EMIT batchSizeChosen(bestProbedBatchSize()); });
    connect(&m_loader, &QFutureWatcher<PastBatches>::finished, this, [this] {
        const PastBatches past = m_loader.result();
        MemoryObservations loaded = m_observations;
        loaded.pastRuns = past.batches;
        loaded.error = past.error;
        setObservations(loaded);
        Q_EMIT observationsLoaded();
    });
    refresh();
}

MemoryTuningView::~MemoryTuningView()
{
    m_loader.waitForFinished();
}

void MemoryTuningView::setTarget(const RunSpec &spec, qint64 currentRunId)
{
    // The batches shown as this run's are stored by now: they come back as past runs, except
    // those of `currentRunId`, which its owner adds again. Trials of another checkpoint or
    // device say nothing about this one.
    m_observations.currentRun.clear();
    if (m_target && !sameTarget(*m_target, spec)) {
        m_observations.probe.clear();
        m_probeText->clear();
    }
    m_target = spec;
    m_loader.setFuture(m_workspace.pastBatches(spec.model, spec.device, currentRunId));
}

void MemoryTuningView::followTarget(const RunSpec &spec)
{
    if (!m_target || !sameTarget(*m_target, spec))
        setTarget(spec);
}

void MemoryTuningView::setBudgetBytes(qint64 bytes)
{
    if (bytes == m_budgetBytes)
        return;
    m_budgetBytes = bytes;
    m_budgetText->setText(tr("Budget: %1 MiB (set in Run setup; it includes the application's "
                             "own memory)")
                              .arg(budgetMiB()));
    // What the probe offers depends on the budget: said again for the new one.
    if (!isProbing() && !m_probeText->text().isEmpty())
        m_probeText->setText(probeSummary());
    refresh();
}

void MemoryTuningView::setUniverseSize(int tickers)
{
    m_universeSize = tickers;
    refresh();
}

void MemoryTuningView::setObservations(const MemoryObservations &observations)
{
    m_observations = observations;
    refresh();
}

void MemoryTuningView::addRunBatch(const BatchTelemetry &batch)
{
    m_observations.currentRun.append(batch);
    refresh();
}

void MemoryTuningView::setRunBatches(const QList<BatchTelemetry> &batches)
{
    m_observations.currentRun = batches;
    refresh();
}

void MemoryTuningView::setProbeBlocked(const QString &reason)
{
    m_probeBlocked = reason;
    refresh();
}

void MemoryTuningView::setRunState(RunState state)
{
    if (::isProbing(state) && !isProbing())
        m_probeText->setText(tr("Probing: running the first trial batch…"));
    m_runState = state;
    refresh();
}

void MemoryTuningView::startProbe()
{
    if (isBusy(m_runState) || !m_probeBlocked.isEmpty() || m_universeSize < 1)
        return;
    m_observations.probe.clear();
    m_probedBudgetMiB = budgetMiB();
    refresh();
    Q_EMIT probeRequested(BatchSizeProbe::defaultSizes(m_universeSize));
}

void MemoryTuningView::addProbeResult(const ProbeTrial &trial)
{
    m_observations.probe.append(trial);
    if (isProbing()) {
        m_probeText->setText(tr("Probing: %1 series per batch took %2 s for %3 steps, peak %4 MiB…")
                                 .arg(trial.size)
                                 .arg(trial.seconds, 0, 'f', 1)
                                 .arg(trial.steps)
                                 .arg(ByteSize::toMiB(trial.peakBytes), 0, 'f', 0));
        if (trial.failed() || trial.peakBytes > budgetBytes())
            Q_EMIT probeStopRequested();
    }
    refresh();
}

void MemoryTuningView::finishProbe(const QString &error)
{
    m_probeText->setText(error.isEmpty() ? probeSummary() : tr("Probe failed: %1").arg(error));
    refresh();
}

QString MemoryTuningView::probeSummary() const
{
    if (m_observations.probe.isEmpty())
        return tr("Probe stopped before any trial finished.");
    const std::optional<ProbeTrial> fastest
        = BatchSizeProbe::fastestWithin(m_observations.probe, budgetBytes());
    QString text = fastest
        ? tr("Fastest within 90% of the %1 MiB budget: %2 series per batch (about %3 series/s "
             "for a run to horizon %4, extrapolated from trials of %5 steps).")
              .arg(budgetMiB())
              .arg(fastest->size)
              .arg(fastest->estimatedSeriesPerSecond(), 0, 'f', 1)
              .arg(fastest->horizon)
              .arg(fastest->steps)
        : tr("No probed batch stayed within 90% of the %1 MiB budget.").arg(budgetMiB());
    const ProbeTrial &last = m_observations.probe.last();
    // The trial's failure names the budget it was probed under, which may not be today's.
    if (last.failed())
        text += QLatin1Char(' ')
            + tr("%1 series per batch failed when probed within %2 MiB: %3.")
                  .arg(last.size)
                  .arg(m_probedBudgetMiB)
                  .arg(last.failure);
    return text;
}

double MemoryTuningView::usableBytes() const
{
    return kronos::MicroBatchScheduler::BudgetShare * double(budgetBytes());
}

int MemoryTuningView::budgetMiB() const
{
    // Rounded as ByteSize::format rounds, so the tab and the run's log name the same number.
    return int(std::lround(ByteSize::toMiB(double(m_budgetBytes))));
}

qint64 MemoryTuningView::budgetBytes() const
{
    return m_budgetBytes;
}

QList<BatchTelemetry> MemoryTuningView::observedBatches() const
{
    return m_observations.pastRuns + m_observations.currentRun
        + completedTrials(m_observations.probe);
}

kronos::BatchMemoryModel MemoryTuningView::model(const QList<BatchTelemetry> &batches)
{
    kronos::BatchMemoryModel model(0, 0);
    for (const BatchTelemetry &batch : batches)
        model.addObservation(batch.size, batch.peakBytes);
    return model;
}

kronos::MemoryModelFit MemoryTuningView::fit() const
{
    return model(observedBatches()).fit();
}

int MemoryTuningView::recommendedBatchSize() const
{
    return recommendedFor(model(observedBatches()));
}

int MemoryTuningView::recommendedFor(const kronos::BatchMemoryModel &fitted) const
{
    if (fitted.fit().observations == 0)
        return 0;
    return fitted.largestBatchWithin(
        usableBytes(), m_universeSize > 0 ? m_universeSize : kUnknownUniverseLimit);
}

int MemoryTuningView::bestProbedBatchSize() const
{
    const std::optional<ProbeTrial> fastest
        = BatchSizeProbe::fastestWithin(m_observations.probe, budgetBytes());
    return fastest ? fastest->size : 0;
}

void MemoryTuningView::refresh()
{
    // Built once per refresh: every label and both charts read the same fit.
    const QList<BatchTelemetry> batches = observedBatches();
    const kronos::BatchMemoryModel fitted = model(batches);
    const kronos::MemoryModelFit fit = fitted.fit();
    if (!m_observations.error.isEmpty())
        m_fitText->setText(tr("Past runs not read: %1").arg(m_observations.error));
    else if (fit.observations == 0)
        m_fitText->setText(tr("No batches of this checkpoint and device yet: run or probe."));
    else if (fit.rSquared == 0 && distinctSizes(batches) < 2)
        m_fitText->setText(tr("Peak ≈ %1 MiB at the one batch size seen (%2 batches): probe to "
                              "see how memory grows with the batch.")
                               .arg(ByteSize::toMiB(fit.baseBytes), 0, 'f', 0)
                               .arg(fit.observations));
    else if (fit.rSquared == 0)
        m_fitText->setText(tr("Peak ≈ %1 MiB whatever the batch size (%2 batches): memory does "
                              "not grow measurably with the batch here.")
                               .arg(ByteSize::toMiB(fit.baseBytes), 0, 'f', 0)
                               .arg(fit.observations));
    else
        m_fitText->setText(tr("Peak ≈ %1 MiB + %2 MiB × batch size (R² %3, %4 batches).")
                               .arg(ByteSize::toMiB(fit.baseBytes), 0, 'f', 0)
                               .arg(ByteSize::toMiB(fit.perSeriesBytes), 0, 'f', 1)
                               .arg(fit.rSquared, 0, 'f', 3)
                               .arg(fit.observations));
    const int recommended = recommendedFor(fitted);
    QString recommendation = recommended > 0
        ? tr("Recommended batch size: %1 (fitted peak %2 MiB within 90% of the %3 MiB budget, as "
             "automatic batches are chosen).")
              .arg(recommended)
              .arg(ByteSize::toMiB(fitted.predictedPeakBytes(recommended)), 0, 'f', 0)
              .arg(budgetMiB())
        : QString();
    const int largestMeasured = std::accumulate(batches.begin(), batches.end(), 0,
        [](int largest, const BatchTelemetry &batch) { return std::max(largest, batch.size); });
    if (recommended > largestMeasured && largestMeasured > 0)
        recommendation += QLatin1Char(' ')
            + tr("An extrapolation: the largest batch measured has %1 series; probe up to %2 to "
                 "be sure.")
                  .arg(largestMeasured)
                  .arg(recommended);
    m_recommendation->setText(recommendation);
    m_probe->setText(isProbing() ? tr("Stop &probe") : tr("&Probe"));
    m_probe->setEnabled(m_runState == RunState::Probing
        || (!isBusy(m_runState) && m_probeBlocked.isEmpty() && m_universeSize >= 1));
    if (isProbing())
        m_probe->setToolTip(tr("Stop after the current trial batch"));
    else if (!m_probeBlocked.isEmpty())
        m_probe->setToolTip(m_probeBlocked);
    else if (m_universeSize < 1)
        m_probe->setToolTip(tr("Select a universe to probe"));
    else
        m_probe->setToolTip(
            tr("Run short trial batches of 1, 2, 4, 8… up to %1 series of the selected universe "
               "on one of the run's dates, and measure peak memory and series per second")
                .arg(m_universeSize));
    // While a run or a probe goes the setup is locked: nothing here changes its batch size.
    m_useRecommended->setEnabled(!isBusy(m_runState) && recommended > 0);
    m_useProbed->setEnabled(!isBusy(m_runState) && bestProbedBatchSize() > 0);
    drawMemory(batches, fitted, recommended);
    drawProbe();
}

void MemoryTuningView::drawMemory(
    const QList<BatchTelemetry> &batches, const kronos::BatchMemoryModel &fitted, int recommended)
{
    QCustomPlot *plot = m_memoryChart->plot();
    plot->clearPlottables();
    scatter(plot, tr("Past runs"), ChartStyle::muted(), QCPScatterStyle::ssCircle,
        m_observations.pastRuns);
    scatter(plot, tr("This run"), ChartStyle::positive(), QCPScatterStyle::ssDisc,
        m_observations.currentRun);
    const QList<BatchTelemetry> probed = completedTrials(m_observations.probe);
    scatter(plot, tr("Probe"), ChartStyle::accent(), QCPScatterStyle::ssDiamond, probed);

    int largest = std::max(1, recommended);
    for (const BatchTelemetry &batch : batches)
        largest = std::max(largest, batch.size);
    const double right = largest * 1.2 + 1;
    if (fitted.fit().observations > 0) {
        QCPGraph *line = plot->addGraph();
        line->setName(tr("Fit"));
        line->setPen(QPen(ChartStyle::positive(), 1, Qt::DashLine));
        line->setData({ 0.0, right },
            { ByteSize::toMiB(fitted.predictedPeakBytes(0)),
                ByteSize::toMiB(fitted.predictedPeakBytes(int(right))) });
    }
    addBudgetLine(plot, 0.0, right, budgetMiB());
    if (recommended > 0) {
        QCPGraph *marker = plot->addGraph();
        marker->setName(tr("Recommended"));
        marker->setPen(QPen(ChartStyle::accent(), 1, Qt::DotLine));
        marker->setData({ double(recommended), double(recommended) }, { 0.0, double(budgetMiB()) });
    }
    double dataMax = 0;
    for (const BatchTelemetry &batch : batches)
        dataMax = std::max(dataMax, ByteSize::toMiB(batch.peakBytes));
    if (fitted.fit().observations > 0)
        dataMax = std::max(dataMax, ByteSize::toMiB(fitted.predictedPeakBytes(int(right))));
    plot->xAxis->setRange(0, right);
    showMemoryRange(plot->yAxis, dataMax, budgetMiB());
    m_memoryChart->scheduleReplot();
}

void MemoryTuningView::drawProbe()
{
    QCustomPlot *plot = m_probeChart->plot();
    plot->clearPlottables();
    auto *peaks = new QCPBars(plot->xAxis, plot->yAxis);
    peaks->setName(tr("Peak memory"));
    peaks->setBrush(ChartStyle::positive());
    peaks->setPen(Qt::NoPen);
    auto *failed = new QCPBars(plot->xAxis, plot->yAxis);
    failed->setName(tr("Failed trial"));
    failed->setBrush(ChartStyle::negative());
    failed->setPen(Qt::NoPen);
    QCPGraph *speed = plot->addGraph(plot->xAxis, plot->yAxis2);
    speed->setName(tr("Series/s (estimated for a run)"));
    speed->setPen(QPen(ChartStyle::accent(), 2));
    speed->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    // Sizes double from one trial to the next: one slot per trial keeps every bar readable.
    const qsizetype slotCount = std::max<qsizetype>(1, m_observations.probe.size());
    for (qsizetype k = 0; k < m_observations.probe.size(); ++k) {
        const ProbeTrial &trial = m_observations.probe[k];
        (trial.failed() ? failed : peaks)->addData(double(k), ByteSize::toMiB(trial.peakBytes));
        if (!trial.failed())
            speed->addData(double(k), trial.estimatedSeriesPerSecond());
        ticker->addTick(double(k), QString::number(trial.size));
    }
    addBudgetLine(plot, -0.6, slotCount - 0.4, budgetMiB());
    double peakMax = 0;
    for (const ProbeTrial &trial : std::as_const(m_observations.probe))
        peakMax = std::max(peakMax, ByteSize::toMiB(trial.peakBytes));
    plot->xAxis->setTicker(ticker);
    plot->rescaleAxes();
    plot->xAxis->setRange(-0.6, slotCount - 0.4);
    showMemoryRange(plot->yAxis, peakMax, budgetMiB());
    ChartStyle::fitValueAxis(plot->yAxis2, 1.1);
    plot->yAxis2->setRangeLower(0);
    m_probeChart->scheduleReplot();
}
