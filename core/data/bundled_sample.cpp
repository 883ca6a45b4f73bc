#include "data/bundled_sample.h"

#include "data/csv_importer.h"
#include "data/database_error.h"
#include "data/universe_repository.h"

#include <QBuffer>
#include <QFile>

namespace {

// The tickers of the sample's resource file `resource`.
QStringList importResource(CsvImporter &importer, const QString &resource, bool compressed)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        throw DatabaseError(
            QStringLiteral("the bundled sample is missing from this build (%1)").arg(resource));
    QByteArray bytes = file.readAll();
    if (compressed)
        bytes = qUncompress(bytes);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    const FileImportReport report = importer.importDevice(buffer, resource);
    if (!report.error.isEmpty() || report.rejected > 0)
        throw DatabaseError(QStringLiteral("the bundled sample is damaged: %1")
                                .arg(report.lines(3).join(QLatin1Char('\n'))));
    return report.tickers;
}

} // namespace

QString BundledSample::universeName()
{
    return QStringLiteral("Sample");
}

void BundledSample::install(QSqlDatabase database)
{
    CsvImporter importer(database);
    const QStringList tickers
        = importResource(importer, QStringLiteral(":/kw/sample/prices.csv.qz"), true);
    importResource(importer, QStringLiteral(":/kw/sample/sectors.csv"), false);
    UniverseRepository universes(database);
    universes.setBuiltIn(universeName(),
        QStringLiteral("Bundled sample: %1 S&P 500 tickers over all 11 "
                       "sectors, daily 2015-01-12 to 2020-01-10")
            .arg(tickers.size()),
        tickers);
    universes.refreshSectorUniverses();
}
