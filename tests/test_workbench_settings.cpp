#include "ui/workbench_settings.h"

#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

// The typed settings table against a temporary settings folder (never the user's own).
class TestWorkbenchSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KronosWorkbenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_workbench_settings"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void everyKeyHasItsOwnName()
    {
        QSet<QString> names;
        for (int key = 0; key <= int(WorkbenchSettings::Key::WindowState); ++key) {
            const QString name = WorkbenchSettings::name(WorkbenchSettings::Key(key));
            QVERIFY(!name.isEmpty());
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
        }
    }

    void unsetKeysGiveTheirDefault()
    {
        WorkbenchSettings settings;
        QCOMPARE(settings.value(WorkbenchSettings::Key::Lookback).toInt(), 252);
        QCOMPARE(settings.value(WorkbenchSettings::Key::Greedy).toBool(), true);
        QCOMPARE(settings.value(WorkbenchSettings::Key::EvaluationCostBps).toDouble(), 10.0);
        QVERIFY(settings.value(WorkbenchSettings::Key::ModelFolder).toString().isEmpty());
        QVERIFY(settings.value(WorkbenchSettings::Key::DatabasePath)
                    .toString()
                    .endsWith(QStringLiteral("kronos-workbench.sqlite")));
    }

    void valuesSurviveANewInstanceWithTheirType()
    {
        {
            WorkbenchSettings settings;
            settings.setValue(WorkbenchSettings::Key::BatchSize, 4);
            settings.setValue(WorkbenchSettings::Key::TopP, 0.75);
            settings.setValue(WorkbenchSettings::Key::AutoBatch, true);
            settings.sync();
        }
        WorkbenchSettings settings;
        const QVariant batch = settings.value(WorkbenchSettings::Key::BatchSize);
        QCOMPARE(batch.metaType(), QMetaType::fromType<int>());
        QCOMPARE(batch.toInt(), 4);
        QCOMPARE(settings.value(WorkbenchSettings::Key::TopP).toDouble(), 0.75);
        QCOMPARE(settings.value(WorkbenchSettings::Key::AutoBatch).metaType(),
            QMetaType::fromType<bool>());
        QCOMPARE(settings.value(WorkbenchSettings::Key::AutoBatch).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestWorkbenchSettings)
#include "test_workbench_settings.moc"
