#pragma once

#include <QFuture>
#include <QString>

class BackgroundExecutor;
class QCustomPlot;

// Saving any chart of the workbench as a PNG image: the plot as it looks on screen, under a
// header with its title and the run it shows, so the picture says what it is on its own.
namespace ChartPngExport {

// Renders `plot` under `title` and `caption` (one line each; an empty caption is left out) on
// the GUI thread, then writes the file on `executor`. The future yields an empty string on
// success, else what failed.
QFuture<QString> save(BackgroundExecutor &executor, QCustomPlot *plot, const QString &title,
    const QString &caption, const QString &path);

} // namespace ChartPngExport
