#pragma once

#include "run/run_identity.h"
#include "ui/forecast_view.h"
#include "ui/score_table_model.h"

#include <QFuture>
#include <QTimer>
#include <QWidget>

class BackgroundExecutor;
class ChartPanel;
class RunResults;
class QComboBox;
class QLabel;
class RunIdentityLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class ScoreFilterProxyModel;

// The scores of the run RunResults shows: the table (sortable, filtered by ticker text, date and
// horizon; rows appear while the run goes on), the bar chart of one date and horizon sorted by
// score, and CSV export of the table as shown or whole. Activating a ticker (Enter or double click
// in the table, click on a bar) asks for its forecast view through forecastRequested().
//
// The chart shows the filter's date and horizon, or the latest date and the shortest horizon
// when the filter leaves them open. Exports write what `kronos-cli runs export` writes
// (ScoreCsvExport), named after the run. GUI thread only.
class ScoresPanel : public QWidget
{
    Q_OBJECT

public:
    enum class ExportScope {
        Shown, // the filtered rows, in the order shown
        All, // every row, in the order they arrived
    };

    // `executor` writes the exports; both must outlive the panel.
    ScoresPanel(const RunResults &results, BackgroundExecutor &executor, QWidget *parent = nullptr);

    ScoreTableModel *model() const { return m_model; }
    ScoreFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    ChartPanel *chart() const { return m_chart; }
    // The tickers of the bar chart, left to right (highest score first).
    QStringList chartTickers() const { return m_chartTickers; }

    // The run the rows are from: exports record it, their file names start with its name.
    void setRun(const RunIdentity &run);
    const RunIdentity &run() const;
    // "<run name> scores.csv".
    QString suggestedFileName() const;
    // The rows an export of `scope` writes.
    QList<ScoreRow> exportRows(ExportScope scope) const;
    // Writes the rows of `scope` to `path` on the executor, then says in the panel where they
    // went; the future yields an empty string on success, else what failed.
    QFuture<QString> exportCsv(const QString &path, ExportScope scope);
    // The last export's confirmation ("Wrote 12 rows to /home/me/x.csv."), empty before one.
    QString exportStatus() const;
    // The forecast request for a ticker on a date, from the rows of the model.
    ForecastRequest forecastRequest(const QString &ticker, const QDate &date) const;

Q_SIGNALS:
    void forecastRequested(const ForecastRequest &request);

private:
    void refreshFilterChoices();
    void refreshChart();
    void exportWithDialog(ExportScope scope);
    void requestForecastAt(const QModelIndex &proxyIndex);
    QDate chartDate() const;
    int chartHorizon() const;

    BackgroundExecutor &m_executor;
    ScoreTableModel *m_model;
    ScoreFilterProxyModel *m_proxy;
    QLineEdit *m_tickerFilter;
    QComboBox *m_dateFilter;
    QComboBox *m_horizonFilter;
    QTableView *m_view;
    QLabel *m_rowCount;
    QLabel *m_exportStatus;
    QPushButton *m_exportShown;
    QPushButton *m_exportAll;
    ChartPanel *m_chart;
    QStringList m_chartTickers;
    QList<double> m_chartScores; // of m_chartTickers
    int m_chartHorizon = 0;
    QPointF m_chartPressedAt; // where the mouse went down on the chart: a click or a drag
    RunIdentityLabel *m_runLabel; // the run shown, which exports record
    QDate m_chartDate;
    // Rebuilding the chart scans the rows: during a run it happens once per interval, not once
    // per appended batch.
    QTimer m_chartRefresh;
};
