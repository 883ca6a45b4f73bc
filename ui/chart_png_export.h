#pragma once

#include <QFuture>
#include <QString>

class QCustomPlot;
class QWidget;

// Saving any chart of the workbench as a PNG image, as it looks on screen.
namespace ChartPngExport {

// Renders `plot` on the GUI thread, then writes the file on a pool thread. The future yields
// an empty string on success, else what failed.
QFuture<QString> save(QCustomPlot *plot, const QString &path);

// Asks for a file name (starting from `suggestedName`), saves, and reports a failure in a
// message box on `parent`.
void saveWithDialog(QCustomPlot *plot, const QString &suggestedName, QWidget *parent);

} // namespace ChartPngExport
