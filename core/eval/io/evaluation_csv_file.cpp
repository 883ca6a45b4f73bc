#include "eval/io/evaluation_csv_file.h"

#include "data/csv_writer.h"

#include <QDir>
#include <QLocale>

namespace Eval {

QString csvNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString csvNumber(const std::optional<double> &value)
{
    return value ? csvNumber(*value) : QString();
}

QString csvDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

void writeCsvFile(const QString &directory, const QString &name, const QStringList &header,
    const std::function<void(const CsvRowSink &)> &emitRows)
{
    CsvWriter writer(QDir(directory).filePath(name));
    writer.writeRow(header);
    emitRows([&writer](const QStringList &row) { writer.writeRow(row); });
    writer.commit();
}

} // namespace Eval
