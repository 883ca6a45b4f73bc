// `kronos-cli probe` as a user runs it: the trials' table and the size to use, a budget the
// trials go over, usage errors; nothing stored.

#include "cli_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString Fixture = QStringLiteral(KW_TEST_DATA_DIR "/kronos-narrow");

} // namespace

class TestProbeCli : public QObject
{
    Q_OBJECT

private:
    CliTest::Result cli(const QString &command, const QStringList &arguments)
    {
        return CliTest::run(
            QStringList { command, QStringLiteral("--db"), m_database } + arguments);
    }

    QStringList probe(const QStringList &extra) const
    {
        return QStringList { QStringLiteral("--universe"), QStringLiteral("Four"),
            QStringLiteral("--date"), QStringLiteral("2019-06-03"), QStringLiteral("--model"),
            Fixture + QStringLiteral("/model"), QStringLiteral("--tokenizer"),
            Fixture + QStringLiteral("/tokenizer"), QStringLiteral("--threads"),
            QStringLiteral("2") }
        + extra;
    }

    QTemporaryDir m_folder;
    QString m_database;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        m_database = m_folder.filePath(QStringLiteral("market.sqlite"));
        const CliTest::Result created = cli(QStringLiteral("universes"),
            { QStringLiteral("create"), QStringLiteral("Four"), QStringLiteral("--tickers"),
                QStringLiteral("A,AAL,AAP,AAPL") });
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    }

    void printsEveryTrialAndTheSizeToUse()
    {
        const CliTest::Result result = cli(QStringLiteral("probe"), probe({}));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        // Header, trials of 1, 2 and 4 (all four tickers), the verdict.
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.first().startsWith(QStringLiteral("batch | steps")));
        for (int row = 1; row <= 3; ++row) {
            const QStringList cells = lines[row].split(QLatin1Char('|'));
            QCOMPARE(cells.size(), 6);
            QCOMPARE(cells[0].trimmed().toInt(), 1 << (row - 1));
            QCOMPARE(cells[1].trimmed().toInt(), 8);
            QVERIFY(cells[3].trimmed().toInt() > 0); // peak MB
            QVERIFY(cells[5].trimmed().toDouble() > 0); // series/s
        }
        QVERIFY2(lines.last().startsWith(QStringLiteral("fastest within 90% of the ")),
            qPrintable(lines.last()));
        QVERIFY(lines.last().contains(QStringLiteral("--batch-size ")));
        // Nothing stored.
        const CliTest::Result runs = cli(QStringLiteral("runs"), { QStringLiteral("list") });
        QCOMPARE(runs.exitCode, 0);
        QVERIFY2(!runs.out.contains(QStringLiteral("Four")), qPrintable(runs.out));
    }

    void givenSizesAreTriedInOrder()
    {
        const CliTest::Result result = cli(
            QStringLiteral("probe"), probe({ QStringLiteral("--sizes"), QStringLiteral("3,1") }));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[1].section(QLatin1Char('|'), 0, 0).trimmed(), QStringLiteral("1"));
        QCOMPARE(lines[2].section(QLatin1Char('|'), 0, 0).trimmed(), QStringLiteral("3"));
    }

    void aBudgetBelowTheProcessStopsAtTheFirstTrial()
    {
        // The process alone uses more than 64 MB: the first trial goes over the budget.
        const CliTest::Result result = cli(QStringLiteral("probe"),
            probe({ QStringLiteral("--memory-budget"), QStringLiteral("64") }));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[1].contains(QStringLiteral("failed: memory went over the budget of 64 MB")),
            qPrintable(lines[1]));
        QCOMPARE(lines[2], QStringLiteral("no trial stayed within 90% of the 64 MB budget"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no universe")
            << QStringList { "--date", "2019-06-03" } << "--universe NAME is required";
        QTest::newRow("bad sizes") << probe({ "--sizes", "1,zero" })
                                   << "--sizes must be positive integers like 1,4,16, got '1,zero'";
        QTest::newRow("bad budget") << probe({ "--memory-budget", "-5" })
                                    << "--memory-budget must be a positive integer, got '-5'";
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliTest::Result result = cli(QStringLiteral("probe"), arguments);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err.trimmed(), QStringLiteral("kronos-cli probe: ") + message);
    }

    void anUnknownUniverseFails()
    {
        QStringList arguments = probe({});
        arguments[1] = QStringLiteral("Nope");
        const CliTest::Result result = cli(QStringLiteral("probe"), arguments);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(
            result.err.trimmed(), QStringLiteral("kronos-cli probe: no universe named 'Nope'"));
    }
};

QTEST_GUILESS_MAIN(TestProbeCli)
#include "test_probe_cli.moc"
