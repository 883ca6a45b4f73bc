#include "run/installed_programs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

namespace {

bool makeProgram(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write("#!/bin/sh\n") > 0
        && file.setPermissions(file.permissions() | QFile::ExeOwner);
}

} // namespace

// How the installed programs find each other: kronos-cli and kronos-workbench (bin) their
// engine and window programs (libexec/kronos-workbench), and those kronos-cli (the Slurm jobs'
// default) — beside, or in the installation's other folder, never outside it.
class TestInstalledPrograms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachFolderFindsTheOthersPrograms()
    {
        QTemporaryDir prefix;
        const QString bin = prefix.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        const QStringList fromBin = InstalledPrograms::places(QStringLiteral("kronos-engine"), bin);
        QCOMPARE(fromBin.size(), 2);
        QCOMPARE(fromBin[0], bin + QStringLiteral("/kronos-engine"));
        const QString engines = QFileInfo(fromBin[1]).path();
        QVERIFY2(engines.startsWith(prefix.path() + QLatin1Char('/')), qPrintable(engines));
        QVERIFY(QDir().mkpath(engines));
        QVERIFY(makeProgram(bin + QStringLiteral("/kronos-cli")));
        QVERIFY(makeProgram(engines + QStringLiteral("/kronos-engine")));

        QCOMPARE(InstalledPrograms::find(QStringLiteral("kronos-engine"), bin),
            engines + QStringLiteral("/kronos-engine"));
        QCOMPARE(InstalledPrograms::find(QStringLiteral("kronos-cli"), engines),
            bin + QStringLiteral("/kronos-cli"));
        QCOMPARE(InstalledPrograms::find(QStringLiteral("kronos-cli"), bin),
            bin + QStringLiteral("/kronos-cli"));
        for (const QString &place :
            InstalledPrograms::places(QStringLiteral("kronos-cli"), engines) + fromBin)
            QVERIFY2(place.startsWith(prefix.path() + QLatin1Char('/')), qPrintable(place));
    }

    void aMissingOrNotExecutableProgramIsNotFound()
    {
        QTemporaryDir folder;
        QCOMPARE(InstalledPrograms::find(QStringLiteral("kronos-workbench-window"), folder.path()),
            QString());
        QFile plain(folder.filePath(QStringLiteral("kronos-engine")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QVERIFY(plain.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(
            InstalledPrograms::find(QStringLiteral("kronos-engine"), folder.path()), QString());
    }
};

QTEST_GUILESS_MAIN(TestInstalledPrograms)
#include "test_installed_programs.moc"
