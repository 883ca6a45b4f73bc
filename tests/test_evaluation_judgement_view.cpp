#include "cli_test_support.h"
#include "csv_test_support.h"
#include "eval/io/score_file_reader.h"
#include "eval/report/report_subject.h"
#include "eval_v2_import.h"
#include "ui/accuracy_view.h"
#include "ui/calibration_view.h"
#include "ui/chart_panel.h"
#include "ui/evaluation_verdict_panel.h"
#include "ui/evaluation_view.h"
#include "ui/ic_decay_view.h"
#include "ui/judgement_tabs.h"
#include "ui/long_short_book_view.h"
#include "ui/monthly_rank_ic_heatmap.h"
#include "ui/sector_rank_ic_view.h"
#include "ui/significance_view.h"
#include "ui/workbench_settings.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>
#include <qcustomplot.h>

namespace {

const QString kFixture = EvalV2::fixtureDir();
using Table = QList<QStringList>;

Table expectedTable(const QString &name)
{
    return CsvTest::readCsv(kFixture + QStringLiteral("expected/") + name);
}

// Within 1e-9 absolute or 1e-7 relative, as the CLI replay of the fixture.
bool near(double actual, double expected)
{
    const double difference = std::abs(actual - expected);
    return difference <= 1e-9 || difference <= 1e-7 * std::abs(expected);
}

int columnOf(const QAbstractItemModel *model, const QString &title)
{
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal).toString() == title)
            return column;
    }
    return -1;
}

// The first row whose cells in the leading columns read `key`, or -1.
int rowOf(const QAbstractItemModel *model, const QStringList &key)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        bool same = true;
        for (int column = 0; column < key.size(); ++column)
            same = same && model->index(row, column).data().toString() == key[column];
        if (same)
            return row;
    }
    return -1;
}

// The exact value behind a shown figure (Qt::UserRole), NaN when the cell is n/a.
double shownValue(const QTableView *view, int row, const QString &column)
{
    const QModelIndex cell = view->model()->index(row, columnOf(view->model(), column));
    const QVariant value = cell.data(Qt::UserRole);
    return value.isValid() ? value.toDouble() : std::nan("");
}

// The expected row's value of `field` matched against the shown cell; a message when not.
QString compareCell(const QTableView *view, int row, const QString &column,
    const QStringList &header, const QStringList &expected, const QString &field)
{
    const double wanted = expected.value(int(header.indexOf(field))).toDouble();
    const double shown = shownValue(view, row, column);
    if (near(shown, wanted))
        return {};
    return QStringLiteral("%1 (%2): shown %3, expected %4")
        .arg(column, expected.join(u','))
        .arg(shown, 0, 'g', 17)
        .arg(wanted, 0, 'g', 17);
}

const std::map<QString, QString> kMetricTitles {
    { QStringLiteral("ic"), QStringLiteral("IC") },
    { QStringLiteral("rank_ic"), QStringLiteral("RankIC") },
    { QStringLiteral("spread"), QStringLiteral("Q5 − Q1 spread") },
    { QStringLiteral("sector_neutral_rank_ic"), QStringLiteral("Sector-neutral RankIC") },
};

} // namespace

// The judgement sub-tabs of the Evaluation tab on the eval-v2 fixture, its prices and sectors
// imported by `kronos-cli import` into a temporary database as the fixture's README says: the
// figures shown are those of expected/ (computed independently), the cost field re-evaluates
// the book, Export report… writes the CLI's page, and a run without samples says why it has no
// calibration.
class TestEvaluationJudgementView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    Workspace m_workspace { m_folder.filePath(QStringLiteral("market.sqlite")) };
    Eval::EvaluationInput m_sampled;

    QString databasePath() const { return m_workspace.databasePath(); }
    QString scoresPath() const { return kFixture + QStringLiteral("scores.csv"); }
    QString samplesPath() const { return kFixture + QStringLiteral("samples.csv"); }

    // The fixture evaluated by `view` at horizons 5 and 20 (those of its scores) at 10 bps.
    bool evaluateFixture(EvaluationView &view, const Eval::EvaluationInput &input)
    {
        view.findChild<QDoubleSpinBox *>(QStringLiteral("costBpsSpin"))->setValue(10.0);
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateScores(input,
            Eval::scoresFileSubject(
                scoresPath(), input.samples.empty() ? QString() : samplesPath()));
        return evaluated.wait(60000) && view.outcome().error.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KronosWorkbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_evaluation_judgement_view"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_folder.path());

        const CliTest::Result imported = EvalV2::importFixture(databasePath(), m_folder.path());
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));

        m_sampled.scores = Eval::readScoreFile(scoresPath()).rows;
        m_sampled.samples = Eval::readSampleFile(samplesPath());
        QVERIFY(!m_sampled.samples.empty());
    }

    void significanceShowsTheFixturesNeweyWestFigures()
    {
        EvaluationView view(m_workspace);
        QVERIFY(evaluateFixture(view, m_sampled));
        const QTableView *table = view.findChild<QTableView *>(QStringLiteral("significanceTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 3 * 2 * 4); // signals x horizons x metrics
        const Table expected = expectedTable(QStringLiteral("significance.csv"));
        for (const QStringList &row : expected.mid(1)) {
            const int shown = rowOf(table->model(), { row[0], row[1], kMetricTitles.at(row[2]) });
            QVERIFY2(shown >= 0, qPrintable(row.join(u',')));
            for (const auto &[column, field] : { std::pair { "Mean", "mean" },
                     std::pair { "NW t", "nw_t" }, std::pair { "p", "nw_p" } }) {
                const QString mismatch = compareCell(table, shown, QString::fromUtf8(column),
                    expected[0], row, QString::fromUtf8(field));
                QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            }
            QCOMPARE(table->model()->index(shown, 4).data().toString(), row[4]); // lag
            QCOMPARE(table->model()->index(shown, 7).data().toString(), row[7]); // dates
        }
        // The verdict heads the tab.
        QVERIFY(!view.verdictPanel()->verdict().headline.isEmpty());
        QVERIFY(view.verdictPanel()->text().contains(
            view.verdictPanel()->verdict().headline.toHtmlEscaped()));
    }

    void accuracyCalibrationAndBookShowTheFixturesFigures()
    {
        EvaluationView view(m_workspace);
        QVERIFY(evaluateFixture(view, m_sampled));

        const QTableView *accuracy = view.judgement()->accuracy()->table();
        const Table expectedAccuracy = expectedTable(QStringLiteral("accuracy.csv"));
        QCOMPARE(accuracy->model()->rowCount(), int(expectedAccuracy.size() - 1));
        for (const QStringList &row : expectedAccuracy.mid(1)) {
            const int shown = rowOf(accuracy->model(), { row[0], row[1] }); // horizon, pairs
            QVERIFY2(shown >= 0, qPrintable(row.join(u',')));
            for (const auto &[column, field] :
                { std::pair { "MAE", "mae" }, std::pair { "RMSE", "rmse" },
                    std::pair { "MAE persistence", "mae_persistence" },
                    std::pair { "Skill (MAE)", "skill_mae" }, std::pair { "Hit rate", "hit_rate" },
                    std::pair { "DM stat", "dm_stat" } }) {
                const QString mismatch = compareCell(accuracy, shown, QString::fromUtf8(column),
                    expectedAccuracy[0], row, QString::fromUtf8(field));
                QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            }
        }

        CalibrationView *calibration = view.judgement()->calibration();
        const Table expectedCalibration = expectedTable(QStringLiteral("calibration.csv"));
        for (const QStringList &row : expectedCalibration.mid(1)) {
            const int shown = rowOf(calibration->table()->model(), { row[0], row[1] });
            QVERIFY2(shown >= 0, qPrintable(row.join(u',')));
            for (const auto &[column, field] :
                { std::pair { "Coverage 10–90%", "coverage_q10_q90" }, std::pair { "CRPS", "crps" },
                    std::pair { "Baseline coverage", "coverage_baseline" },
                    std::pair { "Baseline CRPS", "crps_baseline" } }) {
                const QString mismatch
                    = compareCell(calibration->table(), shown, QString::fromUtf8(column),
                        expectedCalibration[0], row, QString::fromUtf8(field));
                QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            }
        }
        // The PIT histogram: one series of bars per horizon, in percent, and the flat 10% line.
        QVERIFY(!calibration->pitChart()->title().contains(QStringLiteral("n/a")));
        QCustomPlot *pit = calibration->pitChart()->plot();
        QCOMPARE(pit->plottableCount(), 2 + 1);
        const Table expectedPit = expectedTable(QStringLiteral("pit.csv"));
        for (const QStringList &row : expectedPit.mid(1)) {
            auto *bars
                = qobject_cast<QCPBars *>(pit->plottable(row[0] == QLatin1String("5") ? 0 : 1));
            QVERIFY(bars);
            const auto found = bars->data()->findBegin(row[1].toDouble(), false);
            QVERIFY(found != bars->data()->constEnd());
            QVERIFY2(near(found->value, row[2].toDouble() * 100.0), qPrintable(row.join(u',')));
        }
        // Coverage: the model's band beside the baseline's.
        QCustomPlot *coverage = calibration->coverageChart()->plot();
        auto *baselineBars = qobject_cast<QCPBars *>(coverage->plottable(1));
        QVERIFY(baselineBars);
        QCOMPARE(baselineBars->data()->size(), 2);
        QVERIFY(near(baselineBars->data()->at(0)->value,
            expectedCalibration[1]
                               [expectedCalibration[0].indexOf(QStringLiteral("coverage_baseline"))]
                                   .toDouble()
                * 100.0));

        const QTableView *book = view.judgement()->book()->table();
        const Table expectedBook = expectedTable(QStringLiteral("portfolio.csv"));
        for (const QStringList &row : expectedBook.mid(1)) {
            const int shown = rowOf(book->model(), { row[0], row[1], row[2], row[3] });
            QVERIFY2(shown >= 0, qPrintable(row.join(u',')));
            for (const auto &[column, field] :
                { std::pair { "Mean gross", "mean_gross" }, std::pair { "Mean net", "mean_net" },
                    std::pair { "Cumulative net", "cum_net" },
                    std::pair { "Annualized", "ann_return" }, std::pair { "Sharpe", "sharpe" },
                    std::pair { "Max drawdown", "max_drawdown" } }) {
                const QString mismatch = compareCell(book, shown, QString::fromUtf8(column),
                    expectedBook[0], row, QString::fromUtf8(field));
                QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            }
        }
        // The shown horizon's wealth curves: model gross and net, the baselines net.
        QCOMPARE(view.judgement()->book()->chart()->plot()->graphCount(), 4);
    }

    void decayHeatmapAndSectorsShowTheFixturesFigures()
    {
        EvaluationView view(m_workspace);
        QVERIFY(evaluateFixture(view, m_sampled));
        QCOMPARE(view.selectedHorizon(), 5);

        // A scores file has no paths: the decay repeats the evaluated horizons' RankIC.
        const QTableView *decay = view.judgement()->icDecay()->table();
        QCOMPARE(decay->model()->rowCount(), 3 * 2);
        const Table significance = expectedTable(QStringLiteral("significance.csv"));
        for (const QStringList &row : significance.mid(1)) {
            if (row[2] != QLatin1String("rank_ic"))
                continue;
            const int shown = rowOf(decay->model(), { row[0], row[1] });
            QVERIFY(shown >= 0);
            QVERIFY(near(shownValue(decay, shown, QStringLiteral("RankIC")), row[3].toDouble()));
        }

        const QTableView *monthly = view.judgement()->monthly()->table();
        int monthsCompared = 0;
        for (const QStringList &row : expectedTable(QStringLiteral("monthly_rank_ic.csv")).mid(1)) {
            if (row[0] != QLatin1String("model") || row[1] != QLatin1String("5"))
                continue;
            const int shown = rowOf(monthly->model(), { row[2] }); // the year
            QVERIFY2(shown >= 0, qPrintable(row.join(u',')));
            const QModelIndex cell = monthly->model()->index(shown, row[3].toInt());
            QVERIFY2(near(cell.data(Qt::UserRole).toDouble(), row[4].toDouble()),
                qPrintable(row.join(u',')));
            QVERIFY(cell.data(Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("over %1 date").arg(row[5])));
            ++monthsCompared;
        }
        QVERIFY(monthsCompared >= 12);

        SectorRankIcView *sectors = view.judgement()->sectors();
        int sectorsCompared = 0;
        for (const QStringList &row : expectedTable(QStringLiteral("sector_rank_ic.csv")).mid(1)) {
            if (row[0] != QLatin1String("model") || row[1] != QLatin1String("5"))
                continue;
            const int shown = rowOf(sectors->table()->model(), { row[2] });
            QVERIFY2(shown >= 0, qPrintable(row.join(u',')));
            QVERIFY2(near(shownValue(sectors->table(), shown, QStringLiteral("Model RankIC")),
                         row[3].toDouble()),
                qPrintable(row.join(u',')));
            QCOMPARE(sectors->table()->model()->index(shown, 2).data().toString(), row[4]);
            ++sectorsCompared;
        }
        // No other sector shows a model RankIC.
        int sectorsShown = 0;
        for (int row = 0; row < sectors->table()->model()->rowCount(); ++row)
            sectorsShown
                += std::isnan(shownValue(sectors->table(), row, QStringLiteral("Model RankIC")))
                ? 0
                : 1;
        QVERIFY(sectorsCompared > 0);
        QCOMPARE(sectorsShown, sectorsCompared);
        // Two names of the fixture have no sector.
        QVERIFY2(sectors->note()->text().contains(QStringLiteral("2 ticker(s) without a sector")),
            qPrintable(sectors->note()->text()));

        // Showing another horizon redraws the heatmap and the sectors at it.
        auto *horizons = view.findChild<QComboBox *>(QStringLiteral("chartHorizonCombo"));
        horizons->setCurrentIndex(horizons->findData(20));
        QVERIFY(sectors->note()->text().contains(QStringLiteral("at 20 days")));
    }

    void changingTheCostChangesTheNetFigures()
    {
        EvaluationView view(m_workspace);
        QVERIFY(evaluateFixture(view, m_sampled));
        const Eval::LongShortBook before = view.outcome().report.horizons[0].model.book;
        QCOMPARE(before.costBps, 10.0);

        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.findChild<QDoubleSpinBox *>(QStringLiteral("costBpsSpin"))->setValue(50.0);
        QVERIFY(evaluated.wait(60000));
        const Eval::LongShortBook after = view.outcome().report.horizons[0].model.book;
        QCOMPARE(after.costBps, 50.0);
        QCOMPARE(*after.meanGross, *before.meanGross);
        // Net = gross − cost × traded, period by period.
        double traded = 0.0;
        for (const Eval::BookPeriod &period : after.curve)
            traded += period.traded;
        traded /= double(after.curve.size());
        QVERIFY(near(*after.meanNet, *after.meanGross - 50e-4 * traded));
        QVERIFY(*after.meanNet < *before.meanNet);

        const QTableView *book = view.judgement()->book()->table();
        const int shown = rowOf(book->model(), { "model", "5", "50" });
        QVERIFY(shown >= 0);
        QCOMPARE(shownValue(book, shown, QStringLiteral("Mean net")), *after.meanNet);
        // Evaluated again on what was read from the database: the sectors and the price source.
        const SectorRankIcView *sectors = view.judgement()->sectors();
        QVERIFY(rowOf(sectors->table()->model(), { "Health Care" }) >= 0);
        QVERIFY(sectors->note()->text().contains(QStringLiteral("2 ticker(s) without a sector")));
        QCOMPARE(view.outcome().subject.details.filter(QStringLiteral("prices from")),
            QStringList { QStringLiteral("prices from market.sqlite") });
        // The cost is remembered for the next session.
        QCOMPARE(
            WorkbenchSettings().value(WorkbenchSettings::Key::EvaluationCostBps).toDouble(), 50.0);
        EvaluationView next(m_workspace);
        QCOMPARE(next.judgement()->costBps(), 50.0);
        QCOMPARE(next.options().costBps, 50.0);
    }

    // Same input, same code (Eval::writeEvaluationReportHtml): the same page, but for the minute
    // it was generated in.
    void exportReportWritesTheCliReport()
    {
        const QString cliReport = m_folder.filePath(QStringLiteral("cli.html"));
        const CliTest::Result cli = CliTest::runOn(databasePath(),
            { QStringLiteral("evaluate"), QStringLiteral("--scores"), scoresPath(),
                QStringLiteral("--samples"), samplesPath(), QStringLiteral("--horizons"),
                QStringLiteral("5,20"), QStringLiteral("--cost-bps"), QStringLiteral("10"),
                QStringLiteral("--report"), cliReport });
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));

        EvaluationView view(m_workspace);
        QVERIFY(evaluateFixture(view, m_sampled));
        QCOMPARE(view.suggestedReportFileName(),
            QStringLiteral("Scores file scores.csv evaluation.html"));
        auto *button = view.findChild<QPushButton *>(QStringLiteral("exportReportButton"));
        QVERIFY(button && button->isEnabled());
        const QString guiReport = m_folder.filePath(view.suggestedReportFileName());
        QCOMPARE(view.exportReport(guiReport).result(), QString());
        QTRY_COMPARE(view.findChild<QLabel *>(QStringLiteral("reportExportStatus"))->text(),
            QStringLiteral("Report written to %1").arg(guiReport));

        const auto read = [](const QString &path) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return QString();
            static const QRegularExpression generated(
                QStringLiteral("generated \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
            QString text = QString::fromUtf8(file.readAll());
            const bool stamped = text.contains(generated);
            return stamped ? text.replace(generated, QStringLiteral("generated …")) : QString();
        };
        const QString fromCli = read(cliReport);
        const QString fromGui = read(guiReport);
        QVERIFY(fromCli.size() > 10000);
        QCOMPARE(fromGui.size(), fromCli.size());
        QVERIFY(fromGui == fromCli);
    }

    // Scores handed over without a name (the Scores tab's, a file opened in the workbench).
    void unnamedScoresExportAsWorkbenchScores()
    {
        EvaluationView view(m_workspace);
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateScores(Eval::EvaluationInput { m_sampled.scores, {}, {}, {} }, {});
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(
            view.suggestedReportFileName(), QStringLiteral("Workbench scores evaluation.html"));
        const QString path = m_folder.filePath(view.suggestedReportFileName());
        QCOMPARE(view.exportReport(path).result(), QString());
        QFile page(path);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(page.readAll());
        QVERIFY(html.contains(QStringLiteral("<title>Evaluation: Workbench scores</title>")));
        QVERIFY(html.contains(QStringLiteral("prices from market.sqlite")));
    }

    void aRunWithoutSamplesSaysWhyCalibrationIsNa()
    {
        EvaluationView view(m_workspace);
        QVERIFY(evaluateFixture(view, Eval::EvaluationInput { m_sampled.scores, {}, {}, {} }));
        CalibrationView *calibration = view.judgement()->calibration();
        const QString note = calibration->note()->text();
        QVERIFY2(note.startsWith(QStringLiteral("Calibration n/a")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("no sampled forecasts")), qPrintable(note));
        QVERIFY(calibration->pitChart()->title().endsWith(QStringLiteral("n/a, see above")));
        QCOMPARE(calibration->pitChart()->plot()->plottableCount(), 1); // the 10% line alone
        const QTableView *table = calibration->table();
        QCOMPARE(table->model()->rowCount(), 2);
        const QModelIndex coverage
            = table->model()->index(0, columnOf(table->model(), QStringLiteral("Coverage 10–90%")));
        QCOMPARE(coverage.data().toString(), QStringLiteral("n/a"));
        QVERIFY(!coverage.data(Qt::ToolTipRole).toString().isEmpty());
        // The other sub-tabs do not need samples.
        QVERIFY(shownValue(view.judgement()->accuracy()->table(), 0, QStringLiteral("MAE")) > 0);
    }

    // The README's pictures of the sub-tabs (evaluation_<tab>.png in the build folder; docs/
    // holds copies), drawn by a real X server: the `test_evaluation_screenshots` registration
    // runs this under xvfb-run, the offscreen one skips it.
    void screenshotEverySubTab()
    {
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            QSKIP("needs an X server (the test_evaluation_screenshots registration)");
        EvaluationView view(m_workspace);
        view.resize(1400, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(evaluateFixture(view, m_sampled));
        auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("evaluationTabs"));
        const QStringList names { "significance", "accuracy", "calibration", "book", "ic_decay",
            "monthly_heatmap", "sectors" };
        const int first = tabs->indexOf(view.judgement()->significance());
        QCOMPARE(tabs->count(), first + int(names.size()));
        for (int k = 0; k < names.size(); ++k) {
            tabs->setCurrentIndex(first + k);
            QTest::qWait(200); // the charts' coalesced replot
            const QImage image = view.grab().toImage();
            QVERIFY(!image.isNull());
            const QString path
                = testBinaryPath(qPrintable(QStringLiteral("evaluation_%1.png").arg(names[k])));
            QVERIFY2(image.save(path), qPrintable(path));
        }
    }
};

QTEST_MAIN(TestEvaluationJudgementView)
#include "test_evaluation_judgement_view.moc"
