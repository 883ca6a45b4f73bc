#pragma once

#include <QFuture>
#include <QString>

class BackgroundExecutor;
class QCustomPlot;
class QWidget;

// Saving any chart of the workbench as a PNG image, as it looks on screen.
namespace ChartPngExport {

// Renders `plot` on the GUI thread, then writes the file on `executor`. The future yields an
// empty string on success, else what failed.
QFuture<QString> save(BackgroundExecutor &executor, QCustomPlot *plot, const QString &path);

// Asks for a file name (starting from `suggestedName`), saves, and reports a failure in a
// message box on `parent`.
void saveWithDialog(
    BackgroundExecutor &executor, QCustomPlot *plot, const QString &suggestedName, QWidget *parent);

} // namespace ChartPngExport
