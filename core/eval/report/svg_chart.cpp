#include "eval/report/svg_chart.h"

#include <QDate>
#include <algorithm>
#include <cmath>
#include <limits>

namespace Eval {

namespace {

constexpr double kLeft = 64;
constexpr double kRight = 30;
constexpr double kTop = 52; // title and legend
constexpr double kBottom = 44; // x ticks and label

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString coordinate(double value)
{
    return QString::number(value, 'f', 1);
}

// The span of the finite values of `values`, widened to include `extra`.
struct Span
{
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();

    void include(double value)
    {
        if (!std::isfinite(value))
            return;
        low = std::min(low, value);
        high = std::max(high, value);
    }
    bool empty() const { return low > high; }
    // Never zero-width: a flat series still gets an axis.
    void settle()
    {
        if (empty()) {
            low = 0.0;
            high = 1.0;
        } else if (low == high) {
            const double pad = low == 0.0 ? 1.0 : std::abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
    }
};

// Round tick values (1, 2 or 5 times a power of ten) covering [low, high], about `count`.
std::vector<double> niceTicks(double low, double high, int count)
{
    const double raw = (high - low) / std::max(1, count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double factor : { 1.0, 2.0, 5.0, 10.0 }) {
        step = factor * magnitude;
        if (step >= raw)
            break;
    }
    std::vector<double> ticks;
    for (double tick = std::ceil(low / step - 1e-9) * step; tick <= high + step * 1e-9;
         tick += step)
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    return ticks;
}

// Decimals that tell ticks `step` apart.
int decimalsFor(double step)
{
    return std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
}

QString tickLabel(double value, double step, bool percent)
{
    if (percent)
        return QString::number(value * 100.0, 'f', decimalsFor(step * 100.0)) + u'%';
    return QString::number(value, 'f', decimalsFor(step));
}

QString text(double x, double y, const QString &content,
    const QString &anchor = QStringLiteral("middle"), const QString &extra = {})
{
    return QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"%3\"%4>%5</text>")
        .arg(coordinate(x), coordinate(y), anchor, extra, esc(content));
}

QString line(double x1, double y1, double x2, double y2, const QString &style)
{
    return QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" %5/>")
        .arg(coordinate(x1), coordinate(y1), coordinate(x2), coordinate(y2), style);
}

QString svgOpen(int width, int height, const QString &title)
{
    return QStringLiteral("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                          "viewBox=\"0 0 %1 %2\" role=\"img\" aria-label=\"%3\">"
                          "<rect width=\"%1\" height=\"%2\" fill=\"#ffffff\"/>")
               .arg(width)
               .arg(height)
               .arg(esc(title))
        + text(kLeft - 52, 20, title, QStringLiteral("start"),
            QStringLiteral(" font-weight=\"600\" font-size=\"14\""));
}

// A legend row under the title: a swatch and a name per entry.
QString legend(
    const QStringList &names, const QStringList &colors, const std::vector<bool> &dashed, double y)
{
    QString svg;
    double x = kLeft;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString style = QStringLiteral("stroke=\"%1\" stroke-width=\"3\"%2")
                                  .arg(colors[i],
                                      i < qsizetype(dashed.size()) && dashed[size_t(i)]
                                          ? QStringLiteral(" stroke-dasharray=\"6 4\"")
                                          : QString());
        svg += line(x, y - 4, x + 22, y - 4, style);
        svg += text(
            x + 28, y, names[i], QStringLiteral("start"), QStringLiteral(" font-size=\"12\""));
        x += 48 + 7.6 * names[i].size();
    }
    return svg;
}

// Maps data to the plot area.
struct Frame
{
    double left, top, width, height;
    Span x, y;

    double px(double value) const { return left + (value - x.low) / (x.high - x.low) * width; }
    double py(double value) const
    {
        return top + height - (value - y.low) / (y.high - y.low) * height;
    }
};

QString yAxis(const Frame &frame, const ChartAxes &axes)
{
    QString svg;
    const std::vector<double> ticks = niceTicks(frame.y.low, frame.y.high, 5);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
    for (double tick : ticks) {
        const double y = frame.py(tick);
        svg += line(frame.left, y, frame.left + frame.width, y,
            QStringLiteral("stroke=\"#e9ecef\" stroke-width=\"1\""));
        svg += text(frame.left - 6, y + 4, tickLabel(tick, step, axes.yAsPercent),
            QStringLiteral("end"), QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    }
    if (axes.yReference && *axes.yReference >= frame.y.low && *axes.yReference <= frame.y.high) {
        const double y = frame.py(*axes.yReference);
        svg += line(frame.left, y, frame.left + frame.width, y,
            QStringLiteral("stroke=\"#495057\" stroke-width=\"1\" stroke-dasharray=\"3 3\""));
    }
    if (!axes.yLabel.isEmpty())
        svg += QStringLiteral("<text transform=\"translate(14 %1) rotate(-90)\" "
                              "text-anchor=\"middle\" font-size=\"11\" fill=\"#495057\">%2</text>")
                   .arg(coordinate(frame.top + frame.height / 2), esc(axes.yLabel));
    return svg;
}

QString xAxis(const Frame &frame, const ChartAxes &axes)
{
    QString svg;
    const double bottom = frame.top + frame.height;
    svg += line(frame.left, bottom, frame.left + frame.width, bottom,
        QStringLiteral("stroke=\"#adb5bd\" stroke-width=\"1\""));
    std::vector<double> ticks;
    QStringList labels;
    if (axes.xIsJulianDay) {
        const int count = 6;
        for (int k = 0; k <= count; ++k) {
            const double day = frame.x.low + (frame.x.high - frame.x.low) * k / count;
            ticks.push_back(day);
            labels << QDate::fromJulianDay(qint64(std::llround(day)))
                          .toString(QStringLiteral("yyyy-MM"));
        }
    } else {
        ticks = niceTicks(frame.x.low, frame.x.high, axes.xIsWhole ? 10 : 6);
        const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
        for (double tick : ticks)
            labels << (axes.xIsWhole ? QString::number(std::llround(tick))
                                     : tickLabel(tick, step, false));
    }
    for (size_t k = 0; k < ticks.size(); ++k) {
        if (axes.xIsWhole && std::abs(ticks[k] - std::round(ticks[k])) > 1e-9)
            continue;
        const double x = frame.px(ticks[k]);
        svg += line(x, bottom, x, bottom + 4, QStringLiteral("stroke=\"#adb5bd\""));
        // The outermost labels keep inside the chart.
        const QString anchor = x > frame.left + frame.width - 24 ? QStringLiteral("end")
            : x < frame.left + 24                                ? QStringLiteral("start")
                                                                 : QStringLiteral("middle");
        svg += text(x, bottom + 17, labels[qsizetype(k)], anchor,
            QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    }
    if (!axes.xLabel.isEmpty())
        svg += text(frame.left + frame.width / 2, bottom + 36, axes.xLabel,
            QStringLiteral("middle"), QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    return svg;
}

// The diverging colour of `value` on a scale of +-limit: blue above 0, red below.
QString divergingColor(double value, double limit)
{
    const double t = std::clamp(value / limit, -1.0, 1.0);
    const auto blend = [](int from, int to, double share) {
        return int(std::lround(from + (to - from) * share));
    };
    const double share = std::abs(t);
    const int r = t >= 0 ? blend(255, 33, share) : blend(255, 202, share);
    const int g = t >= 0 ? blend(255, 102, share) : blend(255, 0, share);
    const int b = t >= 0 ? blend(255, 172, share) : blend(255, 32, share);
    return QStringLiteral("rgb(%1,%2,%3)").arg(r).arg(g).arg(b);
}

} // namespace

QString svgLineChart(const QString &title, const std::vector<ChartLine> &lines,
    const ChartAxes &axes, int width, int height)
{
    Frame frame { kLeft, kTop, width - kLeft - kRight, height - kTop - kBottom, {}, {} };
    for (const ChartLine &series : lines) {
        for (size_t i = 0; i < series.x.size() && i < series.y.size(); ++i) {
            if (!std::isfinite(series.y[i]))
                continue;
            frame.x.include(series.x[i]);
            frame.y.include(series.y[i]);
        }
    }
    if (axes.yReference)
        frame.y.include(*axes.yReference);
    frame.x.settle();
    frame.y.settle();
    const double pad = (frame.y.high - frame.y.low) * 0.06;
    frame.y.low -= pad;
    frame.y.high += pad;
    if (axes.xIsWhole) {
        frame.x.low -= 0.5;
        frame.x.high += 0.5;
    }

    QString svg = svgOpen(width, height, title);
    QStringList names;
    QStringList colors;
    std::vector<bool> dashed;
    for (const ChartLine &series : lines) {
        names << series.name;
        colors << series.color;
        dashed.push_back(series.dashed);
    }
    svg += legend(names, colors, dashed, 40);
    svg += yAxis(frame, axes);
    svg += xAxis(frame, axes);
    for (const ChartLine &series : lines) {
        QString path;
        bool drawing = false;
        for (size_t i = 0; i < series.x.size() && i < series.y.size(); ++i) {
            if (!std::isfinite(series.y[i])) {
                drawing = false;
                continue;
            }
            path += (drawing ? QStringLiteral("L") : QStringLiteral("M"))
                + QStringLiteral("%1 %2 ").arg(
                    coordinate(frame.px(series.x[i])), coordinate(frame.py(series.y[i])));
            drawing = true;
        }
        svg += QStringLiteral("<path d=\"%1\" fill=\"none\" stroke=\"%2\" stroke-width=\"%3\"%4 "
                              "stroke-linejoin=\"round\"/>")
                   .arg(path.trimmed(), series.color,
                       series.thin ? QStringLiteral("1.2") : QStringLiteral("2.2"),
                       series.dashed ? QStringLiteral(" stroke-dasharray=\"6 4\"") : QString());
        if (!series.markers)
            continue;
        for (size_t i = 0; i < series.x.size() && i < series.y.size(); ++i) {
            if (!std::isfinite(series.y[i]))
                continue;
            const bool hollow = i < series.hollow.size() && series.hollow[i];
            svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"3.2\" fill=\"%3\" "
                                  "stroke=\"%4\" stroke-width=\"1.5\"/>")
                       .arg(coordinate(frame.px(series.x[i])), coordinate(frame.py(series.y[i])),
                           hollow ? QStringLiteral("#ffffff") : series.color, series.color);
        }
    }
    return svg + QStringLiteral("</svg>");
}

QString svgBarChart(const QString &title, const QStringList &categories,
    const std::vector<BarSeries> &series, const ChartAxes &axes, int width, int height)
{
    Frame frame { kLeft, kTop, width - kLeft - kRight, height - kTop - kBottom, {}, {} };
    frame.y.include(0.0);
    for (const BarSeries &bars : series)
        for (double value : bars.values)
            frame.y.include(value);
    if (axes.yReference)
        frame.y.include(*axes.yReference);
    frame.y.settle();
    frame.y.high += (frame.y.high - frame.y.low) * 0.08;
    frame.x = { 0.0, double(std::max<qsizetype>(1, categories.size())) };

    QString svg = svgOpen(width, height, title);
    QStringList names;
    QStringList colors;
    for (const BarSeries &bars : series) {
        names << bars.name;
        colors << bars.color;
    }
    if (series.size() > 1)
        svg += legend(names, colors, {}, 40);
    svg += yAxis(frame, axes);
    const double bottom = frame.top + frame.height;
    svg += line(frame.left, bottom, frame.left + frame.width, bottom,
        QStringLiteral("stroke=\"#adb5bd\" stroke-width=\"1\""));
    const double groupWidth = frame.width / std::max<qsizetype>(1, categories.size());
    const double barWidth = groupWidth * 0.8 / std::max<size_t>(1, series.size());
    for (qsizetype c = 0; c < categories.size(); ++c) {
        const double groupLeft = frame.left + groupWidth * c + groupWidth * 0.1;
        for (size_t s = 0; s < series.size(); ++s) {
            const double value = series[s].values.at(size_t(c));
            if (!std::isfinite(value))
                continue;
            const double y0 = frame.py(0.0);
            const double y1 = frame.py(value);
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" "
                                  "fill=\"%5\"><title>%6</title></rect>")
                       .arg(coordinate(groupLeft + barWidth * double(s)),
                           coordinate(std::min(y0, y1)), coordinate(barWidth * 0.92),
                           coordinate(std::abs(y1 - y0)), series[s].color,
                           esc(QStringLiteral("%1 %2: %3")
                                   .arg(series[s].name, categories[c])
                                   .arg(value, 0, 'f', 4)));
        }
        svg += text(frame.left + groupWidth * (c + 0.5), bottom + 17, categories[c],
            QStringLiteral("middle"), QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    }
    if (!axes.xLabel.isEmpty())
        svg += text(frame.left + frame.width / 2, bottom + 36, axes.xLabel,
            QStringLiteral("middle"), QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    return svg + QStringLiteral("</svg>");
}

QString svgHorizontalBars(const QString &title, const QStringList &labels,
    const std::vector<double> &values, const QStringList &notes, int width)
{
    constexpr double rowHeight = 26;
    constexpr double labelWidth = 190;
    constexpr double noteWidth = 130;
    const double height = 40 + rowHeight * double(labels.size()) + 30;
    Frame frame { labelWidth, 36, width - labelWidth - noteWidth, rowHeight * double(labels.size()),
        {}, {} };
    for (double value : values)
        frame.x.include(value);
    frame.x.include(0.0);
    frame.x.settle();
    const double pad = (frame.x.high - frame.x.low) * 0.05;
    frame.x.low -= pad;
    frame.x.high += pad;

    QString svg = svgOpen(width, int(height), title);
    const std::vector<double> ticks = niceTicks(frame.x.low, frame.x.high, 6);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
    const double bottom = frame.top + frame.height;
    for (double tick : ticks) {
        const double x = frame.px(tick);
        svg += line(x, frame.top, x, bottom,
            tick == 0.0 ? QStringLiteral("stroke=\"#495057\" stroke-width=\"1\"")
                        : QStringLiteral("stroke=\"#e9ecef\" stroke-width=\"1\""));
        svg += text(x, bottom + 16, tickLabel(tick, step, false), QStringLiteral("middle"),
            QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    }
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const double y = frame.top + rowHeight * double(i);
        const double value = values.at(size_t(i));
        const double x0 = frame.px(0.0);
        const double x1 = frame.px(value);
        svg += text(labelWidth - 8, y + rowHeight * 0.65, labels[i], QStringLiteral("end"),
            QStringLiteral(" font-size=\"12\""));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>")
                   .arg(coordinate(std::min(x0, x1)), coordinate(y + 4),
                       coordinate(std::abs(x1 - x0)), coordinate(rowHeight - 8),
                       value >= 0 ? QStringLiteral("#4393c3") : QStringLiteral("#d6604d"));
        svg += text(frame.left + frame.width + 8, y + rowHeight * 0.65,
            QString::number(value, 'f', 3) + QStringLiteral(" · ") + notes.value(i),
            QStringLiteral("start"), QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    }
    return svg + QStringLiteral("</svg>");
}

QString svgHeatmap(const QString &title, const QStringList &rowLabels,
    const QStringList &columnLabels, const std::vector<std::vector<std::optional<double>>> &values,
    int width)
{
    constexpr double labelWidth = 64;
    constexpr double cellHeight = 30;
    const double cellWidth
        = (width - labelWidth - 12) / std::max<qsizetype>(1, columnLabels.size());
    const double top = 50;
    const double height = top + cellHeight * double(rowLabels.size()) + 34;
    double limit = 0.0;
    for (const auto &row : values)
        for (const std::optional<double> &value : row)
            if (value)
                limit = std::max(limit, std::abs(*value));
    limit = limit > 0.0 ? limit : 1.0;

    QString svg = svgOpen(width, int(height), title);
    svg += text(labelWidth - 52, 38,
        QStringLiteral("blue above 0, red below; full colour at |%1|").arg(limit, 0, 'f', 2),
        QStringLiteral("start"), QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    for (qsizetype c = 0; c < columnLabels.size(); ++c)
        svg += text(labelWidth + cellWidth * (c + 0.5), top + cellHeight * rowLabels.size() + 18,
            columnLabels[c], QStringLiteral("middle"),
            QStringLiteral(" font-size=\"11\" fill=\"#495057\""));
    for (qsizetype r = 0; r < rowLabels.size(); ++r) {
        const double y = top + cellHeight * double(r);
        svg += text(labelWidth - 8, y + cellHeight * 0.62, rowLabels[r], QStringLiteral("end"),
            QStringLiteral(" font-size=\"12\""));
        for (qsizetype c = 0; c < columnLabels.size(); ++c) {
            const std::optional<double> value = values.at(size_t(r)).at(size_t(c));
            const double x = labelWidth + cellWidth * double(c);
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" "
                                  "fill=\"%5\" stroke=\"#ffffff\" stroke-width=\"2\"/>")
                       .arg(coordinate(x), coordinate(y), coordinate(cellWidth),
                           coordinate(cellHeight),
                           value ? divergingColor(*value, limit) : QStringLiteral("#f1f3f5"));
            if (value)
                svg += text(x + cellWidth / 2, y + cellHeight * 0.64,
                    QString::number(*value, 'f', 2), QStringLiteral("middle"),
                    std::abs(*value) > 0.6 * limit
                        ? QStringLiteral(" font-size=\"11\" fill=\"#ffffff\"")
                        : QStringLiteral(" font-size=\"11\" fill=\"#212529\""));
        }
    }
    return svg + QStringLiteral("</svg>");
}

} // namespace Eval
