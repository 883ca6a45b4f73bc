#pragma once

#include "evaluation.h"
#include "evaluation_html_report.h"

#include <QFutureWatcher>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

class ChartPanel;
class EvaluationVerdictPanel;
class JudgementTabs;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

// What one evaluation produced, or why it could not run.
struct EvaluationOutcome
{
    Eval::EvaluationReport report;
    Eval::GateThresholds thresholds; // the ones the gates were judged with
    std::shared_ptr<const Eval::PricePanel> panel; // the prices evaluated against
    // What was evaluated, with the database's sectors: evaluated again when an option changes.
    std::shared_ptr<const Eval::EvaluationInput> input;
    QStringList missingTickers; // scored but without a bar in the database
    Eval::ReportSubject subject; // what Export report… names (without its generation time)
    bool randomWeights = false; // a stored run of random weights: its gates never pass
    QString error;
};

// How good a run's scores are (core/eval): per horizon, the model against the momentum and
// reversal baselines (IC, RankIC, IR, t, hit rate, spread, turnover); the gates with editable
// thresholds; RankIC per date as bars with a moving average, mean forward return per quintile,
// the cumulative Q5-Q1 spread, and one row per walk-forward fold. Export writes per_date.csv,
// per_fold.csv and summary.csv (Eval::writeEvaluationReport) to a folder. The verdict with its
// caveats heads the tab; the judgement sub-tabs (JudgementTabs: significance, accuracy,
// calibration, the costed book, IC decay, monthly and sector RankIC) follow the summary, and
// Export report… writes the HTML page `kronos-cli evaluate --report` writes.
//
// Evaluation runs on a pool thread, again after every change of horizons, folds or thresholds
// (debounced). GUI thread only.
class EvaluationView : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationView(QWidget *parent = nullptr);

    // The last outcome shown (empty report before the first evaluation).
    const EvaluationOutcome &outcome() const { return m_outcome; }
    // The horizons, folds and thresholds the controls hold.
    Eval::EvaluationOptions options() const;
    // The horizon the charts and the fold table show.
    int selectedHorizon() const;
    QTableView *summaryTable() const { return m_summaryView; }
    QTableView *gateTable() const { return m_gateView; }
    QTableView *foldTable() const { return m_foldView; }
    ChartPanel *rankIcChart() const { return m_rankIcChart; }
    ChartPanel *quintileChart() const { return m_quintileChart; }
    ChartPanel *spreadChart() const { return m_spreadChart; }
    // Writes the three CSV files to `folder` on a pool thread; empty string on success.
    QFuture<QString> exportTables(const QString &folder) const;
    JudgementTabs *judgement() const { return m_judgement; }
    EvaluationVerdictPanel *verdictPanel() const { return m_verdict; }
    // Writes the shown evaluation as the HTML report of `kronos-cli evaluate --report`
    // (Eval::writeEvaluationReportHtml, generated now) to `path` on a pool thread and says in the
    // tab where it went; empty string on success.
    QFuture<QString> exportReport(const QString &path);
    // "<subject title> evaluation.html": what the save dialog of Export report… suggests.
    QString suggestedReportFileName() const;

public Q_SLOTS:
    // Evaluates `scores` against `panel`. Scores with a horizon set the horizons offered.
    void evaluate(const Eval::PricePanel &panel, const std::vector<Eval::ScoreRow> &scores);
    // The same with samples, paths and sectors; `subject` names the exported report.
    void evaluate(const Eval::PricePanel &panel, const Eval::EvaluationInput &input,
        const Eval::ReportSubject &subject = {});
    // The same, with the panel of the scored tickers read from the market database (adjusted
    // closes, PricePanelLoader) on the pool thread.
    void evaluateFromDatabase(
        const QString &databasePath, const std::vector<Eval::ScoreRow> &scores);
    // The same with samples and paths; the sectors come from the database unless `input` has
    // them, as with `kronos-cli evaluate --scores`.
    void evaluateFromDatabase(const QString &databasePath, const Eval::EvaluationInput &input,
        const Eval::ReportSubject &subject = {});
    // Stored run `runId` as `kronos-cli evaluate RUN_ID` judges it (RunEvaluator): its scores,
    // predicted paths and samples read from the database, named by the run, a random-weights
    // run as a control. `shown` are its rows on screen, whose horizons the view adopts.
    void evaluateRun(
        const QString &databasePath, qint64 runId, const std::vector<Eval::ScoreRow> &shown);
    void setHorizons(const QList<int> &horizons);

Q_SIGNALS:
    // An evaluation finished and is shown (outcome().error says whether it failed).
    void evaluated();

private:
    QWidget *buildSummaryTab();
    QWidget *buildChartsTab();
    QWidget *buildFoldsTab();
    void rerun();
    void showOutcome(const EvaluationOutcome &outcome);
    void fillSummary();
    void fillGates();
    void fillFolds();
    // Every evaluate…() ends here: what is evaluated (the prices, else read from
    // `databasePath`, with run `runId`'s input when it is > 0), then evaluated.
    void start(std::shared_ptr<const Eval::PricePanel> panel, const QString &databasePath,
        qint64 runId, const Eval::EvaluationInput &input, const Eval::ReportSubject &subject);
    void drawCharts();
    const Eval::HorizonEvaluation *selectedEvaluation() const;
    void adoptScoreHorizons(const std::vector<Eval::ScoreRow> &scores);
    void showJudgement();

    // The inputs of the last evaluation, kept to evaluate again when an option changes.
    std::shared_ptr<const Eval::PricePanel> m_panel;
    std::shared_ptr<const Eval::EvaluationInput> m_input;
    Eval::ReportSubject m_subject;
    QString m_databasePath;
    qint64 m_runId = 0; // the stored run whose input the next read takes; 0: m_input as given
    bool m_randomWeights = false; // the evaluated run had random weights: a control
    EvaluationOutcome m_outcome;
    QFutureWatcher<EvaluationOutcome> m_worker;
    QTimer m_rerunDelay;

    QLabel *m_status;
    QLineEdit *m_horizons;
    QComboBox *m_folds;
    QComboBox *m_chartHorizon;
    QSpinBox *m_movingAverage;
    QPushButton *m_export;
    QPushButton *m_exportReport;
    QLabel *m_reportStatus;
    EvaluationVerdictPanel *m_verdict;
    JudgementTabs *m_judgement;
    QDoubleSpinBox *m_factorMinRankIc;
    QSpinBox *m_factorMinHorizons;
    QDoubleSpinBox *m_factorMaxMomentumCorrelation;
    QDoubleSpinBox *m_mlMinRankIc;
    QCheckBox *m_useMlReference;
    QDoubleSpinBox *m_mlReferenceRankIc;
    QDoubleSpinBox *m_mlReferenceTolerance;
    QDoubleSpinBox *m_practicalMaxTopTurnover;
    QLabel *m_gateVerdict;
    QStandardItemModel *m_summary;
    QStandardItemModel *m_gates;
    QStandardItemModel *m_foldRows;
    QTableView *m_summaryView;
    QTableView *m_gateView;
    QTableView *m_foldView;
    ChartPanel *m_rankIcChart;
    ChartPanel *m_quintileChart;
    ChartPanel *m_spreadChart;
};
