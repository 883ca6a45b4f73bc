#include "eval/io/evaluation_report_writer.h"

#include "data/file_error.h"
#include "eval/io/evaluation_csv_file.h"
#include "eval/io/judgement_tables.h"

#include <QDir>

namespace Eval {

namespace {

QStringList quintileHeader(const QString &suffix)
{
    QStringList header;
    for (int quintile = 1; quintile <= kQuintileCount; ++quintile)
        header << QStringLiteral("q%1_%2").arg(quintile).arg(suffix);
    return header;
}

QStringList quintileCells(const std::array<std::optional<double>, kQuintileCount> &means)
{
    QStringList cells;
    for (const std::optional<double> &mean : means)
        cells << csvNumber(mean);
    return cells;
}

QStringList metricHeader(const QString &metric)
{
    QStringList header;
    for (const char *field : { "count", "mean", "std", "ir", "t", "hit_rate" })
        header << metric + u'_' + QLatin1String(field);
    return header;
}

QStringList metricCells(const MetricSummary &summary)
{
    return { QString::number(summary.count), csvNumber(summary.mean), csvNumber(summary.stdDev),
        csvNumber(summary.ir), csvNumber(summary.t), csvNumber(summary.hitRate) };
}

QStringList summaryHeader()
{
    return QStringList { QStringLiteral("dates"), QStringLiteral("dates_too_few_names"),
        QStringLiteral("dates_zero_variance") }
    + metricHeader(QStringLiteral("ic")) + metricHeader(QStringLiteral("rank_ic"))
        + quintileHeader(QStringLiteral("mean"))
        + QStringList { QStringLiteral("spread_mean"), QStringLiteral("top_turnover_mean"),
              QStringLiteral("momentum_corr_mean") };
}

// The summary columns of one signal; `momentumCorrelation` is the model's only.
QStringList summaryCells(
    const SignalSummary &summary, const std::optional<double> &momentumCorrelation)
{
    return QStringList { QString::number(summary.dateCount),
        QString::number(summary.datesWithTooFewNames),
        QString::number(summary.datesWithZeroVariance) }
    + metricCells(summary.ic) + metricCells(summary.rankIc) + quintileCells(summary.quintileMeans)
        + QStringList { csvNumber(summary.spreadMean), csvNumber(summary.topTurnoverMean),
              csvNumber(momentumCorrelation) };
}

const SignalSummary &foldSummaryOf(const FoldEvaluation &fold, SignalKind kind)
{
    switch (kind) {
    case SignalKind::Momentum:
        return fold.momentum;
    case SignalKind::Reversal:
        return fold.reversal;
    case SignalKind::Model:
        break;
    }
    return fold.model;
}

void writePerDate(const EvaluationReport &report, const QString &directory)
{
    const QStringList header
        = QStringList { QStringLiteral("signal"), QStringLiteral("horizon"), QStringLiteral("date"),
              QStringLiteral("n"), QStringLiteral("ic"), QStringLiteral("rank_ic") }
        + quintileHeader(QStringLiteral("mean"))
        + QStringList { QStringLiteral("spread"), QStringLiteral("top_turnover") };
    writeCsvFile(directory, QStringLiteral("per_date.csv"), header, [&](const auto &write) {
        for (SignalKind kind : kSignalKinds) {
            for (const HorizonEvaluation &horizon : report.horizons) {
                for (const DateResult &result : horizon.signal(kind).perDate) {
                    write(QStringList { signalName(kind), QString::number(horizon.horizon),
                              csvDate(result.date), QString::number(result.n), csvNumber(result.ic),
                              csvNumber(result.rankIc) }
                        + quintileCells(result.quintileMeans)
                        + QStringList { csvNumber(result.spread), csvNumber(result.topTurnover) });
                }
            }
        }
    });
}

void writePerFold(const EvaluationReport &report, const QString &directory)
{
    const QStringList header = QStringList { QStringLiteral("signal"), QStringLiteral("horizon"),
        QStringLiteral("fold"), QStringLiteral("first_date"), QStringLiteral("last_date") }
        + summaryHeader();
    writeCsvFile(directory, QStringLiteral("per_fold.csv"), header, [&](const auto &write) {
        for (SignalKind kind : kSignalKinds) {
            for (const HorizonEvaluation &horizon : report.horizons) {
                for (const FoldEvaluation &fold : horizon.folds) {
                    const std::optional<double> correlation
                        = kind == SignalKind::Model ? fold.momentumCorrelation.mean : std::nullopt;
                    write(QStringList { signalName(kind), QString::number(horizon.horizon),
                              fold.label, csvDate(fold.firstDate), csvDate(fold.lastDate) }
                        + summaryCells(foldSummaryOf(fold, kind), correlation));
                }
            }
        }
    });
}

void writeSummary(const EvaluationReport &report, const QString &directory)
{
    const QStringList header = QStringList { QStringLiteral("signal"), QStringLiteral("horizon") }
        + summaryHeader()
        + QStringList { QStringLiteral("min_date_spacing"), QStringLiteral("overlapping"),
              QStringLiteral("factor_gate"), QStringLiteral("ml_gate"),
              QStringLiteral("practical_gate") };
    writeCsvFile(directory, QStringLiteral("summary.csv"), header, [&](const auto &write) {
        for (SignalKind kind : kSignalKinds) {
            for (size_t i = 0; i < report.horizons.size(); ++i) {
                const HorizonEvaluation &horizon = report.horizons[i];
                const bool isModel = kind == SignalKind::Model;
                QStringList row = QStringList { signalName(kind), QString::number(horizon.horizon) }
                    + summaryCells(horizon.signal(kind).overall,
                        isModel ? horizon.momentumCorrelation.mean : std::nullopt);
                if (isModel) {
                    const HorizonGates &gates = report.gates.perHorizon[i];
                    row << (horizon.minimumDateSpacing
                            ? QString::number(*horizon.minimumDateSpacing)
                            : QString())
                        << (horizon.overlapping ? QStringLiteral("yes") : QStringLiteral("no"))
                        << gateStatusName(gates.factor.status) << gateStatusName(gates.ml.status)
                        << gateStatusName(gates.practical.status);
                } else {
                    row << QString() << QString() << QString() << QString() << QString();
                }
                write(row);
            }
        }
    });
}

} // namespace

void writeEvaluationReport(const EvaluationReport &report, const QString &directory)
{
    if (!QDir().mkpath(directory))
        throw FileError(QStringLiteral("Cannot create the folder %1").arg(directory));
    for (const auto &write : { writePerDate, writePerFold, writeSummary })
        write(report, directory);
    writeJudgementTables(report, directory);
}

} // namespace Eval
