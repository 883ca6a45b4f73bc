#include "data/bundled_sample.h"

#include "data/csv_importer.h"
#include "data/universe_repository.h"

#include <QBuffer>
#include <QFile>

namespace {

bool importResource(CsvImporter &importer, const QString &resource, bool compressed,
    FileImportReport &report, QString &error)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("the bundled sample is missing from this build (%1)").arg(resource);
        return false;
    }
    QByteArray bytes = file.readAll();
    if (compressed)
        bytes = qUncompress(bytes);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    report = importer.importDevice(buffer, resource);
    if (!report.error.isEmpty() || report.rejected > 0) {
        error = QStringLiteral("the bundled sample is damaged: %1")
                    .arg(report.lines(3).join(QLatin1Char('\n')));
        return false;
    }
    return true;
}

} // namespace

QString BundledSample::universeName()
{
    return QStringLiteral("Sample");
}

bool BundledSample::install(QSqlDatabase database, QString &error)
{
    CsvImporter importer(database);
    FileImportReport prices;
    FileImportReport sectors;
    if (!importResource(importer, QStringLiteral(":/kw/sample/prices.csv.qz"), true, prices, error)
        || !importResource(
            importer, QStringLiteral(":/kw/sample/sectors.csv"), false, sectors, error))
        return false;
    UniverseRepository universes(database);
    if (!universes.setBuiltIn(universeName(),
            QStringLiteral("Bundled sample: %1 S&P 500 tickers over all 11 "
                           "sectors, daily 2015-01-12 to 2020-01-10")
                .arg(prices.tickers.size()),
            prices.tickers)
        || !universes.refreshSectorUniverses()) {
        error = universes.errorString();
        return false;
    }
    return true;
}
