#pragma once

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

class BackgroundExecutor;
class QAbstractItemModel;

// Exporting a table view's model to CSV: the header, then every row the model holds (a proxy's
// rows are the ones shown, in the order shown). A cell's text is its TableExportRole when the
// model gives one (full precision), else its DisplayRole.
namespace TableCsvExport {

// Models return the exact text to export under this role (e.g. a score with 17 digits where the
// view shows 4).
constexpr int TableExportRole = 0x0100 + 40; // Qt::UserRole + 40

// The header and the rows, read on the GUI thread (the model lives there).
QList<QStringList> snapshot(const QAbstractItemModel &model);

// Writes `rows` to `path` through CsvWriter (injection-safe, replaced atomically) on `executor`.
// The future yields an empty string on success, else what failed.
QFuture<QString> write(BackgroundExecutor &executor, const QString &path, QList<QStringList> rows);

} // namespace TableCsvExport
