#include "ui/chart_png_export.h"

#include "data/atomic_file.h"
#include "ui/task_error_report.h"
#include "workbench/background_executor.h"

#include <QBuffer>
#include <QImageWriter>
#include <QPainter>
#include <qcustomplot.h>

namespace ChartPngExport {

namespace {

constexpr int Margin = 8;

// The plot's picture with a header band: the title in bold, the caption under it.
QImage withHeader(QCustomPlot *plot, const QString &title, const QString &caption)
{
    const QImage chart = plot->toPixmap().toImage();
    const qreal ratio = chart.devicePixelRatio();
    QFont titleFont = plot->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics captionMetrics(plot->font());
    const int header = Margin + titleMetrics.height()
        + (caption.isEmpty() ? 0 : captionMetrics.height()) + Margin / 2;
    const int width = qRound(chart.width() / ratio);

    QImage image(chart.width(), chart.height() + qRound(header * ratio), QImage::Format_ARGB32);
    image.setDevicePixelRatio(ratio);
    image.fill(plot->palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setPen(plot->palette().color(QPalette::Text));
    painter.setFont(titleFont);
    painter.drawText(QRect(Margin, Margin, width - 2 * Margin, titleMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        titleMetrics.elidedText(title, Qt::ElideRight, width - 2 * Margin));
    if (!caption.isEmpty()) {
        painter.setFont(plot->font());
        painter.drawText(QRect(Margin, Margin + titleMetrics.height(), width - 2 * Margin,
                             captionMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            captionMetrics.elidedText(caption, Qt::ElideMiddle, width - 2 * Margin));
    }
    painter.drawImage(QPointF(0, header), chart);
    return image;
}

} // namespace

QFuture<QString> save(BackgroundExecutor &executor, QCustomPlot *plot, const QString &title,
    const QString &caption, const QString &path)
{
    // Painting the widget is for the GUI thread only; encoding and writing the file are what
    // can be slow.
    const QImage image = withHeader(plot, title, caption);
    // Encoded in memory, then written whole or not at all: a full disk leaves an earlier picture
    // of the same name as it was.
    return executor.run([image, path]() -> QString {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        if (!writer.write(image))
            return QStringLiteral("Cannot write %1: %2").arg(path, writer.errorString());
        return failureMessageOf([&] { saveFileAtomically(path, png); });
    });
}

} // namespace ChartPngExport
