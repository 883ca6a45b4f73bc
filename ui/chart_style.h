#pragma once

#include <QColor>
#include <QSharedPointer>

class QCPAxis;
class QCPAxisTicker;
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

// Lays `plot` out for its current size and gives each value axis as many ticks as its height
// holds. QCustomPlot makes ticks from the sizes of the layout before, so the first redraw after
// a resize crowded labels; ChartPanel calls this before every redraw.
void layOut(QCustomPlot *plot);

// Fits `axis` to the values its plottables hold, widened by `factor` around 0; without any
// value, 0 to 1. (Widening the range left by an empty rescale compounded at every redraw, up
// to an axis of 2·10^19.)
void fitValueAxis(QCPAxis *axis, double factor);

// The mouse wheel zooms and a drag pans along `axis` only (time charts: zooming the values too
// loses their scale).
void zoomAlong(QCPAxis *axis);

// Ticks at whole numbers only (batches, batch sizes): no 2.5 batches.
QSharedPointer<QCPAxisTicker> wholeNumberTicker();

// Series colors.
QColor positive(); // scores, returns above zero; the model
QColor negative(); // below zero
QColor accent(); // a second series: moving averages, predicted paths
QColor reference(); // thresholds, budgets, baselines
QColor muted(); // the third series (reversal baseline), realized data
// The index-th of series of one kind told apart by colour only (horizons): the model's blue,
// then accent, six more named colours, then hues a golden angle apart; never one twice.
QColor category(int index);

} // namespace ChartStyle
