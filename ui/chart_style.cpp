#include "ui/chart_style.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace ChartStyle {

namespace {

void styleAxis(QCPAxis *axis, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.15);
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(grid, 1, Qt::SolidLine));
}

} // namespace

void apply(QCustomPlot *plot)
{
    const QPalette palette = plot->palette();
    plot->setBackground(palette.brush(QPalette::Base));
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes())
            styleAxis(axis, palette);
    }
    plot->legend->setBrush(palette.brush(QPalette::Base));
    plot->legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
    plot->legend->setTextColor(palette.color(QPalette::Text));
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

void placeLegendBelow(QCustomPlot *plot)
{
    QCPLegend *legend = plot->legend;
    if (legend->layout() == plot->axisRect()->insetLayout()) {
        plot->axisRect()->insetLayout()->take(legend);
        plot->plotLayout()->insertRow(plot->plotLayout()->rowCount());
        plot->plotLayout()->addElement(plot->plotLayout()->rowCount() - 1, 0, legend);
        // The row takes the legend's height, the axes the rest.
        plot->plotLayout()->setRowStretchFactor(plot->plotLayout()->rowCount() - 1, 0.001);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    }
    int widest = 1;
    for (int item = 0; item < legend->itemCount(); ++item)
        widest = std::max(widest, legend->item(item)->minimumOuterSizeHint().width());
    const int columns = std::clamp(
        plot->width() / (widest + legend->columnSpacing()), 1, std::max(1, legend->itemCount()));
    if (legend->wrap() != columns)
        legend->setWrap(columns);
}

void layOut(QCustomPlot *plot)
{
    for (QCPLayoutElement::UpdatePhase phase : { QCPLayoutElement::upPreparation,
             QCPLayoutElement::upMargins, QCPLayoutElement::upLayout })
        plot->plotLayout()->update(phase);
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            if (axis->orientation() != Qt::Vertical)
                continue;
            // A label and one and a half lines of room between two labels.
            const int labelPixels = QFontMetrics(axis->tickLabelFont()).height() * 5 / 2;
            axis->ticker()->setTickCount(std::clamp(rect->height() / labelPixels, 2, 5));
        }
    }
}

void fitValueAxis(QCPAxis *axis, double factor)
{
    const QList<QCPAbstractPlottable *> plottables = axis->plottables();
    const bool anyValue
        = std::any_of(plottables.cbegin(), plottables.cend(), [](QCPAbstractPlottable *plottable) {
              return plottable->interface1D() && plottable->interface1D()->dataCount() > 0;
          });
    if (!anyValue) {
        axis->setRange(0, 1);
        return;
    }
    axis->rescale();
    axis->scaleRange(factor, 0);
}

void zoomAlong(QCPAxis *axis)
{
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    QCPAxisRect *rect = axis->axisRect();
    rect->setRangeZoomAxes(horizontal ? axis : nullptr, horizontal ? nullptr : axis);
    rect->setRangeDragAxes(horizontal ? axis : nullptr, horizontal ? nullptr : axis);
}

QSharedPointer<QCPAxisTicker> wholeNumberTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

QColor positive()
{
    return QColor(0x3b, 0x8e, 0xd0);
}

QColor negative()
{
    return QColor(0xe0, 0x6c, 0x4c);
}

QColor accent()
{
    return QColor(0xf2, 0xa9, 0x00);
}

QColor reference()
{
    return QColor(0xc0, 0x39, 0x2b);
}

QColor muted()
{
    return QColor(0x8e, 0x8e, 0x8e);
}

QColor category(int index)
{
    static const QColor named[]
        = { positive(), accent(), muted(), QColor(0x43, 0xa0, 0x47), QColor(0x8e, 0x24, 0xaa),
              QColor(0x00, 0x89, 0x7b), QColor(0xd8, 0x1b, 0x60), QColor(0x6d, 0x4c, 0x41) };
    if (index < int(std::size(named)))
        return named[index];
    // Past the named ones, hues a golden angle apart: each index a colour of its own.
    return QColor::fromHsv(int(std::lround(index * 137.508)) % 360, 150 + (index % 3) * 35, 200);
}

} // namespace ChartStyle
