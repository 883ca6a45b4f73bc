#include "ui/date_axis.h"

#include "ui/chart_style.h"

#include <QFontMetrics>
#include <cmath>

namespace {

// Trading days: a day, a week, two weeks, a month, a quarter, half a year, a year.
constexpr int NiceSteps[] = { 1, 2, 5, 10, 21, 63, 126, 252 };
constexpr int TradingDaysPerYear = 252;

} // namespace

DateAxisTicker::DateAxisTicker(QCPAxis *axis, std::function<QString(int)> labelAt)
    : m_axis(axis)
    , m_labelAt(std::move(labelAt))
{
}

int DateAxisTicker::stepCovering(double days)
{
    // Ten thousand years of trading days: beyond any calendar, and safely an int.
    days = std::min(days, 2.52e6);
    for (int step : NiceSteps) {
        if (step >= days)
            return step;
    }
    return TradingDaysPerYear * int(std::ceil(days / TradingDaysPerYear));
}

double DateAxisTicker::getTickStep(const QCPRange &range)
{
    // A label and a gap of two characters.
    const QFontMetrics metrics(m_axis->tickLabelFont());
    const int labelPixels = metrics.horizontalAdvance(QStringLiteral("0000-00-00MM"));
    // The axis rect as ChartPanel laid it out just before this redraw (ChartStyle::layOut).
    const int axisPixels = m_axis->orientation() == Qt::Horizontal ? m_axis->axisRect()->width()
                                                                   : m_axis->axisRect()->height();
    const int labels = std::max(1, axisPixels / labelPixels);
    return stepCovering(range.size() / labels);
}

int DateAxisTicker::getSubTickCount(double)
{
    return 0;
}

QString DateAxisTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    return m_labelAt(int(std::lround(tick)));
}

namespace DateAxis {

void install(QCPAxis *axis, std::function<QString(int)> labelAt)
{
    axis->setTicker(QSharedPointer<DateAxisTicker>::create(axis, std::move(labelAt)));
    ChartStyle::zoomAlong(axis);
}

} // namespace DateAxis
