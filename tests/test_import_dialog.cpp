#include "data/price_store.h"
#include "data/universe_repository.h"
#include "market_test_database.h"
#include "test_paths.h"
#include "ui/import_dialog.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

namespace {

QString dataPath(const char *name)
{
    return testDataPath("") + QString::fromLatin1(name);
}

} // namespace

// The import dialog on small real files: the worker imports into the database, the report
// lists each file's counts and its rejected rows with their lines.
class TestImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void reportShowsRejectedRowsWithTheirLines()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        Workspace workspace(market.path());
        ImportDialog dialog(workspace);
        dialog.addPaths({ dataPath("CBS_data.csv"), dataPath("SNI_data.csv") });
        QCOMPARE(dialog.paths().size(), 2);
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        auto *importButton = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
        QVERIFY(importButton->isEnabled());
        QTest::mouseClick(importButton, Qt::LeftButton);
        QVERIFY(dialog.isImporting());
        QVERIFY(!importButton->isEnabled());
        QVERIFY(finished.wait(30000));

        const ImportReport &report = dialog.outcome().report;
        QCOMPARE(dialog.outcome().error, QString());
        QCOMPARE(report.files.size(), 2);
        QCOMPARE(report.imported(), 1234LL + 2LL);
        QCOMPARE(report.rejected(), 1LL);
        QCOMPARE(PriceStore(market.database()).barCount(QStringLiteral("CBS")), 1234LL);

        QTreeWidget *tree = dialog.reportTree();
        QCOMPARE(tree->topLevelItemCount(), 2);
        QTreeWidgetItem *cbs = tree->topLevelItem(0);
        QCOMPARE(cbs->text(0), QStringLiteral("CBS_data.csv"));
        QCOMPARE(cbs->text(1), QStringLiteral("Yahoo, daily"));
        QCOMPARE(cbs->text(5), QStringLiteral("1"));
        QCOMPARE(cbs->childCount(), 1);
        QCOMPARE(cbs->child(0)->text(0), QStringLiteral("line 1236"));
        QCOMPARE(cbs->child(0)->text(1), QStringLiteral("open 0.0 is not above zero"));
        QCOMPARE(tree->topLevelItem(1)->childCount(), 0);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("importTotals"))
                    ->text()
                    .startsWith(QStringLiteral(
                        "2 file(s): 1237 read, 1236 imported, 0 replaced, 1 rejected")));
        QVERIFY(importButton->isEnabled());

        // Importing again replaces the stored bars instead of adding to them.
        QVERIFY(QMetaObject::invokeMethod(&dialog, "startImport"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(dialog.outcome().report.replaced(), 1234LL + 2LL);
        QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("1234"));
    }

    // Issue 15.4: an import that changes a built-in universe's members says so in its summary.
    void aChangedSectorUniverseIsInTheSummary()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        QTemporaryDir folder;
        QFile sectors(folder.filePath(QStringLiteral("sectors.csv")));
        QVERIFY(sectors.open(QIODevice::WriteOnly));
        sectors.write("ticker,sector\nCSRA,Information Technology\nSNI,Communication Services\n");
        sectors.close();
        Workspace workspace(market.path());
        ImportDialog dialog(workspace);
        dialog.addPaths({ dataPath("CSRA_data.csv"), sectors.fileName() });
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        dialog.startImport();
        QVERIFY(finished.wait(30000));
        const QString totals = dialog.findChild<QLabel *>(QStringLiteral("importTotals"))->text();
        QVERIFY2(totals.contains(QStringLiteral(
                     "Universe Sector: Information Technology: 0 -> 1 members (added CSRA)")),
            qPrintable(totals));
        // SNI has a sector but no bars: no universe of its sector.
        QVERIFY(!totals.contains(QStringLiteral("Communication Services")));
    }

    void anUnreadableFileIsReportedAsAWhole()
    {
        MarketTestDatabase market;
        Workspace workspace(market.path());
        ImportDialog dialog(workspace);
        dialog.addPaths({ dataPath("no_such_file.csv") });
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        dialog.startImport();
        QVERIFY(finished.wait(30000));
        QCOMPARE(dialog.reportTree()->topLevelItemCount(), 1);
        QVERIFY(dialog.reportTree()->topLevelItem(0)->text(1).startsWith(
            QStringLiteral("cannot open")));
    }
};

QTEST_MAIN(TestImportDialog)
#include "test_import_dialog.moc"
