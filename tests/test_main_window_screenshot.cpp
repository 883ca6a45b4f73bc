#include "main_window_driver.h"
#include "test_paths.h"
#include "ui/evaluation_view.h"
#include "ui/memory_tuning_view.h"
#include "ui/readable_placeholders.h"

#include <QApplication>
#include <QTabWidget>
#include <QtTest>
#include <qcustomplot.h>

using namespace MainWindowDriver;

// The pictures in the README and docs/: the main window after a finished run on the fixture
// checkpoint — its Live tab grabbed to main_window.png (main_window_dark.png in a dark palette,
// main_window_1024x700.png in a small window), its Scores, Evaluation and Memory tuning tabs to
// scores*.png, evaluation*.png and memory_tuning_tab*.png beside it — and the memory-tuning tab
// after a probe (memory_tuning.png), in the build folder; and the high-DPI check
// (main_window_hidpi.png).
// Registered without the offscreen platform so that the suite, which runs under xvfb-run, renders
// it with a real X server and its fonts.
class TestMainWindowScreenshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        useTemporaryEnvironment(m_folder, "test_main_window_screenshot");
    }

    void screenshotAfterAFinishedRun() { grabAfterAFinishedRun(QStringLiteral("main_window.png")); }

    // A laptop's small window: Run setup keeps its fields whole (it scrolls), the charts share
    // the rest.
    void screenshotInASmallWindow()
    {
        grabAfterAFinishedRun(QStringLiteral("main_window_1024x700.png"), QSize(1024, 700));
    }

    // The memory-tuning tab after a finished run and a probe: the fit with this run's batches
    // and the trials, and the probe's peaks and speeds.
    void memoryTuningScreenshotAfterAProbe()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        runOnFixture(window);
        auto *tabs = child<QTabWidget>(window, "viewTabs");
        auto *tuning = child<MemoryTuningView>(window, "memoryTuningView");
        tabs->setCurrentWidget(tuning);
        QTest::mouseClick(child<QPushButton>(window, "probeButton"), Qt::LeftButton);
        QVERIFY(tuning->isProbing());
        QTRY_VERIFY_WITH_TIMEOUT(!tuning->isProbing(), RunTimeoutMs);
        QVERIFY(tuning->bestProbedBatchSize() > 0);
        QTest::qWait(300);
        save(window, QStringLiteral("memory_tuning.png"));
    }

    // At a device pixel ratio of 2 (the `test_high_dpi` registration sets QT_SCALE_FACTOR=2;
    // skipped otherwise): every chart draws into a buffer of the screen's resolution instead of
    // an upscaled 1x pixmap, and the window grabs at twice its logical size.
    void highDpiRendering()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (window.devicePixelRatio() < 2)
            QSKIP("run with QT_SCALE_FACTOR=2 (the test_high_dpi registration sets it)");
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        // Every tab once, so each chart has been laid out and painted on this screen.
        auto *tabs = child<QTabWidget>(window, "viewTabs");
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            QTest::qWait(50);
        }
        tabs->setCurrentIndex(0);
        const QList<QCustomPlot *> plots = window.findChildren<QCustomPlot *>();
        QVERIFY(plots.size() >= 5);
        for (QCustomPlot *plot : plots)
            QCOMPARE(plot->bufferDevicePixelRatio(), window.devicePixelRatioF());
        QCOMPARE(window.grab().size(), window.size() * 2);
        save(window, QStringLiteral("main_window_hidpi.png"));
    }

    // The same in a dark palette: every text, axis and marker must stay readable. The palette
    // leaves PlaceholderText unset, as a platform theme may: the application mends it.
    void darkPaletteScreenshotAfterAFinishedRun()
    {
        ReadablePlaceholders::install(*qApp);
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(dark);
        grabAfterAFinishedRun(QStringLiteral("main_window_dark.png"));
    }

private:
    // A finished run of the fixture checkpoint on three dates of a small universe, in batches
    // of 2: enough bars and markers to show what the charts do.
    static void runOnFixture(MainWindow &window)
    {
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        chooseFixtureCheckpoint(window);
        chooseBatchSize(window, 2);
        chooseSmallUniverse(window);
        chooseDates(window, 3);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        // Let the last coalesced redraws land before grabbing.
        QTest::qWait(300);
    }

    static void save(MainWindow &window, const QString &fileName)
    {
        const QString path = testBinaryPath("") + fileName;
        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo("screenshot: %s (%s platform)", qPrintable(path),
            qPrintable(QGuiApplication::platformName()));
    }

    // The Live tab to `fileName` ("main_window<variant>.png"), then the Scores, Evaluation (once
    // the finished run is evaluated) and Memory tuning tabs to "<tab><variant>.png".
    void grabAfterAFinishedRun(const QString &fileName, const QSize &size = QSize(1400, 900))
    {
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        runOnFixture(window);
        save(window, fileName);
        const QString variant = fileName.mid(QStringLiteral("main_window").size());
        auto *tabs = child<QTabWidget>(window, "viewTabs");
        const auto *evaluation = child<EvaluationView>(window, "evaluationView");
        QTRY_VERIFY_WITH_TIMEOUT(!evaluation->outcome().report.horizons.empty()
                || !evaluation->outcome().error.isEmpty(),
            RunTimeoutMs);
        QCOMPARE(evaluation->outcome().error, QString());
        for (const auto &[tab, name] : { std::pair { "Scores", "scores" },
                 { "Evaluation", "evaluation" }, { "Memory tuning", "memory_tuning_tab" } }) {
            int index = 0;
            while (index < tabs->count()
                && tabs->tabText(index).remove(QLatin1Char('&')) != QLatin1String(tab))
                ++index;
            QVERIFY2(index < tabs->count(), tab);
            tabs->setCurrentIndex(index);
            QTest::qWait(300); // the tab's charts lay out and draw
            save(window, QLatin1String(name) + variant);
        }
    }
};

int main(int argc, char *argv[])
{
    // Without an X display (a plain `ctest` outside xvfb-run) the picture is still taken,
    // offscreen.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    TestMainWindowScreenshot test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_main_window_screenshot.moc"
