#include "run/score_csv_export.h"

#include "data/csv_writer.h"

#include <algorithm>

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

} // namespace

void ScoreCsvExport::write(const QString &path, const RunIdentity &run, const QList<ScoreRow> &rows)
{
    const bool quantiles = std::any_of(
        rows.cbegin(), rows.cend(), [](const ScoreRow &row) { return row.p50.has_value(); });
    CsvWriter writer(path);
    QStringList header { QStringLiteral("run"), QStringLiteral("date"), QStringLiteral("ticker"),
        QStringLiteral("horizon"), QStringLiteral("last_close"), QStringLiteral("pred_close"),
        QStringLiteral("score") };
    if (quantiles)
        header << QStringLiteral("p10") << QStringLiteral("p50") << QStringLiteral("p90");
    header << QStringLiteral("run_name") << QStringLiteral("checkpoint")
           << QStringLiteral("random_weights");
    writer.writeRow(header);
    const QString id = QString::number(run.id);
    const QStringList identity { run.name, run.checkpointText(),
        run.usesRandomWeights() ? QStringLiteral("true") : QStringLiteral("false") };
    for (const ScoreRow &row : rows) {
        QStringList cells { id, barTimeText(row.date), row.ticker, QString::number(row.horizon),
            number(row.lastClose), number(row.predictedClose), number(row.score) };
        if (quantiles)
            for (const std::optional<double> &value : { row.p10, row.p50, row.p90 })
                cells << (value ? number(*value) : QString());
        writer.writeRow(cells + identity);
    }
    writer.commit();
}
