#include "table_csv_export.h"

#include "background_executor.h"
#include "csv_writer.h"

#include <QAbstractItemModel>

namespace TableCsvExport {

QList<QStringList> snapshot(const QAbstractItemModel &model)
{
    QList<QStringList> rows;
    const int columns = model.columnCount();
    QStringList header;
    for (int column = 0; column < columns; ++column)
        header.append(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    rows.append(header);
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(row, column);
            const QVariant exact = model.data(index, TableExportRole);
            cells.append(exact.isValid() ? exact.toString() : model.data(index).toString());
        }
        rows.append(cells);
    }
    return rows;
}

QFuture<QString> write(BackgroundExecutor &executor, const QString &path, QList<QStringList> rows)
{
    return executor.run([path, rows = std::move(rows)]() -> QString {
        CsvWriter writer(path);
        if (!writer.open())
            return writer.errorString();
        for (const QStringList &row : rows) {
            if (!writer.writeRow(row))
                break;
        }
        return writer.commit() ? QString() : writer.errorString();
    });
}

} // namespace TableCsvExport
