#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace Eval {

// Charts as inline SVG written by our own code, for the self-contained HTML report: no QtGui,
// no display, no fonts to embed (the browser draws the text in the page's font), no network.
// Each function returns one <svg> element with a viewBox, so it scales with the page. Text is
// escaped. Pure functions; thread-safe.

// One line of a line chart: y over x (parallel; NaN y leaves a gap).
struct ChartLine
{
    QString name; // in the legend
    QString color; // any CSS color
    std::vector<double> x;
    std::vector<double> y;
    bool dashed = false;
    bool thin = false;
    // Markers at every point; a point listed in `hollow` is drawn as a ring (e.g. "not
    // significant"), the others filled.
    bool markers = false;
    std::vector<bool> hollow = {};
};

// How the axes of a line chart read.
struct ChartAxes
{
    QString xLabel;
    QString yLabel;
    bool xIsJulianDay = false; // x holds QDate::toJulianDay(): ticks are labelled as dates
    bool yAsPercent = false; // y is a share: ticks in percent
    std::optional<double> yReference; // a thin horizontal line (0, 1, 0.1 ...)
    bool xIsWhole = false; // x ticks at whole numbers (horizons)
};

QString svgLineChart(const QString &title, const std::vector<ChartLine> &lines,
    const ChartAxes &axes, int width = 880, int height = 300);

// A bar chart: one group of bars per category, one bar per series in each group (a NaN value
// draws nothing); an optional dashed reference line across (0.1 for a flat PIT histogram, 0.8
// for honest coverage).
struct BarSeries
{
    QString name;
    QString color;
    std::vector<double> values; // one per category
};

QString svgBarChart(const QString &title, const QStringList &categories,
    const std::vector<BarSeries> &series, const ChartAxes &axes, int width = 430, int height = 240);

// Horizontal bars, one per label, signed values around zero, each with a note on its right
// ("87 dates").
QString svgHorizontalBars(const QString &title, const QStringList &labels,
    const std::vector<double> &values, const QStringList &notes, int width = 880);

// A grid of values coloured on a diverging scale (blue positive, red negative, white 0) with
// each value written in its cell; an empty cell is grey.
QString svgHeatmap(const QString &title, const QStringList &rowLabels,
    const QStringList &columnLabels, const std::vector<std::vector<std::optional<double>>> &values,
    int width = 880);

} // namespace Eval
