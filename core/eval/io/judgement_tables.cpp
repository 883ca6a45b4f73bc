#include "eval/io/judgement_tables.h"

#include "eval/io/evaluation_csv_file.h"

namespace Eval {

namespace {

QString whole(int value)
{
    return QString::number(value);
}

QStringList significanceCells(const QString &metric, const NeweyWestEstimate &estimate)
{
    return { metric, csvNumber(estimate.mean), whole(estimate.lag), csvNumber(estimate.t),
        csvNumber(estimate.p), whole(estimate.dates) };
}

void writeSignificance(
    const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name,
        { "signal", "horizon", "metric", "mean", "nw_lag", "nw_t", "nw_p", "dates" },
        [&](const CsvRowSink &write) {
            for (SignalKind kind : kSignalKinds) {
                for (const HorizonEvaluation &horizon : report.horizons) {
                    const QStringList key { signalName(kind), whole(horizon.horizon) };
                    const SignalSignificance &significance = horizon.signal(kind).significance;
                    write(key + significanceCells(QStringLiteral("ic"), significance.ic));
                    write(key + significanceCells(QStringLiteral("rank_ic"), significance.rankIc));
                    write(key + significanceCells(QStringLiteral("spread"), significance.spread));
                    write(key
                        + significanceCells(QStringLiteral("sector_neutral_rank_ic"),
                            significance.sectorNeutralRankIc));
                }
            }
        });
}

void writeAccuracy(const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name,
        { "horizon", "n", "mae", "rmse", "mae_persistence", "rmse_persistence", "skill_mae",
            "hit_rate", "dm_stat", "dm_p" },
        [&](const CsvRowSink &write) {
            for (const HorizonEvaluation &horizon : report.horizons) {
                const ForecastAccuracy &accuracy = horizon.accuracy;
                write({ whole(horizon.horizon), whole(accuracy.n), csvNumber(accuracy.mae),
                    csvNumber(accuracy.rmse), csvNumber(accuracy.maePersistence),
                    csvNumber(accuracy.rmsePersistence), csvNumber(accuracy.skillMae),
                    csvNumber(accuracy.hitRate), csvNumber(accuracy.dieboldMariano.t),
                    csvNumber(accuracy.dieboldMariano.p) });
            }
        });
}

void writeCalibration(const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name,
        { "horizon", "n", "coverage_q10_q90", "crps", "coverage_baseline", "crps_baseline" },
        [&](const CsvRowSink &write) {
            for (const HorizonEvaluation &horizon : report.horizons) {
                const ForecastCalibration calibration
                    = horizon.calibration.value_or(ForecastCalibration {});
                write({ whole(horizon.horizon), whole(calibration.n),
                    csvNumber(calibration.coverage), csvNumber(calibration.crps),
                    csvNumber(calibration.coverageBaseline), csvNumber(calibration.crpsBaseline) });
            }
        });
}

void writePit(const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name, { "horizon", "bin", "share" }, [&](const CsvRowSink &write) {
        for (const HorizonEvaluation &horizon : report.horizons) {
            const ForecastCalibration calibration
                = horizon.calibration.value_or(ForecastCalibration {});
            for (int bin = 0; bin < kPitBins; ++bin)
                write(
                    { whole(horizon.horizon), whole(bin), csvNumber(calibration.pitShares[bin]) });
        }
    });
}

void writePortfolio(const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name,
        { "signal", "horizon", "cost_bps", "periods", "mean_gross", "mean_net", "cum_net",
            "ann_return", "sharpe", "max_drawdown" },
        [&](const CsvRowSink &write) {
            for (SignalKind kind : kSignalKinds) {
                for (const HorizonEvaluation &horizon : report.horizons) {
                    const LongShortBook &book = horizon.signal(kind).book;
                    write({ signalName(kind), whole(horizon.horizon), csvNumber(book.costBps),
                        whole(book.periods), csvNumber(book.meanGross), csvNumber(book.meanNet),
                        csvNumber(book.cumNet), csvNumber(book.annReturn), csvNumber(book.sharpe),
                        csvNumber(book.maxDrawdown) });
                }
            }
        });
}

void writePortfolioCurve(
    const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name,
        { "signal", "horizon", "date", "gross", "traded", "net", "wealth_gross", "wealth_net" },
        [&](const CsvRowSink &write) {
            for (SignalKind kind : kSignalKinds) {
                for (const HorizonEvaluation &horizon : report.horizons) {
                    for (const BookPeriod &period : horizon.signal(kind).book.curve)
                        write({ signalName(kind), whole(horizon.horizon), csvDate(period.date),
                            csvNumber(period.gross), csvNumber(period.traded),
                            csvNumber(period.net), csvNumber(period.wealthGross),
                            csvNumber(period.wealthNet) });
                }
            }
        });
}

void writeMonthlyRankIc(
    const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name, { "signal", "horizon", "year", "month", "rank_ic_mean", "dates" },
        [&](const CsvRowSink &write) {
            for (SignalKind kind : kSignalKinds) {
                for (const HorizonEvaluation &horizon : report.horizons) {
                    for (const MonthlyRankIc &month : horizon.signal(kind).monthlyRankIc)
                        write({ signalName(kind), whole(horizon.horizon), whole(month.year),
                            whole(month.month), csvNumber(month.mean), whole(month.dates) });
                }
            }
        });
}

void writeSectorRankIc(
    const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name, { "signal", "horizon", "sector", "rank_ic_mean", "dates" },
        [&](const CsvRowSink &write) {
            for (SignalKind kind : kSignalKinds) {
                for (const HorizonEvaluation &horizon : report.horizons) {
                    for (const SectorRankIc &sector : horizon.signal(kind).sectorRankIc)
                        write({ signalName(kind), whole(horizon.horizon), sector.sector,
                            csvNumber(sector.mean), whole(sector.dates) });
                }
            }
        });
}

void writeRankAutocorrelation(
    const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name, { "signal", "horizon", "rank_autocorr_mean", "dates" },
        [&](const CsvRowSink &write) {
            for (SignalKind kind : kSignalKinds) {
                for (const HorizonEvaluation &horizon : report.horizons) {
                    const MetricSummary &autocorrelation = horizon.signal(kind).rankAutocorrelation;
                    write({ signalName(kind), whole(horizon.horizon),
                        csvNumber(autocorrelation.mean), whole(autocorrelation.count) });
                }
            }
        });
}

void writeIcDecay(const EvaluationReport &report, const QString &directory, const QString &name)
{
    writeCsvFile(directory, name, { "signal", "horizon", "ic_mean", "rank_ic_mean", "nw_t" },
        [&](const CsvRowSink &write) {
            for (const IcDecayPoint &point : report.icDecay)
                write({ signalName(point.signal), whole(point.horizon), csvNumber(point.icMean),
                    csvNumber(point.rankIcMean), csvNumber(point.rankIcNeweyWestT) });
        });
}

using TableWriter = void (*)(const EvaluationReport &, const QString &, const QString &);

struct JudgementTable
{
    const char *name;
    TableWriter write;
};

constexpr JudgementTable kTables[] = {
    { "significance.csv", writeSignificance },
    { "accuracy.csv", writeAccuracy },
    { "calibration.csv", writeCalibration },
    { "pit.csv", writePit },
    { "portfolio.csv", writePortfolio },
    { "portfolio_curve.csv", writePortfolioCurve },
    { "monthly_rank_ic.csv", writeMonthlyRankIc },
    { "sector_rank_ic.csv", writeSectorRankIc },
    { "rank_autocorrelation.csv", writeRankAutocorrelation },
    { "ic_decay.csv", writeIcDecay },
};

} // namespace

void writeJudgementTables(const EvaluationReport &report, const QString &directory)
{
    for (const JudgementTable &table : kTables)
        table.write(report, directory, QLatin1String(table.name));
}

QStringList judgementTableNames()
{
    QStringList names;
    for (const JudgementTable &table : kTables)
        names << QLatin1String(table.name);
    return names;
}

} // namespace Eval
