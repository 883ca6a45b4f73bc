#include "ui/evaluation_view.h"

#include "eval/io/evaluation_report_writer.h"
#include "run/positive_list.h"
#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/date_axis.h"
#include "ui/evaluation_verdict_panel.h"
#include "ui/judgement_tabs.h"
#include "ui/result_table.h"
#include "ui/run_identity_label.h"
#include "ui/task_error_report.h"
#include "ui/vertical_scroll_area.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>
#include <set>

using namespace ResultTable;

namespace {

// Long enough to type "0.05" into a threshold without evaluating after each key.
constexpr int kRerunDelayMs = 300;
constexpr int kDefaultMovingAverage = 6;

QStandardItem *gateItem(const Eval::GateResult &gate)
{
    auto *item = textItem(gate.status == Eval::GateStatus::Pass ? QObject::tr("✓ pass")
            : gate.status == Eval::GateStatus::Fail             ? QObject::tr("✗ fail")
                                                                : QObject::tr("n/a"));
    item->setToolTip(gate.reason);
    QFont font = item->font();
    font.setBold(gate.status == Eval::GateStatus::Fail);
    item->setFont(font);
    return item;
}

QDoubleSpinBox *thresholdSpin(
    double minimum, double maximum, const QString &toolTip, QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setRange(minimum, maximum);
    spin->setDecimals(3);
    spin->setSingleStep(0.01);
    spin->setToolTip(toolTip);
    return spin;
}

// What a report of scores handed over without a name is about.
Eval::ReportSubject unnamedScores()
{
    return { QStringLiteral("Workbench scores"), {}, {} };
}

} // namespace

EvaluationView::EvaluationView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runLabel(new RunIdentityLabel(this))
    , m_status(new QLabel(tr("No scores evaluated yet."), this))
    , m_horizons(new QLineEdit(QStringLiteral("20, 60, 90"), this))
    , m_folds(new QComboBox(this))
    , m_chartHorizon(new QComboBox(this))
    , m_movingAverage(new QSpinBox(this))
    , m_export(new QPushButton(tr("E&xport tables…"), this))
    , m_exportReport(new QPushButton(tr("Export re&port…"), this))
    , m_reportStatus(new QLabel(this))
    , m_verdict(new EvaluationVerdictPanel(this))
    , m_summary(new QStandardItemModel(this))
    , m_gates(new QStandardItemModel(this))
    , m_foldRows(new QStandardItemModel(this))
{
    setObjectName(QStringLiteral("evaluationView"));
    m_runLabel->setObjectName(QStringLiteral("evaluationRunLabel"));
    m_status->setObjectName(QStringLiteral("evaluationStatus"));
    m_status->setWordWrap(true);
    m_horizons->setObjectName(QStringLiteral("horizonsEdit"));
    m_horizons->setToolTip(tr("Horizons to evaluate, in trading days, e.g. 20, 60, 90"));
    m_folds->setObjectName(QStringLiteral("foldCombo"));
    m_folds->setToolTip(tr("How evaluation dates are grouped into walk-forward folds"));
    m_folds->addItem(tr("Folds by year"), QStringLiteral("year"));
    m_folds->addItem(tr("Folds by quarter"), QStringLiteral("quarter"));
    m_folds->addItem(tr("Folds by month"), QStringLiteral("month"));
    m_folds->addItem(tr("Folds of 6 dates"), QStringLiteral("6"));
    m_folds->addItem(tr("Folds of 12 dates"), QStringLiteral("12"));
    m_chartHorizon->setObjectName(QStringLiteral("chartHorizonCombo"));
    m_chartHorizon->setToolTip(tr("The horizon the charts and the fold table show"));
    m_movingAverage->setObjectName(QStringLiteral("movingAverageSpin"));
    m_movingAverage->setRange(1, 60);
    m_movingAverage->setValue(kDefaultMovingAverage);
    m_movingAverage->setToolTip(tr("Dates in the moving average of RankIC"));
    m_export->setObjectName(QStringLiteral("exportTablesButton"));
    m_export->setToolTip(
        tr("Write per_date.csv, per_fold.csv and summary.csv to a folder you choose"));
    m_export->setEnabled(false);
    m_exportReport->setObjectName(QStringLiteral("exportReportButton"));
    m_exportReport->setToolTip(
        tr("Write the evaluation as one HTML page (verdict, tables, "
           "charts) that any browser opens, as kronos-cli evaluate --report"));
    m_exportReport->setEnabled(false);
    m_reportStatus->setObjectName(QStringLiteral("reportExportStatus"));
    m_reportStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *horizonsLabel = new QLabel(tr("&Horizons:"), this);
    horizonsLabel->setBuddy(m_horizons);
    auto *chartLabel = new QLabel(tr("&Show:"), this);
    chartLabel->setBuddy(m_chartHorizon);
    auto *averageLabel = new QLabel(tr("&Moving average:"), this);
    averageLabel->setBuddy(m_movingAverage);
    // The exports share the run's line and the choices have their own: at 1024×700 one row of
    // both was wider than the tab, which then scrolled sideways.
    auto *header = new QHBoxLayout;
    header->addWidget(m_runLabel, 1);
    header->addWidget(m_reportStatus);
    header->addWidget(m_export);
    header->addWidget(m_exportReport);
    auto *controls = new QHBoxLayout;
    controls->addWidget(horizonsLabel);
    controls->addWidget(m_horizons);
    controls->addWidget(m_folds);
    controls->addWidget(chartLabel);
    controls->addWidget(m_chartHorizon);
    controls->addWidget(averageLabel);
    controls->addWidget(m_movingAverage);
    controls->addStretch();

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("evaluationTabs"));
    tabs->addTab(buildSummaryTab(), tr("S&ummary and gates"));
    tabs->addTab(buildChartsTab(), tr("&Charts"));
    tabs->addTab(buildFoldsTab(), tr("F&olds"));
    m_judgement = new JudgementTabs(m_workspace.executor(), tabs);

    // The verdict can run to many caveats: it scrolls in its own pane, which the user can drag
    // smaller or collapse, so that it never crowds the tables out.
    auto *verdictScroll = new QScrollArea(this);
    verdictScroll->setObjectName(QStringLiteral("verdictScroll"));
    verdictScroll->setWidget(m_verdict);
    verdictScroll->setWidgetResizable(true);
    verdictScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The headline and a few findings stay in view until the user drags the pane smaller.
    verdictScroll->setMinimumHeight(7 * fontMetrics().lineSpacing());
    auto *results = new QSplitter(Qt::Vertical, this);
    results->setObjectName(QStringLiteral("verdictSplitter"));
    results->addWidget(verdictScroll);
    results->addWidget(tabs);
    results->setStretchFactor(0, 1);
    results->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(results, 1);

    m_rerunDelay.setSingleShot(true);
    m_rerunDelay.setInterval(kRerunDelayMs);
    connect(&m_rerunDelay, &QTimer::timeout, this, &EvaluationView::rerun);
    const auto scheduleRerun = [this] {
        if (m_runId != 0 || m_input)
            m_rerunDelay.start();
    };
    connect(m_horizons, &QLineEdit::editingFinished, this, scheduleRerun);
    connect(m_folds, &QComboBox::currentIndexChanged, this, scheduleRerun);
    for (QDoubleSpinBox *spin : { m_factorMinRankIc, m_factorMaxMomentumCorrelation, m_mlMinRankIc,
             m_mlReferenceRankIc, m_mlReferenceTolerance, m_practicalMaxTopTurnover })
        connect(spin, &QDoubleSpinBox::valueChanged, this, scheduleRerun);
    connect(m_factorMinHorizons, &QSpinBox::valueChanged, this, scheduleRerun);
    connect(m_judgement, &JudgementTabs::costChanged, this, scheduleRerun);
    connect(m_useMlReference, &QCheckBox::toggled, this, [this, scheduleRerun](bool on) {
        m_mlReferenceRankIc->setEnabled(on);
        scheduleRerun();
    });
    connect(m_chartHorizon, &QComboBox::currentIndexChanged, this, [this] {
        fillFolds();
        drawCharts();
        showJudgement();
    });
    connect(m_movingAverage, &QSpinBox::valueChanged, this, &EvaluationView::drawCharts);
    connect(&m_worker, &QFutureWatcher<EvaluationOutcome>::finished, this,
        [this] { showOutcome(m_worker.result()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Export the evaluation tables to a folder"));
        if (!folder.isEmpty())
            reportErrorWhenDone(exportTables(folder), this, tr("Export evaluation"));
    });
    connect(m_exportReport, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the evaluation report"),
            suggestedReportFileName(), tr("HTML pages (*.html)"));
        if (!path.isEmpty())
            exportReport(path);
    });
}

QWidget *EvaluationView::buildSummaryTab()
{
    auto *tab = new QWidget(this);
    const Eval::GateThresholds defaults;
    m_factorMinRankIc = thresholdSpin(-1, 1, tr("Factor gate: RankIC mean at least this"), tab);
    m_factorMinRankIc->setValue(defaults.factorMinRankIc);
    m_factorMinHorizons = new QSpinBox(tab);
    m_factorMinHorizons->setRange(1, 20);
    m_factorMinHorizons->setValue(defaults.factorMinHorizons);
    m_factorMinHorizons->setToolTip(tr("Factor gate: on at least this many horizons"));
    m_factorMaxMomentumCorrelation
        = thresholdSpin(0, 1, tr("Factor gate: |correlation with momentum| below this"), tab);
    m_factorMaxMomentumCorrelation->setValue(defaults.factorMaxMomentumCorrelation);
    m_mlMinRankIc = thresholdSpin(-1, 1, tr("ML gate: RankIC mean at least this"), tab);
    m_mlMinRankIc->setValue(defaults.mlMinRankIc);
    m_useMlReference = new QCheckBox(tr("Reference RankIC:"), tab);
    m_useMlReference->setToolTip(
        tr("ML gate: also pass within the tolerance of a reference model's RankIC"));
    m_mlReferenceRankIc = thresholdSpin(-1, 1, tr("The reference model's RankIC mean"), tab);
    m_mlReferenceRankIc->setEnabled(false);
    m_mlReferenceTolerance
        = thresholdSpin(0, 1, tr("ML gate: how far below the reference still passes"), tab);
    m_mlReferenceTolerance->setValue(defaults.mlReferenceTolerance);
    m_practicalMaxTopTurnover
        = thresholdSpin(0, 1, tr("Practical gate: mean top-quintile turnover at most this"), tab);
    m_practicalMaxTopTurnover->setValue(defaults.practicalMaxTopTurnover);

    m_factorMinRankIc->setObjectName(QStringLiteral("factorMinRankIcSpin"));
    m_factorMinHorizons->setObjectName(QStringLiteral("factorMinHorizonsSpin"));
    m_factorMaxMomentumCorrelation->setObjectName(
        QStringLiteral("factorMaxMomentumCorrelationSpin"));
    m_mlMinRankIc->setObjectName(QStringLiteral("mlMinRankIcSpin"));
    m_useMlReference->setObjectName(QStringLiteral("mlReferenceCheck"));
    m_mlReferenceRankIc->setObjectName(QStringLiteral("mlReferenceRankIcSpin"));
    m_mlReferenceTolerance->setObjectName(QStringLiteral("mlReferenceToleranceSpin"));
    m_practicalMaxTopTurnover->setObjectName(QStringLiteral("practicalMaxTopTurnoverSpin"));

    auto *thresholds = new QGroupBox(tr("Gate thresholds"), tab);
    auto *form = new QFormLayout(thresholds);
    form->addRow(tr("Factor: min RankIC"), m_factorMinRankIc);
    form->addRow(tr("Factor: min horizons"), m_factorMinHorizons);
    form->addRow(tr("Factor: max |corr. momentum|"), m_factorMaxMomentumCorrelation);
    form->addRow(tr("ML: min RankIC"), m_mlMinRankIc);
    form->addRow(m_useMlReference, m_mlReferenceRankIc);
    form->addRow(tr("ML: reference tolerance"), m_mlReferenceTolerance);
    form->addRow(tr("Practical: max turnover"), m_practicalMaxTopTurnover);

    m_summaryView = tableView(m_summary, QStringLiteral("summaryTable"), tab);
    m_summaryView->setToolTip(tr("The model and its baselines per horizon, over every date"));
    m_gateView = tableView(m_gates, QStringLiteral("gateTable"), tab);
    m_gateView->setToolTip(tr("The model's gates per horizon with the thresholds at the left"));
    m_gateVerdict = new QLabel(tab);
    m_gateVerdict->setObjectName(QStringLiteral("gateVerdict"));
    m_gateVerdict->setWordWrap(true);

    auto *gates = new QVBoxLayout;
    gates->addWidget(m_gateView, 1);
    gates->addWidget(m_gateVerdict);
    // Seven threshold rows scroll on their own rather than set the tab's least height.
    auto *thresholdsScroll = new VerticalScrollArea(thresholds, tab);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(thresholdsScroll);
    bottom->addLayout(gates, 1);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_summaryView, 2);
    layout->addLayout(bottom, 1);
    return tab;
}

QWidget *EvaluationView::buildChartsTab()
{
    auto *tab = new QSplitter(Qt::Vertical, this);
    BackgroundExecutor &executor = m_workspace.executor();
    m_rankIcChart
        = new ChartPanel(tr("RankIC per date"), QStringLiteral("rank_ic.png"), executor, tab);
    m_rankIcChart->setObjectName(QStringLiteral("rankIcChart"));
    m_quintileChart = new ChartPanel(
        tr("Mean forward return per quintile"), QStringLiteral("quintiles.png"), executor, tab);
    m_quintileChart->setObjectName(QStringLiteral("quintileChart"));
    m_spreadChart = new ChartPanel(tr("Cumulative top-minus-bottom spread (Q5 − Q1)"),
        QStringLiteral("spread.png"), executor, tab);
    m_spreadChart->setObjectName(QStringLiteral("spreadChart"));
    m_rankIcChart->setToolTipProvider([this](const QPointF &position) -> QString {
        const Eval::HorizonEvaluation *evaluation = selectedEvaluation();
        if (!evaluation)
            return {};
        const auto &perDate = evaluation->model.perDate;
        const long index = std::lround(m_rankIcChart->plot()->xAxis->pixelToCoord(position.x()));
        if (index < 0 || index >= long(perDate.size()))
            return {};
        return tr("%1: RankIC %2, %3 names")
            .arg(perDate[index].date.toString(Qt::ISODate), formatValue(perDate[index].rankIc))
            .arg(perDate[index].n);
    });
    tab->addWidget(m_rankIcChart);
    tab->addWidget(m_quintileChart);
    tab->addWidget(m_spreadChart);
    return tab;
}

QWidget *EvaluationView::buildFoldsTab()
{
    m_foldView = tableView(m_foldRows, QStringLiteral("foldTable"), this);
    m_foldView->setToolTip(tr("The shown horizon's summaries per walk-forward fold"));
    return m_foldView;
}

Eval::EvaluationOptions EvaluationView::options() const
{
    Eval::EvaluationOptions options;
    const PositiveList horizons = parsePositiveList(m_horizons->text());
    if (horizons.isValid())
        options.horizons = { horizons.values.begin(), horizons.values.end() };
    if (const auto folds = Eval::parseFoldSpec(m_folds->currentData().toString()))
        options.folds = *folds;
    options.gates.factorMinRankIc = m_factorMinRankIc->value();
    options.gates.factorMinHorizons = m_factorMinHorizons->value();
    options.gates.factorMaxMomentumCorrelation = m_factorMaxMomentumCorrelation->value();
    options.gates.mlMinRankIc = m_mlMinRankIc->value();
    if (m_useMlReference->isChecked())
        options.gates.mlReferenceRankIc = m_mlReferenceRankIc->value();
    options.gates.mlReferenceTolerance = m_mlReferenceTolerance->value();
    options.gates.practicalMaxTopTurnover = m_practicalMaxTopTurnover->value();
    options.costBps = m_judgement->costBps();
    return options;
}

int EvaluationView::selectedHorizon() const
{
    return m_chartHorizon->currentData().toInt();
}

void EvaluationView::setHorizons(const QList<int> &horizons)
{
    QStringList parts;
    for (int horizon : horizons)
        parts.append(QString::number(horizon));
    m_horizons->setText(parts.join(QStringLiteral(", ")));
}

void EvaluationView::adoptScoreHorizons(const std::vector<Eval::ScoreRow> &scores)
{
    std::set<int> horizons;
    for (const Eval::ScoreRow &row : scores) {
        if (row.horizon)
            horizons.insert(*row.horizon);
    }
    if (!horizons.empty())
        setHorizons({ horizons.begin(), horizons.end() });
}

void EvaluationView::evaluateRun(qint64 runId)
{
    m_runId = runId;
    m_input.reset();
    m_followRunHorizons = true;
    if (m_runLabel->run().id != runId) {
        clearResult();
        m_runLabel->setSubject(tr("Run %1 (being evaluated)").arg(runId));
    }
    rerun();
}

void EvaluationView::clear()
{
    m_rerunDelay.stop();
    m_runId = 0;
    m_input.reset();
    // A result still coming is dropped: showOutcome() wants a run or scores to show.
    m_outcome = EvaluationOutcome();
    clearResult();
    m_runLabel->setRun(RunIdentity());
    m_status->setText(tr("No scores evaluated yet."));
    m_verdict->showMessage(tr("No verdict: nothing is evaluated."));
}

void EvaluationView::showInputError(const QString &title, const QString &error)
{
    clear();
    m_runLabel->setSubject(title);
    m_status->setText(tr("Not evaluated: %1").arg(error));
    m_verdict->showMessage(tr("No verdict: the scores could not be read."));
}

void EvaluationView::clearResult()
{
    m_outcome.report = Eval::EvaluationReport();
    m_outcome.panel.reset();
    {
        const QSignalBlocker blocker(m_chartHorizon);
        m_chartHorizon->clear();
    }
    fillSummary();
    fillGates();
    m_gateVerdict->clear();
    fillFolds();
    drawCharts();
    m_export->setEnabled(false);
    m_exportReport->setEnabled(false);
    showJudgement();
}

void EvaluationView::evaluateScores(
    const Eval::EvaluationInput &input, const Eval::ReportSubject &subject)
{
    m_runId = 0;
    m_input = std::make_shared<const Eval::EvaluationInput>(input);
    m_subject = subject.title.isEmpty() ? unnamedScores() : subject;
    m_followRunHorizons = false;
    adoptScoreHorizons(input.scores);
    rerun();
}

void EvaluationView::rerun()
{
    m_rerunDelay.stop();
    if (m_runId == 0 && !m_input)
        return;
    Eval::EvaluationOptions chosen = options();
    if (m_followRunHorizons) {
        chosen.horizons.clear(); // the run's, as `kronos-cli evaluate RUN_ID` takes them
    } else if (!parsePositiveList(m_horizons->text()).isValid()) {
        m_status->setText(tr("Horizons must be whole numbers of trading days, e.g. 20, 60, 90."));
        return;
    }
    // A newer evaluation replaces the watched one; an older result is never shown.
    if (m_runId != 0) {
        m_status->setText(tr("Evaluating run %1…").arg(m_runId));
        m_worker.setFuture(m_workspace.evaluateRun(m_runId, chosen));
    } else {
        m_status->setText(tr("Evaluating %1 scores…").arg(m_input->scores.size()));
        m_worker.setFuture(m_workspace.evaluateScores(m_input, chosen, m_subject));
    }
}

void EvaluationView::showOutcome(const EvaluationOutcome &outcome)
{
    if (m_runId == 0 && !m_input)
        return; // cleared while it was evaluated
    m_outcome = outcome;
    if (outcome.run.isKnown())
        m_runLabel->setRun(outcome.run);
    else
        m_runLabel->setSubject(m_runId != 0 ? tr("Run %1").arg(m_runId) : m_subject.title);
    if (!outcome.error.isEmpty()) {
        clearResult();
        m_status->setText(tr("Evaluation failed: %1").arg(outcome.error));
        m_verdict->showMessage(tr("No verdict: the evaluation failed."));
        Q_EMIT evaluated();
        return;
    }
    if (m_followRunHorizons) {
        m_followRunHorizons = false;
        setHorizons({ outcome.options.horizons.begin(), outcome.options.horizons.end() });
    }
    // Dates the scores were evaluated on, per horizon — not the price calendar around them.
    QStringList dates;
    for (const Eval::HorizonEvaluation &evaluation : outcome.report.horizons) {
        const auto evaluated
            = std::count_if(evaluation.model.perDate.begin(), evaluation.model.perDate.end(),
                [](const Eval::DateResult &date) { return date.rankIc.has_value(); });
        dates << tr("%1 of %2 dates at %3 days")
                     .arg(evaluated)
                     .arg(evaluation.model.perDate.size())
                     .arg(evaluation.horizon);
    }
    QString status = tr("%1 scores on %2 tickers; evaluated: %3.")
                         .arg(outcome.scoreCount)
                         .arg(outcome.panel->tickerCount())
                         .arg(dates.join(QStringLiteral(", ")));
    if (outcome.runId != 0)
        status += tr(" Stored with run %1, as `kronos-cli evaluate %1` does.").arg(outcome.runId);
    if (!outcome.missingTickers.isEmpty())
        status += tr(" No prices for: %1.").arg(outcome.missingTickers.join(QStringLiteral(", ")));
    for (const Eval::HorizonEvaluation &evaluation : outcome.report.horizons) {
        if (evaluation.overlapping)
            status
                += tr(" %1-day windows of consecutive dates overlap: t-statistics are optimistic.")
                       .arg(evaluation.horizon);
        const int unplaced = evaluation.unknownDateRows + evaluation.unknownTickerRows;
        if (unplaced > 0)
            status += tr(" %1-day horizon: %2 score rows not on the prices.")
                          .arg(evaluation.horizon)
                          .arg(unplaced);
    }
    m_status->setText(status);
    m_export->setEnabled(true);
    m_exportReport->setEnabled(true);
    m_verdict->showReport(outcome.report);

    const int previous = selectedHorizon();
    {
        const QSignalBlocker blocker(m_chartHorizon);
        m_chartHorizon->clear();
        for (const Eval::HorizonEvaluation &evaluation : outcome.report.horizons)
            m_chartHorizon->addItem(tr("%1 days").arg(evaluation.horizon), evaluation.horizon);
        m_chartHorizon->setCurrentIndex(std::max(0, m_chartHorizon->findData(previous)));
    }
    fillSummary();
    fillGates();
    fillFolds();
    drawCharts();
    showJudgement();
    Q_EMIT evaluated();
}

void EvaluationView::showJudgement()
{
    m_judgement->showReport(m_outcome.report, selectedHorizon());
}

const Eval::HorizonEvaluation *EvaluationView::selectedEvaluation() const
{
    for (const Eval::HorizonEvaluation &evaluation : m_outcome.report.horizons) {
        if (evaluation.horizon == selectedHorizon())
            return &evaluation;
    }
    return nullptr;
}

void EvaluationView::fillSummary()
{
    m_summary->clear();
    setHeader(m_summary,
        { { tr("Horizon"), tr("Trading days") }, { tr("Signal"), tr("The model or a baseline") },
            { tr("Dates"), tr("Evaluation dates") },
            { tr("IC"), tr("Mean Pearson correlation of score and forward return") },
            { tr("IC IR"), tr("IC mean / IC standard deviation") },
            { tr("IC t"), tr("IC mean / (std / √dates)") },
            { tr("IC hit"), tr("Share of dates with IC > 0") },
            { tr("RankIC"), tr("Mean Spearman correlation of score and forward return") },
            { tr("RankIC IR"), tr("RankIC mean / RankIC standard deviation") },
            { tr("RankIC t"), tr("RankIC mean / (std / √dates)") },
            { tr("RankIC hit"), tr("Share of dates with RankIC > 0") },
            { tr("Spread"), tr("Mean Q5 − Q1 forward return") },
            { tr("Turnover"),
                tr("Mean share of the top quintile replaced from one date to the next") },
            { tr("Corr. momentum"), tr("The model's mean rank correlation with momentum") } });
    for (const Eval::HorizonEvaluation &evaluation : m_outcome.report.horizons) {
        for (const Eval::SignalEvaluation *signal :
            { &evaluation.model, &evaluation.momentum, &evaluation.reversal }) {
            const Eval::SignalSummary &summary = signal->overall;
            QList<QStandardItem *> row { textItem(QString::number(evaluation.horizon)),
                textItem(Eval::signalName(signal->kind)),
                textItem(QString::number(summary.dateCount)), valueItem(summary.ic.mean),
                valueItem(summary.ic.ir), valueItem(summary.ic.t, 2), valueItem(summary.ic.hitRate),
                valueItem(summary.rankIc.mean), valueItem(summary.rankIc.ir),
                valueItem(summary.rankIc.t, 2), valueItem(summary.rankIc.hitRate),
                valueItem(summary.spreadMean), valueItem(summary.topTurnoverMean),
                signal->kind == Eval::SignalKind::Model
                    ? valueItem(evaluation.momentumCorrelation.mean)
                    : textItem(QString()) };
            QString why
                = Eval::undefinedFiguresReason(summary, evaluation.horizon, evaluation.scored);
            if (signal->kind == Eval::SignalKind::Model && !evaluation.momentumCorrelation.mean)
                why += (why.isEmpty() ? QString() : QStringLiteral("; "))
                    + tr("corr. momentum n/a: no date where the model and momentum share %1 "
                         "names")
                          .arg(Eval::kMinimumNamesPerDate);
            explainUndefined(row, why);
            m_summary->appendRow(row);
        }
    }
}

void EvaluationView::fillGates()
{
    m_gates->clear();
    setHeader(m_gates,
        { { tr("Horizon"), tr("Trading days") }, { tr("RankIC"), tr("The model's RankIC mean") },
            { tr("Corr. momentum"), tr("The model's mean rank correlation with momentum") },
            { tr("Turnover"), tr("The model's mean top-quintile turnover") },
            { tr("Factor"), tr("RankIC high enough and not momentum in disguise") },
            { tr("ML"), tr("RankIC at the ML bar, or near the reference") },
            { tr("Practical"), tr("Turnover low enough to trade") } });
    const Eval::GateVerdict &verdict = m_outcome.report.gates;
    for (size_t k = 0; k < verdict.perHorizon.size() && k < m_outcome.report.horizons.size(); ++k) {
        const Eval::HorizonGates &gates = verdict.perHorizon[k];
        const Eval::HorizonEvaluation &evaluation = m_outcome.report.horizons[k];
        const QList<QStandardItem *> row { textItem(QString::number(gates.horizon)),
            valueItem(evaluation.model.overall.rankIc.mean),
            valueItem(evaluation.momentumCorrelation.mean),
            valueItem(evaluation.model.overall.topTurnoverMean), gateItem(gates.factor),
            gateItem(gates.ml), gateItem(gates.practical) };
        // The gates' own n/a carry their reason; the figures' say why they are undefined.
        explainUndefined(row.mid(0, 4),
            Eval::undefinedFiguresReason(
                evaluation.model.overall, evaluation.horizon, evaluation.scored));
        m_gates->appendRow(row);
    }
    m_gateVerdict->setText(
        tr("Factor gate: %1 — %2")
            .arg(Eval::gateStatusName(verdict.factor.status).toUpper(), verdict.factor.reason));
}

void EvaluationView::fillFolds()
{
    m_foldRows->clear();
    setHeader(m_foldRows,
        { { tr("Fold"), tr("Walk-forward fold") }, { tr("First"), tr("First date of the fold") },
            { tr("Last"), tr("Last date of the fold") }, { tr("Dates"), tr("Evaluation dates") },
            { tr("Model RankIC"), tr("The model's RankIC mean in the fold") },
            { tr("Model t"), tr("t-statistic of the model's RankIC") },
            { tr("Model spread"), tr("The model's mean Q5 − Q1 forward return") },
            { tr("Momentum RankIC"), tr("The momentum baseline's RankIC mean") },
            { tr("Reversal RankIC"), tr("The reversal baseline's RankIC mean") },
            { tr("Corr. momentum"), tr("The model's mean rank correlation with momentum") } });
    const Eval::HorizonEvaluation *evaluation = selectedEvaluation();
    if (!evaluation)
        return;
    for (const Eval::FoldEvaluation &fold : evaluation->folds) {
        const QList<QStandardItem *> row { textItem(fold.label),
            textItem(fold.firstDate.toString(Qt::ISODate)),
            textItem(fold.lastDate.toString(Qt::ISODate)),
            textItem(QString::number(fold.model.dateCount)), valueItem(fold.model.rankIc.mean),
            valueItem(fold.model.rankIc.t, 2), valueItem(fold.model.spreadMean),
            valueItem(fold.momentum.rankIc.mean), valueItem(fold.reversal.rankIc.mean),
            valueItem(fold.momentumCorrelation.mean) };
        explainUndefined(row.mid(0, 7),
            Eval::undefinedFiguresReason(fold.model, evaluation->horizon, evaluation->scored));
        explainUndefined({ row[7] },
            Eval::undefinedFiguresReason(fold.momentum, evaluation->horizon, evaluation->scored));
        explainUndefined({ row[8] },
            Eval::undefinedFiguresReason(fold.reversal, evaluation->horizon, evaluation->scored));
        explainUndefined({ row[9] },
            tr("n/a: no date of the fold where the model and momentum share %1 names")
                .arg(Eval::kMinimumNamesPerDate));
        m_foldRows->appendRow(row);
    }
}

void EvaluationView::drawCharts()
{
    QCustomPlot *rankIcPlot = m_rankIcChart->plot();
    QCustomPlot *quintilePlot = m_quintileChart->plot();
    QCustomPlot *spreadPlot = m_spreadChart->plot();
    for (QCustomPlot *plot : { rankIcPlot, quintilePlot, spreadPlot })
        plot->clearPlottables();
    const Eval::HorizonEvaluation *evaluation = selectedEvaluation();
    if (!evaluation) {
        for (ChartPanel *chart : { m_rankIcChart, m_quintileChart, m_spreadChart })
            chart->scheduleReplot();
        return;
    }

    // RankIC per date (bars), with a trailing moving average over the dates that have one.
    const auto &perDate = evaluation->model.perDate;
    auto *bars = new QCPBars(rankIcPlot->xAxis, rankIcPlot->yAxis);
    bars->setName(tr("RankIC"));
    bars->setBrush(ChartStyle::positive());
    bars->setPen(Qt::NoPen);
    QCPGraph *average = rankIcPlot->addGraph();
    average->setName(tr("Moving average (%1 dates)").arg(m_movingAverage->value()));
    average->setPen(QPen(ChartStyle::accent(), 2));
    QList<QDate> dates;
    for (const auto &day : perDate)
        dates.append(day.date);
    const auto dateAt = [dates](int k) {
        return k >= 0 && k < dates.size() ? dates[k].toString(Qt::ISODate) : QString();
    };
    std::vector<double> window;
    for (size_t k = 0; k < perDate.size(); ++k) {
        if (!perDate[k].rankIc)
            continue;
        bars->addData(double(k), *perDate[k].rankIc);
        window.push_back(*perDate[k].rankIc);
        if (int(window.size()) > m_movingAverage->value())
            window.erase(window.begin());
        double sum = 0;
        for (double value : window)
            sum += value;
        average->addData(double(k), sum / double(window.size()));
    }
    DateAxis::install(rankIcPlot->xAxis, dateAt);
    rankIcPlot->legend->setVisible(true);
    rankIcPlot->rescaleAxes();
    rankIcPlot->xAxis->setRange(-1, double(perDate.size()));

    // Mean forward return per quintile, the model beside its baselines.
    auto *group = new QCPBarsGroup(quintilePlot);
    auto quintileTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int q = 0; q < Eval::kQuintileCount; ++q)
        quintileTicker->addTick(q + 1, QStringLiteral("Q%1").arg(q + 1));
    const QList<QPair<const Eval::SignalEvaluation *, QColor>> signalColors {
        { &evaluation->model, ChartStyle::positive() },
        { &evaluation->momentum, ChartStyle::accent() },
        { &evaluation->reversal, ChartStyle::muted() },
    };
    for (const auto &[signal, color] : signalColors) {
        auto *quintiles = new QCPBars(quintilePlot->xAxis, quintilePlot->yAxis);
        quintiles->setName(Eval::signalName(signal->kind));
        quintiles->setBrush(color);
        quintiles->setPen(Qt::NoPen);
        quintiles->setWidth(0.25);
        quintiles->setBarsGroup(group);
        for (int q = 0; q < Eval::kQuintileCount; ++q) {
            if (signal->overall.quintileMeans[q])
                quintiles->addData(q + 1, *signal->overall.quintileMeans[q] * 100.0);
        }
    }
    quintilePlot->xAxis->setTicker(quintileTicker);
    quintilePlot->yAxis->setLabel(tr("Mean forward return (%)"));
    quintilePlot->legend->setVisible(true);
    quintilePlot->xAxis->setRange(0.4, Eval::kQuintileCount + 0.6);
    ChartStyle::fitValueAxis(quintilePlot->yAxis, 1.2);

    // Cumulative spread: a sum, not a compounded return, since consecutive windows may overlap.
    for (const auto &[signal, color] : signalColors) {
        QCPGraph *graph = spreadPlot->addGraph();
        graph->setName(Eval::signalName(signal->kind));
        graph->setPen(QPen(color, signal->kind == Eval::SignalKind::Model ? 2 : 1));
        double cumulative = 0;
        for (size_t k = 0; k < signal->perDate.size(); ++k) {
            cumulative += signal->perDate[k].spread.value_or(0.0);
            graph->addData(double(k), cumulative * 100.0);
        }
    }
    DateAxis::install(spreadPlot->xAxis, dateAt);
    spreadPlot->yAxis->setLabel(tr("Cumulative Q5 − Q1 (%)"));
    spreadPlot->legend->setVisible(true);
    spreadPlot->rescaleAxes();

    for (ChartPanel *chart : { m_rankIcChart, m_quintileChart, m_spreadChart })
        chart->scheduleReplot();
}

QFuture<QString> EvaluationView::exportTables(const QString &folder) const
{
    return m_workspace.executor().run([report = m_outcome.report, folder] {
        return failureMessageOf([&] { Eval::writeEvaluationReport(report, folder); });
    });
}

QFuture<QString> EvaluationView::exportReport(const QString &path)
{
    Eval::ReportSubject subject = m_outcome.subject;
    subject.generated = QDateTime::currentDateTime();
    const QFuture<QString> written = m_workspace.executor().run([report = m_outcome.report, subject,
                                                                    path] {
        return failureMessageOf([&] { Eval::writeEvaluationReportHtml(report, subject, path); });
    });
    reportErrorWhenDone(written, this, tr("Export report"),
        [this, path] { m_reportStatus->setText(tr("Report written to %1").arg(path)); });
    return written;
}

QString EvaluationView::suggestedReportFileName() const
{
    return Eval::suggestedReportFileName(m_outcome.subject);
}
