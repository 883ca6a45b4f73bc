#include "main_window_driver.h"

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

    // The window after its first start, with the fixture checkpoint loaded and a valid setup.
    static void prepare(MainWindow &window)
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        chooseFixtureCheckpoint(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
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
                    qPrintable(QStringLiteral("%1: typed %2, got %3")
                                   .arg(QLatin1String(name), typed,
                                       edit->date().toString(Qt::ISODate))));
            }
        }
    }
};

QTEST_MAIN(TestRunSetup)
#include "test_run_setup.moc"
