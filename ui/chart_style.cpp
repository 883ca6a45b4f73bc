#include "chart_style.h"

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

} // namespace ChartStyle
