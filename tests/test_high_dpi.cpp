#include "custom_plot.h"
#include "main_window_driver.h"

#include <QApplication>
#include <QtTest>

using namespace MainWindowDriver;

// The main window at a device pixel ratio of 2 (QT_SCALE_FACTOR=2, set by its CTest
// registration, on the X server of xvfb-run): every chart draws into a buffer of the screen's
// resolution instead of an upscaled 1x pixmap, and the window grabs at twice its logical size
// (main_window_hidpi.png in the build folder, for a look).
class TestHighDpi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        useTemporaryEnvironment(m_folder, "test_high_dpi");
    }

    void chartsAndWindowRenderAtTheScreensPixelRatio()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (window.devicePixelRatio() < 2)
            QSKIP("run with QT_SCALE_FACTOR=2 (its CTest registration sets it)");
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

        const QImage image = window.grab().toImage();
        QCOMPARE(image.size(), window.size() * 2);
        const QString path = QStringLiteral(KW_TEST_BINARY_DIR "/main_window_hidpi.png");
        QVERIFY2(image.save(path), qPrintable(path));
    }
};

QTEST_MAIN(TestHighDpi)
#include "test_high_dpi.moc"
