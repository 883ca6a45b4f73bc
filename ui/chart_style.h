#pragma once

#include <QColor>

class QCustomPlot;

// The look shared by every chart of the workbench. Backgrounds, axes, grids and text follow the
// widget's palette (so dark palettes read well); only data series have fixed colors, chosen to
// read on light and dark backgrounds alike.
namespace ChartStyle {

// Colors the background, axes, tick labels, grid and legend of `plot` from its palette, and lets
// the user zoom and pan with the mouse. Call again on QEvent::PaletteChange.
void apply(QCustomPlot *plot);

// Moves the legend from its corner inside the axes to a row under them, where it can never
// cover data, with as many entries side by side as the plot's width holds. Call again when the
// entries or the width change (ChartPanel does before every redraw).
void placeLegendBelow(QCustomPlot *plot);

// Series colors.
QColor positive(); // scores, returns above zero; the model
QColor negative(); // below zero
QColor accent(); // a second series: moving averages, predicted paths
QColor reference(); // thresholds, budgets, baselines
QColor muted(); // the third series (reversal baseline), realized data

} // namespace ChartStyle
