// The HTML report in a real browser: the eval-v2 fixture evaluated in-process, its report
// written and rendered by Debian's chromium (headless) to a PNG, and the picture checked — it
// exists, is not blank, shows the verdict's colour at the top and the charts' colours further
// down. The screenshot is kept in the build folder (evaluation_report.png; docs/ holds a copy).

#include "csv_test_support.h"
#include "eval/evaluation.h"
#include "eval/io/score_file_reader.h"
#include "eval/report/evaluation_html_report.h"
#include "test_paths.h"

#include <QColor>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <limits>

namespace {

const QString kFixture = testDataPath("eval-v2/");

Eval::PricePanel fixturePanel()
{
    const QList<QStringList> wide = CsvTest::readCsv(kFixture + QStringLiteral("adj_close.csv"));
    std::vector<QDate> calendar;
    std::vector<double> closes;
    for (const QStringList &row : wide.mid(1)) {
        calendar.push_back(QDate::fromString(row[0], Qt::ISODate));
        for (int column = 1; column < wide[0].size(); ++column)
            closes.push_back(row.value(column).isEmpty() ? std::numeric_limits<double>::quiet_NaN()
                                                         : row[column].toDouble());
    }
    return Eval::PricePanel(
        std::move(calendar), { wide[0].begin() + 1, wide[0].end() }, std::move(closes));
}

bool near(QRgb pixel, QRgb color, int tolerance = 12)
{
    return std::abs(qRed(pixel) - qRed(color)) <= tolerance
        && std::abs(qGreen(pixel) - qGreen(color)) <= tolerance
        && std::abs(qBlue(pixel) - qBlue(color)) <= tolerance;
}

// Pixels of `color` in rows [top, bottom), every second pixel.
int pixelsOf(const QImage &image, QRgb color, int top, int bottom)
{
    int count = 0;
    for (int y = top; y < std::min(bottom, image.height()); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            count += near(image.pixel(x, y), color) ? 1 : 0;
    return count;
}

} // namespace

class TestEvaluationReportBrowser : public QObject
{
    Q_OBJECT

private:
    QString m_chromium;
    QTemporaryDir m_folder;

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *name : { "chromium", "chromium-browser" }) {
            if (m_chromium.isEmpty())
                m_chromium = QStandardPaths::findExecutable(QLatin1String(name));
        }
        QVERIFY2(!m_chromium.isEmpty(), "chromium is not installed (scripts/setup installs it)");
        QVERIFY(m_folder.isValid());
    }

    void reportRendersInChromium()
    {
        Eval::EvaluationInput input;
        input.scores = Eval::readScoreFile(kFixture + QStringLiteral("scores.csv")).rows;
        input.samples = Eval::readSampleFile(kFixture + QStringLiteral("samples.csv"));
        for (const QStringList &row :
            CsvTest::readCsv(kFixture + QStringLiteral("sectors.csv")).mid(1))
            input.sectors.insert(row[0], row[1]);
        Eval::EvaluationOptions options;
        options.horizons = { 5, 20 };
        const Eval::EvaluationReport report = Eval::evaluateScores(fixturePanel(), input, options);
        const QString html = m_folder.filePath(QStringLiteral("report.html"));
        Eval::writeEvaluationReportHtml(report,
            { QStringLiteral("Scores file scores.csv (eval-v2 fixture)"),
                { QStringLiteral("samples samples.csv") },
                QDateTime(QDate(2026, 11, 29), QTime(9, 0)) },
            html);

        const QString screenshot = m_folder.filePath(QStringLiteral("evaluation_report.png"));
        QProcess chromium;
        chromium.start(m_chromium,
            { QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                QStringLiteral("--disable-gpu"), QStringLiteral("--hide-scrollbars"),
                QStringLiteral("--user-data-dir=") + m_folder.filePath(QStringLiteral("profile")),
                QStringLiteral("--screenshot=") + screenshot,
                QStringLiteral("--window-size=1200,5600"), QUrl::fromLocalFile(html).toString() });
        QVERIFY2(chromium.waitForFinished(180000), "chromium did not finish in 3 minutes");
        QVERIFY2(chromium.exitCode() == 0, chromium.readAllStandardError().constData());

        const QImage image(screenshot);
        QVERIFY2(!image.isNull(), "no screenshot");
        QCOMPARE(image.size(), QSize(1200, 5600));
        // Not blank: a good share of pixels is neither the page's background nor white.
        int inked = 0;
        int sampled = 0;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4) {
                const QRgb pixel = image.pixel(x, y);
                ++sampled;
                inked
                    += near(pixel, qRgb(0xee, 0xf1, 0xf4), 3) || near(pixel, qRgb(255, 255, 255), 3)
                    ? 0
                    : 1;
            }
        }
        QVERIFY2(
            inked > sampled / 50, qPrintable(QStringLiteral("%1 of %2").arg(inked).arg(sampled)));
        // The verdict box (here: an edge at horizon 20, green) sits in the first screen.
        QVERIFY(pixelsOf(image, qRgb(0xeb, 0xfb, 0xee), 0, 900) > 5000);
        // The model's blue in the charts below the tables, and quintile 5's in the last charts.
        QVERIFY(pixelsOf(image, qRgb(0x1c, 0x7e, 0xd6), 1200, 5600) > 2000);
        QVERIFY(pixelsOf(image, qRgb(0x21, 0x66, 0xac), 3600, 5600) > 300);
        QFile::remove(testBinaryPath("evaluation_report.png"));
        QVERIFY(QFile::copy(screenshot, testBinaryPath("evaluation_report.png")));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationReportBrowser)
#include "test_evaluation_report_browser.moc"
