#include "csv_test_support.h"
#include "data/file_error.h"
#include "eval/io/evaluation_report_writer.h"
#include "eval_test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Eval;

namespace {

// Five dates three rows apart at horizon 5 (so overlapping), three folds of at most two dates.
EvaluationReport smallReport()
{
    const PricePanel panel = EvalTestSupport::wigglingPanel();
    EvaluationOptions options;
    options.horizons = { 5 };
    options.reversalLookback = 3;
    options.folds = { FoldScheme::EveryNDates, 2 };
    return evaluateScores(panel,
        EvalTestSupport::scoresOn(panel, { 10, 13, 16, 19, 22 },
            [](int, int column) { return double((column * 5) % 12); }),
        options);
}

using CsvTest::readCsv;

} // namespace

// per_date.csv, per_fold.csv and summary.csv: their columns, one row per signal and date (fold,
// horizon), numbers that read back exactly, empty cells for undefined values.
class TestEvaluationReportWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    EvaluationReport m_report = smallReport();

    QList<QStringList> written(const QString &name) const
    {
        return readCsv(QDir(m_folder.filePath(QStringLiteral("report"))).filePath(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        writeEvaluationReport(m_report, m_folder.filePath(QStringLiteral("report")));
    }

    void writesOneRowPerSignalAndItem_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("rows");

        const QString summaryColumns = QStringLiteral(
            "dates,dates_too_few_names,dates_zero_variance,ic_count,ic_mean,ic_std,ic_ir,ic_t,"
            "ic_hit_rate,rank_ic_count,rank_ic_mean,rank_ic_std,rank_ic_ir,rank_ic_t,"
            "rank_ic_hit_rate,q1_mean,q2_mean,q3_mean,q4_mean,q5_mean,spread_mean,"
            "top_turnover_mean,momentum_corr_mean");
        QTest::newRow("per date") << "per_date.csv"
                                  << "signal,horizon,date,n,ic,rank_ic,q1_mean,q2_mean,q3_mean,"
                                     "q4_mean,q5_mean,spread,top_turnover"
                                  << 3 * 5;
        QTest::newRow("per fold") << "per_fold.csv"
                                  << "signal,horizon,fold,first_date,last_date," + summaryColumns
                                  << 3 * 3;
        QTest::newRow("summary") << "summary.csv"
                                 << "signal,horizon," + summaryColumns
                + ",min_date_spacing,overlapping,factor_gate,ml_gate,practical_gate"
                                 << 3;
    }

    void writesOneRowPerSignalAndItem()
    {
        QFETCH(QString, file);
        QFETCH(QString, header);
        QFETCH(int, rows);
        const QList<QStringList> records = written(file);
        QCOMPARE(records.value(0).join(u','), header);
        QCOMPARE(records.size(), 1 + rows);
        QStringList signalOrder;
        for (const QStringList &record : records.mid(1)) {
            QCOMPARE(record.size(), records[0].size());
            if (signalOrder.isEmpty() || signalOrder.last() != record[0])
                signalOrder << record[0];
        }
        QCOMPARE(signalOrder, (QStringList { "model", "momentum", "reversal" }));
    }

    void perDateNumbersReadBackExactly()
    {
        const QList<QStringList> records = written(QStringLiteral("per_date.csv"));
        const std::vector<DateResult> &model = m_report.horizons[0].model.perDate;
        for (size_t i = 0; i < model.size(); ++i) {
            const QStringList &record = records[1 + int(i)];
            QCOMPARE(record[2], model[i].date.toString(Qt::ISODate));
            QCOMPARE(record[3].toInt(), model[i].n);
            QVERIFY(model[i].ic && model[i].spread);
            QCOMPARE(record[4].toDouble(), *model[i].ic);
            QCOMPARE(record[11].toDouble(), *model[i].spread);
        }
        // The first date has no previous top quintile: no turnover.
        QCOMPARE(records[1][12], QString());
        QVERIFY(!records[2][12].isEmpty());
    }

    void summaryHasModelOnlyColumnsForTheModel()
    {
        const QList<QStringList> records = written(QStringLiteral("summary.csv"));
        const QStringList &header = records[0];
        const HorizonGates &gates = m_report.gates.perHorizon[0];
        const auto cell = [&](int row, const char *column) {
            return records[row][header.indexOf(QLatin1String(column))];
        };
        QCOMPARE(cell(1, "min_date_spacing"), QStringLiteral("3"));
        QCOMPARE(cell(1, "overlapping"), QStringLiteral("yes"));
        QCOMPARE(cell(1, "factor_gate"), gateStatusName(gates.factor.status));
        QCOMPARE(cell(1, "practical_gate"), gateStatusName(gates.practical.status));
        QVERIFY(!cell(1, "momentum_corr_mean").isEmpty());
        for (int row : { 2, 3 }) {
            QCOMPARE(cell(row, "momentum_corr_mean"), QString());
            QCOMPARE(cell(row, "overlapping"), QString());
            QCOMPARE(cell(row, "ml_gate"), QString());
        }
    }

    void aFolderItCannotCreateThrowsNamingIt()
    {
        QFile blocker(m_folder.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString target = blocker.fileName() + QStringLiteral("/report");
        QString error;
        try {
            writeEvaluationReport(m_report, target);
        } catch (const FileError &thrown) {
            error = QString::fromUtf8(thrown.what());
        }
        QCOMPARE(error, QStringLiteral("Cannot create the folder ") + target);
        QVERIFY(!QFile::exists(target + QStringLiteral("/per_date.csv")));
    }

    // A table that cannot be replaced (here a folder stands where it goes) stops the export
    // with the file's name; the tables before it are written, none after it.
    void aTableItCannotWriteThrowsNamingIt()
    {
        const QString target = m_folder.filePath(QStringLiteral("blocked"));
        QVERIFY(QDir().mkpath(target + QStringLiteral("/summary.csv")));
        QString error;
        try {
            writeEvaluationReport(m_report, target);
        } catch (const FileError &thrown) {
            error = QString::fromUtf8(thrown.what());
        }
        QVERIFY2(error.startsWith(
                     QStringLiteral("Cannot write ") + target + QStringLiteral("/summary.csv: ")),
            qPrintable(error));
        QVERIFY(QFile::exists(target + QStringLiteral("/per_fold.csv")));
        QVERIFY(!QFile::exists(target + QStringLiteral("/significance.csv")));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationReportWriter)
#include "test_evaluation_report_writer.moc"
