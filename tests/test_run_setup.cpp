#include "data/bundled_sample.h"
#include "data/byte_size.h"
#include "data/market_database.h"
#include "data/universe_repository.h"
#include "inference/compute_libraries.h"
#include "kw_version.h"
#include "main_window_driver.h"
#include "run/run_repository.h"
#include "test_paths.h"
#include "ui/readable_placeholders.h"
#include "ui/universe_editor.h"

#include <QAbstractSpinBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

using namespace MainWindowDriver;

// What the Run setup does with what a user types and chooses, driven by objectName through the
// real main window: typed dates, the universe editor, clamped entries, checkpoint errors and the
// reason next to a disabled Start.
class TestRunSetup : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    const QString m_userUniverse = QStringLiteral("My five");

    // The window after its first start, with the fixture checkpoint loaded and a valid setup.
    static void prepare(MainWindow &window)
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        chooseFixtureCheckpoint(window);
        child<QSpinBox>(window, "lookbackSpin")->setValue(252);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
    }

    // The letter Alt takes to a control ('&Edit' -> 'e'), or a null character.
    static QChar mnemonic(const QString &text)
    {
        for (qsizetype k = 0; k + 1 < text.size(); ++k) {
            if (text[k] == QLatin1Char('&')) {
                if (text[k + 1] != QLatin1Char('&'))
                    return text[k + 1].toLower();
                ++k;
            }
        }
        return {};
    }

    // The mnemonics of what `root` shows now: buttons, labels with a buddy, tabs and menus.
    static QList<std::pair<QChar, QString>> visibleMnemonics(QWidget &root)
    {
        QList<std::pair<QChar, QString>> found;
        const auto add = [&found](const QString &text) {
            if (!mnemonic(text).isNull())
                found.append({ mnemonic(text), text });
        };
        for (QAbstractButton *button : root.findChildren<QAbstractButton *>()) {
            if (button->isVisible())
                add(button->text());
        }
        for (QLabel *label : root.findChildren<QLabel *>()) {
            if (label->isVisible() && label->buddy())
                add(label->text());
        }
        for (QTabBar *bar : root.findChildren<QTabBar *>()) {
            if (bar->isVisible()) {
                for (int tab = 0; tab < bar->count(); ++tab)
                    add(bar->tabText(tab));
            }
        }
        if (auto *window = qobject_cast<QMainWindow *>(&root)) {
            for (QAction *menu : window->menuBar()->actions())
                add(menu->text());
        }
        return found;
    }

    // Selects the whole field as Ctrl+A does, types `text` and leaves with Tab.
    static void typeOverWholeField(QWidget *field, const QString &text)
    {
        field->setFocus();
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Tab);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        useTemporaryEnvironment(m_folder, "test_run_setup");
        // The database the window opens: the sample and a universe of the user's.
        MarketDatabase market;
        market.open(m_folder.filePath(QStringLiteral("market.sqlite")));
        BundledSample::install(market.database());
        UniverseRepository(market.database())
            .create(m_userUniverse, QString(),
                { QStringLiteral("AAPL"), QStringLiteral("AAL"), QStringLiteral("ADM"),
                    QStringLiteral("ADP"), QStringLiteral("AFL") });
    }

    // Issue 15.1: Ctrl+A, "2017-01-03", Tab showed 2019-01-03 (the year's digits were dropped).
    void typingAWholeDateSetsTheWholeDate()
    {
        MainWindow window;
        prepare(window);
        child<QCheckBox>(window, "dateRangeCheck")->setChecked(true);
        for (const char *name : { "fromDateEdit", "toDateEdit" }) {
            auto *edit = child<QDateEdit>(window, name);
            for (const QString &typed : { QStringLiteral("2017-01-03"), QStringLiteral("20170103"),
                     QStringLiteral("2017/1/3") }) {
                edit->setDate(QDate(2019, 8, 19));
                typeOverWholeField(edit, typed);
                QVERIFY2(edit->date() == QDate(2017, 1, 3),
                    qPrintable(
                        QStringLiteral("%1: typed %2, got %3")
                            .arg(QLatin1String(name), typed, edit->date().toString(Qt::ISODate))));
            }
        }
    }

    // Issue 15.2: with a user universe chosen, Edit... opened the editor on Sample, and closing
    // it without a change left the setup on Sample.
    void editOpensTheCurrentUniverseAndClosingWithoutAChangeKeepsIt()
    {
        MainWindow window;
        prepare(window);
        auto *universes = child<QComboBox>(window, "universeCombo");
        universes->setCurrentIndex(universes->findData(m_userUniverse));
        QCOMPARE(universes->currentData().toString(), m_userUniverse);

        QTest::mouseClick(child<QPushButton>(window, "editUniversesButton"), Qt::LeftButton);
        UniverseEditor *editor = nullptr;
        QTRY_VERIFY((editor = window.findChild<UniverseEditor *>()) && editor->isVisible());
        QTRY_VERIFY(!editor->isBusy() && !editor->universes().isEmpty());
        QCOMPARE(editor->selectedUniverse(), m_userUniverse);
        editor->reject();
        QCoreApplication::processEvents();
        QCOMPARE(universes->currentData().toString(), m_userUniverse);
    }

    // A universe created in the editor is the one the setup runs afterwards.
    void aUniverseCreatedInTheEditorIsChosenInTheSetup()
    {
        MainWindow window;
        prepare(window);
        QTest::mouseClick(child<QPushButton>(window, "editUniversesButton"), Qt::LeftButton);
        UniverseEditor *editor = nullptr;
        QTRY_VERIFY((editor = window.findChild<UniverseEditor *>()) && editor->isVisible());
        QTRY_VERIFY(!editor->isBusy() && !editor->universes().isEmpty());
        QSignalSpy finished(editor, &UniverseEditor::editFinished);
        editor->createUniverse(QStringLiteral("Two names"), QStringLiteral("AAPL ADM"));
        QVERIFY(finished.wait(30000));
        editor->reject();
        auto *universes = child<QComboBox>(window, "universeCombo");
        QTRY_COMPARE(universes->currentData().toString(), QStringLiteral("Two names"));
    }

    // Issue 15.3: lookback 5000 silently became 500 (Qt drops the keystroke that leaves the
    // range).
    void aNumberTypedBeyondItsRangeIsClampedAndSaid()
    {
        MainWindow window;
        prepare(window);
        auto *lookback = child<QSpinBox>(window, "lookbackSpin");
        auto *note = child<QLabel>(window, "lookbackSpinNote");
        QVERIFY(!note->isVisible());
        typeOverWholeField(lookback, QStringLiteral("5000"));
        QCOMPARE(lookback->value(), lookback->maximum());
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(),
            QStringLiteral("5000 bars is above the maximum of 4096 bars: 4096 bars is used."));
        // Every line of it: the form once cut the last line of a wrapped note.
        QTRY_COMPARE(note->height(), note->heightForWidth(note->width()));
        // The next entry in range takes the note away.
        typeOverWholeField(lookback, QStringLiteral("300"));
        QCOMPARE(lookback->value(), 300);
        QVERIFY(!note->isVisible());

        child<QCheckBox>(window, "greedyCheck")->setChecked(false);
        auto *temperature = child<QDoubleSpinBox>(window, "temperatureSpin");
        typeOverWholeField(temperature, QStringLiteral("10"));
        QCOMPARE(temperature->value(), temperature->maximum());
        QVERIFY(child<QLabel>(window, "temperatureSpinNote")
                    ->text()
                    .startsWith(QStringLiteral("10 is above the maximum of 5.00")));
        auto *batch = child<QSpinBox>(window, "batchSizeSpin");
        typeOverWholeField(batch, QStringLiteral("0"));
        QCOMPARE(batch->value(), 1);
        QCOMPARE(child<QLabel>(window, "batchSizeSpinNote")->text(),
            QStringLiteral("0 series is below the minimum of 1 series: 1 series is used."));
    }

    // Issue 15.5: the budget field said "Device default" while the log and Memory tuning named a
    // size; it names the device default's size as they do.
    void theDefaultBudgetNamesItsSize()
    {
        MainWindow window;
        prepare(window);
        auto *budget = child<QSpinBox>(window, "memoryBudgetSpin");
        budget->setValue(0);
        RunSpec cpu;
        cpu.device = QStringLiteral("cpu");
        QCOMPARE(budget->text(),
            QStringLiteral("Device default (%1)")
                .arg(ByteSize::format(double(cpu.memoryBudgetBytes()))));
        QVERIFY(budget->text().endsWith(QStringLiteral(" MiB)")));
    }

    // Issue 15.3: 500 bars of lookback ran 30 times slower than 252, with no hint why.
    void aLookbackBeyondTheModelsWindowSaysItIsSlow()
    {
        MainWindow window;
        prepare(window);
        auto *note = child<QLabel>(window, "lookbackWindowNote");
        child<QSpinBox>(window, "lookbackSpin")->setValue(252);
        QVERIFY(!note->isVisible());
        child<QSpinBox>(window, "lookbackSpin")->setValue(500);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("A lookback of at most 422")),
            qPrintable(note->text()));
        QTRY_COMPARE(note->height(), note->heightForWidth(note->width()));
        child<QSpinBox>(window, "lookbackSpin")->setValue(252);
        QVERIFY(!note->isVisible());
    }

    // A checkpoint folder that does not load empties the status line: no label is then given a
    // negative minimum size (Qt warned "Negative sizes (0,-1)" on every such edit).
    void editingTheCheckpointWarnsNothing()
    {
        MainWindow window;
        prepare(window);
        QTest::failOnWarning(QRegularExpression(QStringLiteral("Negative sizes")));
        auto *model = child<QLineEdit>(window, "modelFolderEdit");
        const QString folder = model->text();
        // A folder without a checkpoint: the status is emptied and the problem says why.
        typeOverWholeField(model, QStringLiteral("/no/such/folder"));
        auto *status = child<QLabel>(window, "checkpointStatus");
        QTRY_VERIFY(status->text().isEmpty()
            && !child<QLabel>(window, "checkpointProblem")->text().isEmpty());
        // The panel lays its wrapped labels out on the next LayoutRequest: let it come.
        QCoreApplication::processEvents();
        typeOverWholeField(model, folder);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
    }

    // A budget at or below what the application already takes cannot hold a batch: the setup
    // says so (the walkthrough's 300 MiB run backed off to one series and failed at 83%), and
    // leaves Start as it was, the budget being the user's to choose.
    void aBudgetBelowTheProcessesMemoryIsSaid()
    {
        MainWindow window;
        prepare(window);
        auto *budget = child<QSpinBox>(window, "memoryBudgetSpin");
        auto *note = child<QLabel>(window, "budgetNote");
        QVERIFY(!note->isVisible());
        budget->setValue(1); // 1 MiB: less than any process takes
        QTRY_VERIFY(note->isVisible());
        QVERIFY2(note->text().startsWith(QStringLiteral("The application already takes")),
            qPrintable(note->text()));
        QVERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        budget->setValue(64 * 1024); // 64 GiB
        QTRY_VERIFY(!note->isVisible());
        budget->setValue(0); // the device's default: never said
        QVERIFY(!note->isVisible());
    }

    // Issue 15.3: the run's time is estimated before Start, from earlier runs' working time.
    void startSaysHowLongTheRunWillTake()
    {
        MainWindow window;
        prepare(window);
        auto *setup = child<RunSetupPanel>(window, "runSetupPanel");
        auto *universes = child<QComboBox>(window, "universeCombo");
        universes->setCurrentIndex(universes->findData(m_userUniverse));
        child<QCheckBox>(window, "dateRangeCheck")->setChecked(false);
        child<QDateEdit>(window, "fromDateEdit")->setDate(QDate(2019, 6, 3));
        child<QSpinBox>(window, "lookbackSpin")->setValue(100);
        auto *hint = child<QLabel>(window, "startHint");
        QTRY_VERIFY(hint->isVisible());
        QVERIFY2(hint->text().startsWith(QStringLiteral("No estimate of the time yet")),
            qPrintable(hint->text()));

        {
            // An earlier run of the same checkpoint and shape: 10 series in 4 s of batches.
            MarketDatabase market;
            market.open(m_folder.filePath(QStringLiteral("market.sqlite")));
            RunRepository runs(market.database());
            const qint64 id = runs.create(setup->spec(), 10, {});
            runs.commitBatch(id, { 0, 10, 4.0, 1000 }, {}, {});
            runs.setStatus(id, RunStatus::Finished);
        }
        // One date of five members at 2.5 series/s.
        child<QCheckBox>(window, "horizon20Check")->toggle();
        child<QCheckBox>(window, "horizon20Check")->toggle();
        QTRY_VERIFY2(
            hint->text().startsWith(QStringLiteral("About 2 s: 5 series at 2.50 series/s")),
            qPrintable(hint->text()));
    }

    // Issue 15.14: a folder without config.json, and the two folders swapped, in plain words
    // next to Start (the field's own message may be scrolled out of view).
    void checkpointErrorsAreSaidInPlainWordsNextToStart()
    {
        MainWindow window;
        prepare(window);
        auto *hint = child<QLabel>(window, "startHint");
        typeFolder(window, "modelFolderEdit", m_folder.path());
        QTRY_VERIFY(!child<QPushButton>(window, "startButton")->isEnabled()
            && hint->text().startsWith(QStringLiteral("Cannot start")));
        QVERIFY(hint->isVisible());
        QCOMPARE(hint->text(),
            QStringLiteral("Cannot start: The model folder %1 has no config.json: it is not a "
                           "Kronos checkpoint folder (one holds config.json and "
                           "model.safetensors, as published on Hugging Face).")
                .arg(m_folder.path()));
        QCOMPARE(child<QLabel>(window, "checkpointProblem")->text(), hint->text().mid(14));

        typeFolder(window, "modelFolderEdit", testDataPath("kronos-narrow/tokenizer"));
        typeFolder(window, "tokenizerFolderEdit", testDataPath("kronos-narrow/model"));
        QTRY_VERIFY2(
            hint->text().contains(QStringLiteral("folders are swapped")), qPrintable(hint->text()));

        chooseFixtureCheckpoint(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(!hint->text().startsWith(QStringLiteral("Cannot start")));
    }

    // Issue 15.19: Alt+E went to Edit..., Step, Seed and the Evaluation tab.
    void altEIsTakenOnceAndRunSetupLettersAreUnique()
    {
        MainWindow window;
        prepare(window);
        auto *tabs = child<QTabWidget>(window, "viewTabs");
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            QCoreApplication::processEvents();
            QStringList withE;
            for (const auto &[letter, text] : visibleMnemonics(window)) {
                if (letter == QLatin1Char('e'))
                    withE << text;
            }
            QVERIFY2(withE.size() == 1,
                qPrintable(QStringLiteral("tab %1: %2").arg(tab).arg(withE.join(", "))));
        }
        QHash<QChar, QString> taken;
        for (const auto &[letter, text] :
            visibleMnemonics(*child<RunSetupPanel>(window, "runSetupPanel"))) {
            QVERIFY2(!taken.contains(letter),
                qPrintable(QStringLiteral("'%1' and '%2'").arg(taken.value(letter), text)));
            taken.insert(letter, text);
        }
    }

    // Issue 15.19: at 1024 x 700 the Run setup dock cut its fields off at the right, and when
    // the window widened again all the room went to the charts.
    void inASmallWindowEveryFieldIsWholeAndTheDockGrowsBack()
    {
        MainWindow window;
        window.resize(1400, 900);
        prepare(window);
        auto *dock = child<QDockWidget>(window, "runSetupDock");
        QCoreApplication::processEvents();
        const int wide = dock->width();

        window.resize(1024, 700);
        QTRY_COMPARE(window.size(), QSize(1024, 700));
        QCoreApplication::processEvents();
        auto *setup = child<RunSetupPanel>(window, "runSetupPanel");
        QWidget *viewport = child<QScrollArea>(window, "runSetupScroll")->viewport();
        QVERIFY2(setup->width() <= viewport->width(),
            qPrintable(QStringLiteral("%1 > %2").arg(setup->width()).arg(viewport->width())));
        for (QWidget *field : setup->findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(field)
                || qobject_cast<QComboBox *>(field) || qobject_cast<QAbstractSpinBox *>(field)
                || (qobject_cast<QLineEdit *>(field)
                    && !qobject_cast<QAbstractSpinBox *>(field->parentWidget())
                    && !qobject_cast<QComboBox *>(field->parentWidget()));
            if (!control || !field->isVisible())
                continue;
            const QRect shown(field->mapTo(viewport, QPoint(0, 0)), field->size());
            QVERIFY2(shown.left() >= 0 && shown.right() < viewport->width(),
                qPrintable(field->objectName()));
        }

        window.resize(1400, 900);
        QTRY_COMPARE(dock->width(), wide);
    }

    // Issue 15.19: a dark palette that does not set PlaceholderText (as a platform theme may
    // hand over) left Qt's half-transparent black: the placeholders vanished.
    void placeholdersStayReadableInADarkPalette()
    {
        const QPalette original = QApplication::palette();
        ReadablePlaceholders::install(*qApp);
        MainWindow window;
        prepare(window);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        QVERIFY(!ReadablePlaceholders::isReadable(dark));
        QApplication::setPalette(dark);
        for (const char *name : { "customHorizonsEdit", "modelFolderEdit" })
            QTRY_VERIFY2(
                ReadablePlaceholders::isReadable(child<QLineEdit>(window, name)->palette()), name);
        // The palette's own colours stay as they were given.
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(0x1e, 0x1e, 0x1e));
        QApplication::setPalette(original);
    }

    // Issue 15.19: About named only the program's version.
    void aboutNamesTheVersionTheLibrariesAndTheCheckpointInUse()
    {
        MainWindow window;
        prepare(window);
        QAction *about = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == QStringLiteral("&About"))
                about = action;
        }
        QVERIFY(about);
        QString text;
        QTimer::singleShot(0, this, [&text] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                text = box->text();
                box->accept();
            }
        });
        about->trigger();
        QVERIFY2(text.contains(QStringLiteral(KW_VERSION)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("libtorch ") + kronos::libtorchVersion()));
        QVERIFY(
            text.contains(QStringLiteral("BLAS: ") + kronos::blasDescription().toHtmlEscaped()));
        QVERIFY2(text.contains(
                     QStringLiteral("Checkpoint in use: ") + testDataPath("kronos-narrow/model")),
            qPrintable(text));
    }
};

QTEST_MAIN(TestRunSetup)
#include "test_run_setup.moc"
