#pragma once

#include <functional>
#include <qcustomplot.h>

// An axis whose keys are positions in a list of trading days (no gaps for weekends and
// holidays), labelled by the caller. Ticks are a whole number of trading days apart (1, 2, 5,
// 10, 21, 63, 126, 252 or more years), the smallest step whose labels do not overlap at the
// axis' current width: a long span gets sparse ticks, a zoomed-in one dense ticks.
class DateAxisTicker : public QCPAxisTicker
{
public:
    // `labelAt(key)` is the text under the key, empty for none. `axis` must outlive the ticker
    // (it owns it).
    DateAxisTicker(QCPAxis *axis, std::function<QString(int key)> labelAt);

    // The nice step in trading days covering at least `days`.
    static int stepCovering(double days);

protected:
    double getTickStep(const QCPRange &range) override;
    int getSubTickCount(double tickStep) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
        int precision) override;

private:
    QCPAxis *m_axis;
    std::function<QString(int)> m_labelAt;
};

namespace DateAxis {

// Labels `axis` with a DateAxisTicker; the mouse wheel and drag move along it only.
void install(QCPAxis *axis, std::function<QString(int key)> labelAt);

} // namespace DateAxis
