#include "data/file_error.h"
#include "eval/period_returns.h"
#include "eval/report/evaluation_html_report.h"
#include "eval_test_support.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Eval;
using EvalTestSupport::scoresOn;
using EvalTestSupport::wigglingPanel;

namespace {

EvaluationReport smallReport(bool randomWeights, const QHash<QString, QString> &sectors = {})
{
    const PricePanel panel = wigglingPanel();
    EvaluationInput input;
    input.scores = scoresOn(panel, { 5, 10, 15, 20, 25, 30 }, [&panel](int row, int column) {
        return *forwardReturn(panel, row, column, 5) + 0.01 * ((row + 3 * column) % 4);
    });
    input.sectors = sectors;
    EvaluationOptions options;
    options.horizons = { 5, 3 };
    options.reversalLookback = 3;
    options.randomWeights = randomWeights;
    return evaluateScores(panel, input, options);
}

ReportSubject subject()
{
    return { QStringLiteral("Run 7: <weekly> & co"), { QStringLiteral("universe U") },
        QDateTime(QDate(2026, 11, 29), QTime(8, 30)) };
}

} // namespace

// The HTML report as a page: self-contained, in the order a person reads it, escaped.
class TestEvaluationHtmlReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTopToBottomVerdictFirst()
    {
        const QString html = evaluationReportHtml(smallReport(false), subject());
        qsizetype previous = -1;
        for (const char *id : { "verdict", "significance", "accuracy", "calibration", "book",
                 "ic-decay", "monthly", "sectors", "quintiles" }) {
            const qsizetype at = html.indexOf(QStringLiteral("id=\"%1\"").arg(QLatin1String(id)));
            QVERIFY2(at > previous, id);
            previous = at;
        }
        QVERIFY(html.contains(QStringLiteral("<h3>Caveats</h3>")));
        QVERIFY(html.contains(QStringLiteral("generated 2026-11-29 08:30")));
        // Wealth curves (2 horizons), IC decay, quintiles (2), PIT none: not sampled.
        QVERIFY(html.count(QStringLiteral("<svg class=\"chart\"")) >= 5);
        QVERIFY(html.contains(QStringLiteral("Not sampled")));
    }

    void isSelfContained()
    {
        const QString html = evaluationReportHtml(smallReport(false), subject());
        QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QStringLiteral("src="), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QStringLiteral("href="), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QStringLiteral("url("), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QStringLiteral("@import"), Qt::CaseInsensitive));
        // The only address is SVG's namespace, which nothing fetches.
        QString withoutNamespace = html;
        withoutNamespace.remove(QStringLiteral("http://www.w3.org/2000/svg"));
        QVERIFY(!withoutNamespace.contains(QStringLiteral("http")));
    }

    void userTextIsEscaped()
    {
        QHash<QString, QString> sectors;
        for (int column = 0; column < EvalTestSupport::kWigglingTickers; ++column)
            sectors.insert(QStringLiteral("T%1").arg(column, 2, 10, QLatin1Char('0')),
                QStringLiteral("<Tech & Co>"));
        const QString html = evaluationReportHtml(smallReport(false, sectors), subject());
        QVERIFY(html.contains(QStringLiteral("Run 7: &lt;weekly&gt; &amp; co")));
        QVERIFY(html.contains(QStringLiteral("&lt;Tech &amp; Co&gt;")));
        QVERIFY(!html.contains(QStringLiteral("<Tech")));
    }

    void aControlRunSaysSoFirst()
    {
        const QString html = evaluationReportHtml(smallReport(true), subject());
        const QRegularExpression headline(QStringLiteral("<p class=\"headline\">([^<]*)</p>"));
        const QRegularExpressionMatch match = headline.match(html);
        QVERIFY(match.hasMatch());
        QVERIFY2(match.captured(1).startsWith(QStringLiteral("Control run with random weights")),
            qPrintable(match.captured(1)));
        QVERIFY(html.contains(QStringLiteral("class=\"verdict control\"")));
        QVERIFY(!html.contains(QStringLiteral("class=\"pass text\"")));
    }

    void writesTheFile()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("report.html"));
        writeEvaluationReportHtml(smallReport(false), subject(), path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("<!DOCTYPE html>"));
    }

    void aReportItCannotWriteThrowsNamingThePath()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("missing/report.html"));
        try {
            writeEvaluationReportHtml(smallReport(false), subject(), path);
            QFAIL("no FileError");
        } catch (const FileError &error) {
            QVERIFY2(
                QString::fromUtf8(error.what()).startsWith(QStringLiteral("Cannot write ") + path),
                error.what());
        }
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationHtmlReport)
#include "test_evaluation_html_report.moc"
