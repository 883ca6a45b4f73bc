// Which OPENBLAS_CORETYPE the executables restart with: CPU flags, the core OpenBLAS reported
// and the user's own setting decide (core/inference/openblas_core_choice.h).

#include "inference/openblas_core_choice.h"

#include <QtTest>

class TestOpenBlasCoreChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choiceFollowsCpuReportedCoreAndUserSetting_data()
    {
        QTest::addColumn<bool>("avx512f");
        QTest::addColumn<bool>("avx2");
        QTest::addColumn<bool>("fma");
        QTest::addColumn<QString>("reported");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("choice");

        const QString none;
        // A generic fallback on a capable CPU is replaced by the best kernels it can run.
        QTest::newRow("AVX-512F, Prescott")
            << true << true << true << "Prescott" << none << "SkylakeX";
        QTest::newRow("AVX-512F, Nehalem")
            << true << true << true << "Nehalem" << none << "SkylakeX";
        QTest::newRow("AVX-512F, Sandybridge")
            << true << true << true << "Sandybridge" << none << "SkylakeX";
        QTest::newRow("AVX-512F, Core2") << true << true << true << "Core2" << none << "SkylakeX";
        QTest::newRow("AVX2+FMA, Prescott")
            << false << true << true << "Prescott" << none << "Haswell";
        QTest::newRow("AVX2+FMA, Sandybridge")
            << false << true << true << "Sandybridge" << none << "Haswell";
        QTest::newRow("reported in other case")
            << true << true << true << "PRESCOTT" << none << "SkylakeX";
        // CPUs without better kernels keep what OpenBLAS chose.
        QTest::newRow("AVX2 without FMA") << false << true << false << "Prescott" << none << none;
        QTest::newRow("SSE only") << false << false << false << "Prescott" << none << none;
        // A core OpenBLAS recognized is its deliberate choice.
        QTest::newRow("SkylakeX detected") << true << true << true << "SkylakeX" << none << none;
        QTest::newRow("Haswell on AVX-512F") << true << true << true << "Haswell" << none << none;
        QTest::newRow("Zen") << false << true << true << "Zen" << none << none;
        QTest::newRow("Cooperlake") << true << true << true << "Cooperlake" << none << none;
        // The user's setting always wins.
        QTest::newRow("user Haswell") << true << true << true << "Prescott"
                                      << "Haswell" << none;
        QTest::newRow("user Prescott") << true << true << true << "Prescott"
                                       << "Prescott" << none;
        // Not OpenBLAS (MKL, Accelerate): nothing to choose.
        QTest::newRow("no OpenBLAS") << true << true << true << none << none << none;
    }

    void choiceFollowsCpuReportedCoreAndUserSetting()
    {
        QFETCH(bool, avx512f);
        QFETCH(bool, avx2);
        QFETCH(bool, fma);
        QFETCH(QString, reported);
        QFETCH(QString, user);
        QFETCH(QString, choice);
        kronos::CpuFeatures cpu;
        cpu.avx512f = avx512f;
        cpu.avx2 = avx2;
        cpu.fma = fma;
        QCOMPARE(kronos::chooseOpenBlasCoreType(cpu, reported, user), choice);
    }

    // cpuid agrees with the kernel's view of the CPU (/proc/cpuinfo), which also hides what the
    // OS has not enabled.
    void cpuFeaturesMatchTheKernelsFlags()
    {
        QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
        if (!cpuinfo.open(QIODevice::ReadOnly))
            QSKIP("no /proc/cpuinfo here");
        QStringList flags;
        for (const QByteArray &line : cpuinfo.readAll().split('\n'))
            if (line.startsWith("flags")) {
                flags = QString::fromLatin1(line.mid(line.indexOf(':') + 1))
                            .split(QLatin1Char(' '), Qt::SkipEmptyParts);
                break;
            }
        if (flags.isEmpty())
            QSKIP("/proc/cpuinfo has no x86 flags line");
        const kronos::CpuFeatures cpu = kronos::detectCpuFeatures();
        QCOMPARE(cpu.avx512f, flags.contains(QStringLiteral("avx512f")));
        QCOMPARE(cpu.avx2, flags.contains(QStringLiteral("avx2")));
        QCOMPARE(cpu.fma, flags.contains(QStringLiteral("fma")));
    }
};

QTEST_GUILESS_MAIN(TestOpenBlasCoreChoice)
#include "test_openblas_core_choice.moc"
