#include "cli_test_support.h"
#include "data/csv_importer.h"
#include "data/csv_reader.h"
#include "eval/io/score_file_reader.h"
#include "market_test_database.h"
#include "run/evaluation_scores.h"
#include "run/run_evaluator.h"
#include "run/run_report_subject.h"
#include "stored_run_fixture.h"
#include "stored_run_support.h"
#include "test_paths.h"
#include "ui/chart_panel.h"
#include "ui/evaluation_view.h"

#include <QBuffer>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

namespace {

const QString kFixture = testDataPath("eval-basic/");
// expected_summary.json: summary.20.rank_ic.mean.
constexpr double kExpectedRankIcMean20 = 0.08875788176403537;

// The cell text of the summary row for `signal` at `horizon`, in `column` (by header title).
QString summaryCell(
    const QTableView *view, int horizon, const QString &signal, const QString &column)
{
    const QAbstractItemModel *model = view->model();
    int columnIndex = -1;
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == column)
            columnIndex = c;
    }
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toInt() == horizon && model->index(row, 1).data() == signal)
            return model->index(row, columnIndex).data().toString();
    }
    return {};
}

// Every field of a run's stored evaluation but the time it was made, one line per horizon and
// signal, numbers at full precision.
QStringList storedEvaluation(const QSqlDatabase &database, qint64 runId)
{
    QSqlQuery query(database);
    query.prepare(
        QStringLiteral("SELECT * FROM run_evaluations WHERE run_id = ? ORDER BY horizon, signal"));
    query.addBindValue(runId);
    if (!query.exec())
        return { query.lastError().text() };
    QStringList rows;
    while (query.next()) {
        const QSqlRecord record = query.record();
        QStringList fields;
        for (int i = 0; i < record.count(); ++i) {
            if (record.fieldName(i) == QLatin1String("evaluated_at"))
                continue;
            const QVariant value = record.value(i);
            fields << record.fieldName(i) + u'='
                    + (value.isNull() ? QStringLiteral("null")
                            : value.typeId() == QMetaType::Double
                            ? QString::number(value.toDouble(), 'g', 17)
                            : value.toString());
        }
        rows << fields.join(u' ');
    }
    return rows;
}

} // namespace

// The evaluation view on the eval-basic fixture: prices imported into a temporary database
// (read back off the GUI thread), the fixture's scores, the expected RankIC mean.
class TestEvaluationView : public QObject
{
    Q_OBJECT

private:
    MarketTestDatabase m_database;
    std::vector<Eval::ScoreRow> m_scores;

private Q_SLOTS:
    // adj_close.csv (date, one column per ticker) imported as a long price file, each price as
    // open, high, low and close; an empty cell (a missing bar) left out.
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_database.isOpen(), qPrintable(m_database.errorString()));
        QFile wideFile(kFixture + QStringLiteral("adj_close.csv"));
        QVERIFY(wideFile.open(QIODevice::ReadOnly));
        CsvReader reader(wideFile);
        CsvRecord header;
        QVERIFY(reader.readRecord(header));
        QByteArray longFormat("date,ticker,open,high,low,close\n");
        CsvRecord record;
        while (reader.readRecord(record)) {
            for (int column = 1; column < header.fields.size(); ++column) {
                const QByteArray price = record.fields.value(column).toUtf8();
                if (!price.isEmpty())
                    longFormat += record.fields[0].toUtf8() + ',' + header.fields[column].toUtf8()
                        + ',' + price + ',' + price + ',' + price + ',' + price + '\n';
            }
        }
        QBuffer buffer(&longFormat);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const FileImportReport imported
            = CsvImporter(m_database.database()).importDevice(buffer, QStringLiteral("prices.csv"));
        QCOMPARE(imported.rejected, 0LL);
        QVERIFY(imported.imported > 100000);
        m_scores = Eval::readScoreFile(kFixture + QStringLiteral("scores.csv")).rows;
    }

    void showsTheExpectedRankIcMean()
    {
        Workspace workspace(m_database.path());
        EvaluationView view(workspace);
        view.setHorizons({ 20, 60 });
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateScores(Eval::EvaluationInput { m_scores, {}, {}, {} }, {});
        QVERIFY(evaluated.wait(30000));
        QCOMPARE(view.outcome().error, QString());
        QCOMPARE(view.outcome().report.horizons.size(), size_t(2));
        QCOMPARE(
            *view.outcome().report.horizons[0].model.overall.rankIc.mean, kExpectedRankIcMean20);

        QCOMPARE(
            summaryCell(view.summaryTable(), 20, QStringLiteral("model"), QStringLiteral("RankIC")),
            QStringLiteral("0.0888"));
        QCOMPARE(view.summaryTable()->model()->rowCount(), 2 * 3); // model, momentum, reversal
        QCOMPARE(view.gateTable()->model()->rowCount(), 2);
        // 42 monthly dates in 2016-2019: one fold per year.
        QCOMPARE(view.foldTable()->model()->rowCount(), 4);
        QCOMPARE(view.rankIcChart()->plot()->plottableCount(), 2); // bars and moving average
        QCOMPARE(view.quintileChart()->plot()->plottableCount(), 3); // model and two baselines
        QCOMPARE(view.spreadChart()->plot()->plottableCount(), 3);
        auto *rankIcBars = qobject_cast<QCPBars *>(view.rankIcChart()->plot()->plottable(0));
        QVERIFY(rankIcBars);
        QCOMPARE(rankIcBars->data()->size(), 42);

        QTemporaryDir folder;
        QCOMPARE(view.exportTables(folder.path()).result(), QString());
        QVERIFY(QFile::exists(folder.filePath(QStringLiteral("summary.csv"))));
        QVERIFY(QFile::exists(folder.filePath(QStringLiteral("per_fold.csv"))));
    }

    void editedThresholdsJudgeTheGatesAgain()
    {
        Workspace workspace(m_database.path());
        EvaluationView view(workspace);
        view.setHorizons({ 20 });
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateScores(Eval::EvaluationInput { m_scores, {}, {}, {} }, {});
        QVERIFY(evaluated.wait(30000));
        QVERIFY(view.outcome().report.gates.perHorizon[0].ml.passed()); // 0.0888 >= 0.05

        auto *mlMinimum = view.findChild<QDoubleSpinBox *>(QStringLiteral("mlMinRankIcSpin"));
        QVERIFY(mlMinimum);
        mlMinimum->setValue(0.1);
        QVERIFY(evaluated.wait(30000));
        QCOMPARE(view.outcome().options.gates.mlMinRankIc, 0.1);
        QVERIFY(!view.outcome().report.gates.perHorizon[0].ml.passed());
        QCOMPARE(
            view.gateTable()->model()->index(0, 5).data().toString(), QStringLiteral("✗ fail"));
    }

    // Issue 14: a stored sampled run is judged in the Evaluation tab as `kronos-cli evaluate
    // RUN_ID` judges it (RunEvaluator): its samples read back, so calibration is shown, and the
    // report named by the run — not the bare scores a table holds.
    void aStoredSampledRunIsJudgedAsTheCliJudgesIt()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        StoredRunFixture::writeMarket(market);
        const qint64 id = StoredRunFixture::storeRun(market, true, true);
        QVERIFY(id > 0);

        Workspace workspace(market.path());
        EvaluationView view(workspace);
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateRun(id);
        QVERIFY(evaluated.wait(30000));
        const EvaluationOutcome &outcome = view.outcome();
        QCOMPARE(outcome.error, QString());
        const RunEvaluation cli = RunEvaluator(market.database()).evaluate(id, view.options());
        QCOMPARE(outcome.subject.title, runReportSubject(cli.run).title);
        QCOMPARE(outcome.report.sampledForecasts, cli.report.sampledForecasts);
        QVERIFY(outcome.report.sampledForecasts > 0);
        QCOMPARE(outcome.report.horizons.size(), cli.report.horizons.size());
        const auto &shownCalibration = outcome.report.horizons[0].calibration;
        const auto &cliCalibration = cli.report.horizons[0].calibration;
        QVERIFY(shownCalibration && cliCalibration);
        QCOMPARE(shownCalibration->n, cliCalibration->n);
        QCOMPARE(*shownCalibration->coverage, *cliCalibration->coverage);
        QCOMPARE(*shownCalibration->crps, *cliCalibration->crps);
        QCOMPARE(*outcome.report.horizons[0].model.overall.rankIc.mean,
            *cli.report.horizons[0].model.overall.rankIc.mean);
    }

    // A stored run of random weights is a control in the tab as in the CLI: no gate passes, also
    // after an option changes.
    void aStoredRandomWeightsRunIsAControl()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        StoredRunFixture::writeMarket(market);
        const qint64 id = StoredRunFixture::storeRun(market, true, false, QStringLiteral("mini"));
        QVERIFY(id > 0);
        Workspace workspace(market.path());
        EvaluationView view(workspace);
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateRun(id);
        QVERIFY(evaluated.wait(30000));
        auto *horizons = view.findChild<QLineEdit *>(QStringLiteral("horizonsEdit"));
        for (const QString &changed : { QString(), QStringLiteral("5, 8") }) {
            if (!changed.isEmpty()) { // an option changes: evaluated again
                horizons->setText(changed);
                Q_EMIT horizons->editingFinished();
                QVERIFY(evaluated.wait(30000));
            }
            QCOMPARE(view.outcome().error, QString());
            QVERIFY(view.outcome().report.randomWeights);
            for (const Eval::HorizonGates &gates : view.outcome().report.gates.perHorizon) {
                QCOMPARE(gates.factor.status, Eval::GateStatus::NotApplicable);
                QCOMPARE(gates.ml.status, Eval::GateStatus::NotApplicable);
            }
        }
        QCOMPARE(view.outcome().report.horizons.size(), size_t(2));
    }

    // The Evaluation tab and `kronos-cli evaluate RUN_ID` judge a run through the same code: the
    // evaluation the GUI shows and stores is the one the command stores, field for field.
    void theGuiShowsAndStoresWhatKronosCliEvaluateStores()
    {
        const qint64 runId = storeScoresAsRun(
            m_database.database(), m_scores, QStringLiteral("eval-basic"), { 20, 60 });
        QVERIFY(runId > 0);

        Workspace workspace(m_database.path());
        EvaluationView view(workspace);
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateRun(runId);
        QVERIFY(evaluated.wait(30000));
        QCOMPARE(view.outcome().error, QString());
        // The run's horizons, as the command takes them without --horizons.
        QCOMPARE(view.findChild<QLineEdit *>(QStringLiteral("horizonsEdit"))->text(),
            QStringLiteral("20, 60"));
        const QStringList shownAndStored = storedEvaluation(m_database.database(), runId);
        QCOMPARE(shownAndStored.size(), 2 * 3);
        // The summary table shows the stored figures.
        QSqlQuery stored(m_database.database());
        QVERIFY(stored.exec(QStringLiteral("SELECT horizon, signal, ic_mean, rank_ic_mean,"
                                           " spread_mean FROM run_evaluations WHERE run_id = %1")
                                .arg(runId)));
        int compared = 0;
        while (stored.next()) {
            const int horizon = stored.value(0).toInt();
            const QString signal = stored.value(1).toString();
            int column = 2;
            for (const QString &title :
                { QStringLiteral("IC"), QStringLiteral("RankIC"), QStringLiteral("Spread") }) {
                QCOMPARE(summaryCell(view.summaryTable(), horizon, signal, title),
                    QString::number(stored.value(column++).toDouble(), 'f', 4));
                ++compared;
            }
        }
        QCOMPARE(compared, 6 * 3);

        const CliTest::Result cli = CliTest::runOn(
            m_database.path(), { QStringLiteral("evaluate"), QString::number(runId) });
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QCOMPARE(storedEvaluation(m_database.database(), runId), shownAndStored);
    }

    void reportsAnUnreadableDatabase()
    {
        Workspace workspace(QStringLiteral("/proc/none/market.sqlite"));
        EvaluationView view(workspace);
        QSignalSpy evaluated(&view, &EvaluationView::evaluated);
        view.evaluateScores(Eval::EvaluationInput { m_scores, {}, {}, {} }, {});
        QVERIFY(evaluated.wait(30000));
        QVERIFY(!view.outcome().error.isEmpty());
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("evaluationStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Evaluation failed")));
    }
};

QTEST_MAIN(TestEvaluationView)
#include "test_evaluation_view.moc"
