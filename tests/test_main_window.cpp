#include "main_window.h"

#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowIsTitledKronosWorkbench()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Kronos Workbench"));
        QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
