#pragma once

// The eval-v2 fixture imported as its README says a user replays it: adj_close.csv (a date
// column, then one column per ticker; an empty cell is a missing bar) turned into a long price
// file, each price as open, high, low and close, and imported with sectors.csv by
// `kronos-cli import` into a database (a new one receives the bundled sample too).

#include "cli_test_support.h"
#include "csv_test_support.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>

namespace EvalV2 {

inline QString fixtureDir()
{
    return testDataPath("eval-v2/");
}

// Writes the long price file into `folder` and imports it with the sectors into
// `databasePath`; kronos-cli's result (exit code -1 when the price file cannot be written).
inline CliTest::Result importFixture(const QString &databasePath, const QString &folder)
{
    const QList<QStringList> wide
        = CsvTest::readCsv(fixtureDir() + QStringLiteral("adj_close.csv"));
    QByteArray prices("ticker,timestamps,open,high,low,close,volume\n");
    for (const QStringList &row : wide.mid(1)) {
        for (int column = 1; column < wide.value(0).size(); ++column) {
            const QByteArray price = row.value(column).toUtf8();
            if (!price.isEmpty())
                prices += wide[0][column].toUtf8() + ',' + row[0].toUtf8() + ',' + price + ','
                    + price + ',' + price + ',' + price + ",1000\n";
        }
    }
    QFile priceFile(QDir(folder).filePath(QStringLiteral("prices.csv")));
    if (wide.size() < 2 || !priceFile.open(QIODevice::WriteOnly)
        || priceFile.write(prices) != prices.size())
        return { -1, {}, QStringLiteral("cannot write %1").arg(priceFile.fileName()) };
    priceFile.close();
    return CliTest::run({ QStringLiteral("import"), QStringLiteral("--db"), databasePath,
        priceFile.fileName(), fixtureDir() + QStringLiteral("sectors.csv") });
}

} // namespace EvalV2
