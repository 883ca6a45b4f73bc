#pragma once

#include "workbench/workspace.h"

#include <QDate>
#include <QFutureWatcher>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QWidget>
#include <optional>

class ChartPanel;
class QLabel;
class RunIdentityLabel;
struct RunIdentity;
class QSpinBox;

// The forecast of one ticker on one date, one point per horizon of the run.
struct ForecastPoint
{
    int horizon = 0; // trading days after the date
    double predictedClose = 0;
    std::optional<double> p10; // only when the run sampled
    std::optional<double> p90;
};

struct ForecastRequest
{
    QString ticker;
    QDate date; // the last bar of the context
    double lastClose = 0; // adjusted close on `date`
    QList<ForecastPoint> points; // by horizon
};

Q_DECLARE_METATYPE(ForecastRequest)

// One ticker's forecast against its prices: the context as candlesticks, the predicted path
// from the last close through each horizon, the p10-p90 band when the run sampled, and the
// realized bars after the date when the database has them. X is in trading days, 0 being the
// date. Bars are adjusted (as the run scored them) and read by the Workspace.
//
// GUI thread only.
class ForecastView : public QWidget
{
    Q_OBJECT

public:
    explicit ForecastView(Workspace &workspace, QWidget *parent = nullptr);

    ChartPanel *chart() const { return m_chart; }
    const ForecastRequest &request() const { return m_request; }
    const ForecastBars &bars() const { return m_bars; }

    const RunIdentity &run() const;

public Q_SLOTS:
    void showForecast(const ForecastRequest &request);
    // The run whose forecasts the view shows; another run (or none) clears the forecast shown.
    void setRun(const RunIdentity &run);

Q_SIGNALS:
    // The bars of the current request are loaded and drawn (or failed to load).
    void forecastShown();

private:
    void load();
    void draw();
    QString toolTipAt(const QPointF &position) const;

    Workspace &m_workspace;
    ChartPanel *m_chart;
    RunIdentityLabel *m_runLabel;
    QLabel *m_status;
    QSpinBox *m_contextBars;
    ForecastRequest m_request;
    ForecastBars m_bars;
    QFutureWatcher<ForecastBars> m_loader;
};
