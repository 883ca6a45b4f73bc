#include "chart_png_export.h"

#include "background_executor.h"
#include "task_error_report.h"

#include <QFileDialog>
#include <QImageWriter>
#include <qcustomplot.h>

namespace ChartPngExport {

QFuture<QString> save(BackgroundExecutor &executor, QCustomPlot *plot, const QString &path)
{
    // toPixmap() paints the widget, which only the GUI thread may do; encoding and writing the
    // file are what can be slow.
    const QImage image = plot->toPixmap().toImage();
    return executor.run([image, path]() -> QString {
        QImageWriter writer(path, "png");
        if (writer.write(image))
            return {};
        return QStringLiteral("Cannot write %1: %2").arg(path, writer.errorString());
    });
}

void saveWithDialog(
    BackgroundExecutor &executor, QCustomPlot *plot, const QString &suggestedName, QWidget *parent)
{
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export chart as PNG"),
        suggestedName, QObject::tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    reportErrorWhenDone(save(executor, plot, path), parent, QObject::tr("Export chart"));
}

} // namespace ChartPngExport
