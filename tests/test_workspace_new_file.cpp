// A first start: the workbench's background tasks open a new market database at the same time
// (the catalog, the run list). Whichever comes first creates it and installs the bundled sample
// before any other task reads it, and the catalog says the sample was imported, once.

#include "data/bundled_sample.h"
#include "workbench/workspace.h"

#include <QTemporaryDir>
#include <QtTest>

class TestWorkspaceNewFile : public QObject
{
    Q_OBJECT

private:
    static bool listsTheSample(const MarketCatalog &catalog)
    {
        return catalog.find(BundledSample::universeName()) != nullptr;
    }

private Q_SLOTS:
    void theCatalogListsTheSampleWhenAnotherTaskCreatedTheFile()
    {
        QTemporaryDir folder;
        Workspace workspace(folder.filePath(QStringLiteral("market.sqlite")));
        const RunListing runs = workspace.listRuns().result();
        QVERIFY2(runs.error.isEmpty(), qPrintable(runs.error));
        QVERIFY(runs.runs.isEmpty());

        const MarketCatalog catalog = workspace.loadCatalog().result();
        QVERIFY2(catalog.error.isEmpty(), qPrintable(catalog.error));
        QVERIFY(listsTheSample(catalog));
        QVERIFY(catalog.sampleInstalled);

        const MarketCatalog again = workspace.loadCatalog().result();
        QVERIFY(listsTheSample(again));
        QVERIFY(!again.sampleInstalled);
    }

    // All at once, as the main window starts them; each on a file of its own, a few times
    // over, since which task wins is up to the pool.
    void tasksOpeningANewFileAtOnceAllSucceed()
    {
        for (int attempt = 0; attempt < 5; ++attempt) {
            QTemporaryDir folder;
            Workspace workspace(folder.filePath(QStringLiteral("market.sqlite")));
            QList<QFuture<RunListing>> listings;
            for (int i = 0; i < 3; ++i)
                listings.append(workspace.listRuns());
            QFuture<MarketCatalog> catalog = workspace.loadCatalog();
            listings.append(workspace.listRuns());
            for (QFuture<RunListing> &listing : listings)
                QVERIFY2(listing.result().error.isEmpty(), qPrintable(listing.result().error));
            QVERIFY2(catalog.result().error.isEmpty(), qPrintable(catalog.result().error));
            QVERIFY(listsTheSample(catalog.result()));
            QVERIFY(catalog.result().sampleInstalled);
        }
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceNewFile)
#include "test_workspace_new_file.moc"
