#pragma once

#include "workbench/workspace.h"

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
class RunIdentityLabel;

// How good a run's scores are (core/eval): per horizon, the model against the momentum and
// reversal baselines (IC, RankIC, IR, t, hit rate, spread, turnover); the gates with editable
// thresholds; RankIC per date as bars with a moving average, mean forward return per quintile,
// the cumulative Q5-Q1 spread, and one row per walk-forward fold. Export writes per_date.csv,
// per_fold.csv and summary.csv (Eval::writeEvaluationReport) to a folder. The verdict with its
// caveats heads the tab; the judgement sub-tabs (JudgementTabs: significance, accuracy,
// calibration, the costed book, IC decay, monthly and sector RankIC) follow the summary, and
// Export report… writes the HTML page `kronos-cli evaluate --report` writes.
//
// Evaluation is the Workspace's, again after every change of horizons, folds, thresholds or cost
// (debounced). GUI thread only.
class EvaluationView : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationView(Workspace &workspace, QWidget *parent = nullptr);

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
    // Writes the three CSV files to `folder` on the executor; empty string on success.
    QFuture<QString> exportTables(const QString &folder) const;
    JudgementTabs *judgement() const { return m_judgement; }
    EvaluationVerdictPanel *verdictPanel() const { return m_verdict; }
    // Writes the shown evaluation as the HTML report of `kronos-cli evaluate --report`
    // (Eval::writeEvaluationReportHtml, generated now) to `path` on the executor and says in the
    // tab where it went; empty string on success.
    QFuture<QString> exportReport(const QString &path);
    // "<subject title> evaluation.html": what the save dialog of Export report… suggests.
    QString suggestedReportFileName() const;

public Q_SLOTS:
    // Evaluates run `runId`'s stored scores, paths and samples (first at the run's horizons) and
    // stores the summary with the run: the Workspace does what `kronos-cli evaluate RUN_ID` does,
    // so what the view shows is what is stored; a random-weights run is a control.
    void evaluateRun(qint64 runId);
    // Evaluates scores of any signal (a scores file; with samples and paths if it has them)
    // against the adjusted closes and sectors of their tickers in the market database; nothing
    // is stored. Scores with a horizon set the horizons offered; `subject` names the report
    // ("Workbench scores" without a title).
    void evaluateScores(const Eval::EvaluationInput &input, const Eval::ReportSubject &subject);
    void setHorizons(const QList<int> &horizons);
    // Nothing shown any more (the run shown was deleted): no run, no figures.
    void clear();
    // Scores named `title` could not be read (`error`): said in the tab, and nothing of an
    // earlier evaluation stays.
    void showInputError(const QString &title, const QString &error);

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
    void drawCharts();
    const Eval::HorizonEvaluation *selectedEvaluation() const;
    void adoptScoreHorizons(const std::vector<Eval::ScoreRow> &scores);
    void showJudgement();
    // Empties the tables, charts, verdict and judgement: nothing of an earlier evaluation stays
    // under a failure or another run's name.
    void clearResult();

    Workspace &m_workspace;
    // What is evaluated, again when an option changes: a stored run, or scores handed over.
    qint64 m_runId = 0;
    std::shared_ptr<const Eval::EvaluationInput> m_input;
    Eval::ReportSubject m_subject;
    // The next evaluation of the run takes the run's horizons (the field shows them after).
    bool m_followRunHorizons = false;
    EvaluationOutcome m_outcome;
    QFutureWatcher<EvaluationOutcome> m_worker;
    QTimer m_rerunDelay;

    RunIdentityLabel *m_runLabel;
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
