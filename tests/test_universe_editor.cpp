#include "csv_test_support.h"
#include "data/csv_importer.h"
#include "data/universe_repository.h"
#include "market_test_database.h"
#include "test_paths.h"
#include "ui/universe_editor.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QStringList namesOf(const QList<Universe> &universes)
{
    QStringList names;
    for (const Universe &universe : universes)
        names.append(universe.name);
    return names;
}

} // namespace

// The universe editor over a temporary database holding AAPL and JNJ: create from typed
// tickers (an unknown one reported), from a file, rename, duplicate, delete, and refusals.
class TestUniverseEditor : public QObject
{
    Q_OBJECT

private:
    MarketTestDatabase m_market;

    // Waits for the edit in progress (or the initial reload) to be shown.
    static bool waitForEdit(UniverseEditor &editor)
    {
        QSignalSpy finished(&editor, &UniverseEditor::editFinished);
        return finished.wait(30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_market.isOpen());
        CsvImporter importer(m_market.database());
        ImportReport report;
        importer.importPaths(
            { testDataPath("AAPL_data.csv"), testDataPath("JNJ_data.csv") }, report);
        QCOMPARE(report.rejected(), 0LL);
    }

    void createsRenamesDuplicatesAndDeletes()
    {
        Workspace workspace(m_market.path());
        UniverseEditor editor(workspace);
        QVERIFY(waitForEdit(editor));
        QVERIFY(!namesOf(editor.universes()).contains(QStringLiteral("Health and tech")));

        editor.createUniverse(QStringLiteral("Health and tech"), QStringLiteral("aapl, JNJ  FOO"));
        QVERIFY(waitForEdit(editor));
        QCOMPARE(editor.lastEdit().error, QString());
        QCOMPARE(editor.lastEdit().unknownTickers, QStringList { QStringLiteral("FOO") });
        const QString status = editor.findChild<QLabel *>(QStringLiteral("universeStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("not added: FOO")), qPrintable(status));
        QCOMPARE(editor.selectedUniverse(), QStringLiteral("Health and tech"));
        QCOMPARE(
            editor.findChild<QListWidget *>(QStringLiteral("universeList"))->currentItem()->text(),
            QStringLiteral("Health and tech (2)"));
        QVERIFY(
            editor.findChild<QPushButton *>(QStringLiteral("createUniverseButton"))->isEnabled());

        editor.renameUniverse(QStringLiteral("Health and tech"), QStringLiteral("Two names"));
        QVERIFY(waitForEdit(editor));
        QStringList names = namesOf(editor.universes());
        QVERIFY(names.contains(QStringLiteral("Two names")));
        QVERIFY(!names.contains(QStringLiteral("Health and tech")));

        editor.duplicateUniverse(QStringLiteral("Two names"), QStringLiteral("Copy"));
        QVERIFY(waitForEdit(editor));
        QVERIFY(namesOf(editor.universes()).contains(QStringLiteral("Copy")));

        QSignalSpy changed(&editor, &UniverseEditor::universesChanged);
        editor.deleteUniverse(QStringLiteral("Two names"));
        QVERIFY(waitForEdit(editor));
        QCOMPARE(changed.count(), 1);
        names = namesOf(editor.universes());
        QVERIFY(!names.contains(QStringLiteral("Two names")));
        QVERIFY(names.contains(QStringLiteral("Copy")));
    }

    void createsFromAFile()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("list.csv"));
        QVERIFY(CsvTest::writeFile(path, "symbol,weight\nJNJ,1\nXYZ,2\n"));

        Workspace workspace(m_market.path());
        UniverseEditor editor(workspace);
        QVERIFY(waitForEdit(editor));
        editor.createUniverseFromFile(QStringLiteral("From file"), path);
        QVERIFY(waitForEdit(editor));
        QCOMPARE(editor.lastEdit().error, QString());
        QCOMPARE(editor.lastEdit().unknownTickers, QStringList { QStringLiteral("XYZ") });
        const auto created = std::find_if(editor.universes().cbegin(), editor.universes().cend(),
            [](const Universe &universe) { return universe.name == QStringLiteral("From file"); });
        QVERIFY(created != editor.universes().cend());
        QCOMPARE(created->tickers, QStringList { QStringLiteral("JNJ") });
    }

    void aTickerFileThatCannotBeReadIsReportedWithItsPath()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("list.csv"));
        QVERIFY(CsvTest::writeFile(path, "symbol\nJNJ\n\"AAPL\n"));

        Workspace workspace(m_market.path());
        UniverseEditor editor(workspace);
        QVERIFY(waitForEdit(editor));
        const QStringList before = namesOf(editor.universes());
        editor.createUniverseFromFile(QStringLiteral("Half read"), path);
        QVERIFY(waitForEdit(editor));
        QCOMPARE(editor.lastEdit().error,
            path
                + QStringLiteral(
                    ": line 3: quoted field is not closed before the end of the file"));
        QCOMPARE(namesOf(editor.universes()), before);
    }

    // Issue 15.19: the editor could not add or remove a universe's members.
    void membersAreAddedAndRemoved()
    {
        Workspace workspace(m_market.path());
        UniverseEditor editor(workspace);
        QVERIFY(waitForEdit(editor));
        editor.createUniverse(QStringLiteral("Growing"), QStringLiteral("AAPL"));
        QVERIFY(waitForEdit(editor));
        QSignalSpy changed(&editor, &UniverseEditor::universesChanged);

        editor.addMembers(QStringLiteral("Growing"), QStringLiteral("jnj, FOO"));
        QVERIFY(waitForEdit(editor));
        QCOMPARE(editor.lastEdit().unknownTickers, QStringList { QStringLiteral("FOO") });
        QCOMPARE(editor.findChild<QLabel *>(QStringLiteral("universeStatus"))->text(),
            QStringLiteral("Added JNJ to 'Growing'. Unknown tickers (no bars in the database), "
                           "not added: FOO."));
        auto *members = editor.findChild<QListWidget *>(QStringLiteral("universeMembers"));
        QCOMPARE(members->count(), 2);

        // Select AAPL in the list and press Remove.
        auto *remove = editor.findChild<QPushButton *>(QStringLiteral("removeMembersButton"));
        QVERIFY(!remove->isEnabled());
        members->item(0)->setSelected(true);
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(waitForEdit(editor));
        QCOMPARE(members->count(), 1);
        QCOMPARE(members->item(0)->text(), QStringLiteral("JNJ"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(editor.editedUniverse(), QStringLiteral("Growing"));

        // A built-in universe keeps its members.
        const QString builtIn = QStringLiteral("Kept");
        UniverseRepository(m_market.database())
            .setBuiltIn(builtIn, QStringLiteral("built in"), { QStringLiteral("AAPL") });
        editor.reload();
        QVERIFY(waitForEdit(editor));
        editor.selectUniverse(builtIn);
        QCOMPARE(editor.selectedUniverse(), builtIn);
        QVERIFY(!editor.findChild<QPushButton *>(QStringLiteral("addMembersButton"))->isEnabled());
        editor.addMembers(builtIn, QStringLiteral("JNJ"));
        QVERIFY(waitForEdit(editor));
        QVERIFY(editor.lastEdit().error.contains(QStringLiteral("built in")));
    }

    void refusalsAreShownAndChangeNothing()
    {
        Workspace workspace(m_market.path());
        UniverseEditor editor(workspace);
        QVERIFY(waitForEdit(editor));
        editor.createUniverse(QStringLiteral("Taken"), QStringLiteral("AAPL"));
        QVERIFY(waitForEdit(editor));
        const int count = int(editor.universes().size());

        QSignalSpy changed(&editor, &UniverseEditor::universesChanged);
        editor.createUniverse(QStringLiteral("taken"), QStringLiteral("JNJ"));
        QVERIFY(waitForEdit(editor));
        QCOMPARE(
            editor.lastEdit().error, QStringLiteral("a universe named 'taken' already exists"));
        QCOMPARE(int(editor.universes().size()), count);
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("universeStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Not done:")));
        QCOMPARE(changed.count(), 0);
    }
};

QTEST_MAIN(TestUniverseEditor)
#include "test_universe_editor.moc"
