#include "evaluation_report_writer.h"

#include "csv_writer.h"

#include <QDir>
#include <QLocale>
#include <functional>

namespace Eval {

namespace {

// Shortest round-trip form, so a reader recovers the exact double (the tests compare to 1e-9).
QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString optionalNumber(const std::optional<double> &value)
{
    return value ? number(*value) : QString();
}

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QString passOrFail(bool passed)
{
    return passed ? QStringLiteral("pass") : QStringLiteral("fail");
}

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
        cells << optionalNumber(mean);
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
    return { QString::number(summary.count), optionalNumber(summary.mean),
        optionalNumber(summary.stdDev), optionalNumber(summary.ir), optionalNumber(summary.t),
        optionalNumber(summary.hitRate) };
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
        + QStringList { optionalNumber(summary.spreadMean), optionalNumber(summary.topTurnoverMean),
              optionalNumber(momentumCorrelation) };
}

const SignalEvaluation &signalOf(const HorizonEvaluation &horizon, SignalKind kind)
{
    switch (kind) {
    case SignalKind::Momentum:
        return horizon.momentum;
    case SignalKind::Reversal:
        return horizon.reversal;
    case SignalKind::Model:
        break;
    }
    return horizon.model;
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

constexpr SignalKind kSignals[] = { SignalKind::Model, SignalKind::Momentum, SignalKind::Reversal };

// Writes header and rows to directory/name; rows come from `emitRows`, which calls `write`.
QString writeFile(const QString &directory, const QString &name, const QStringList &header,
    const std::function<void(const std::function<void(const QStringList &)> &)> &emitRows)
{
    CsvWriter writer(QDir(directory).filePath(name));
    if (!writer.open())
        return writer.errorString();
    writer.writeRow(header);
    emitRows([&writer](const QStringList &row) { writer.writeRow(row); });
    return writer.commit() ? QString() : writer.errorString();
}

QString writePerDate(const EvaluationReport &report, const QString &directory)
{
    const QStringList header
        = QStringList { QStringLiteral("signal"), QStringLiteral("horizon"), QStringLiteral("date"),
              QStringLiteral("n"), QStringLiteral("ic"), QStringLiteral("rank_ic") }
        + quintileHeader(QStringLiteral("mean"))
        + QStringList { QStringLiteral("spread"), QStringLiteral("top_turnover") };
    return writeFile(directory, QStringLiteral("per_date.csv"), header, [&](const auto &write) {
        for (SignalKind kind : kSignals) {
            for (const HorizonEvaluation &horizon : report.horizons) {
                for (const DateResult &result : signalOf(horizon, kind).perDate) {
                    write(QStringList { signalName(kind), QString::number(horizon.horizon),
                              isoDate(result.date), QString::number(result.n),
                              optionalNumber(result.ic), optionalNumber(result.rankIc) }
                        + quintileCells(result.quintileMeans)
                        + QStringList {
                            optionalNumber(result.spread), optionalNumber(result.topTurnover) });
                }
            }
        }
    });
}

QString writePerFold(const EvaluationReport &report, const QString &directory)
{
    const QStringList header = QStringList { QStringLiteral("signal"), QStringLiteral("horizon"),
        QStringLiteral("fold"), QStringLiteral("first_date"), QStringLiteral("last_date") }
        + summaryHeader();
    return writeFile(directory, QStringLiteral("per_fold.csv"), header, [&](const auto &write) {
        for (SignalKind kind : kSignals) {
            for (const HorizonEvaluation &horizon : report.horizons) {
                for (const FoldEvaluation &fold : horizon.folds) {
                    const std::optional<double> correlation
                        = kind == SignalKind::Model ? fold.momentumCorrelation.mean : std::nullopt;
                    write(QStringList { signalName(kind), QString::number(horizon.horizon),
                              fold.label, isoDate(fold.firstDate), isoDate(fold.lastDate) }
                        + summaryCells(foldSummaryOf(fold, kind), correlation));
                }
            }
        }
    });
}

QString writeSummary(const EvaluationReport &report, const QString &directory)
{
    const QStringList header = QStringList { QStringLiteral("signal"), QStringLiteral("horizon") }
        + summaryHeader()
        + QStringList { QStringLiteral("min_date_spacing"), QStringLiteral("overlapping"),
              QStringLiteral("factor_gate"), QStringLiteral("ml_gate"),
              QStringLiteral("practical_gate") };
    return writeFile(directory, QStringLiteral("summary.csv"), header, [&](const auto &write) {
        for (SignalKind kind : kSignals) {
            for (size_t i = 0; i < report.horizons.size(); ++i) {
                const HorizonEvaluation &horizon = report.horizons[i];
                const bool isModel = kind == SignalKind::Model;
                QStringList row = QStringList { signalName(kind), QString::number(horizon.horizon) }
                    + summaryCells(signalOf(horizon, kind).overall,
                        isModel ? horizon.momentumCorrelation.mean : std::nullopt);
                if (isModel) {
                    const HorizonGates &gates = report.gates.perHorizon[i];
                    row << (horizon.minimumDateSpacing
                            ? QString::number(*horizon.minimumDateSpacing)
                            : QString())
                        << (horizon.overlapping ? QStringLiteral("yes") : QStringLiteral("no"))
                        << passOrFail(gates.factor) << passOrFail(gates.ml)
                        << passOrFail(gates.practical);
                } else {
                    row << QString() << QString() << QString() << QString() << QString();
                }
                write(row);
            }
        }
    });
}

} // namespace

QString writeEvaluationReport(const EvaluationReport &report, const QString &directory)
{
    if (!QDir().mkpath(directory))
        return QStringLiteral("Cannot create the folder %1").arg(directory);
    for (const auto &write : { writePerDate, writePerFold, writeSummary }) {
        const QString error = write(report, directory);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

} // namespace Eval
