// isOutOfMemoryError: which libtorch failures a smaller batch may cure.

#include "inference/out_of_memory.h"
#include "model/kronos_errors.h"

#include <QtTest>
#include <c10/util/Exception.h>
#include <functional>
#include <new>

using Thrower = std::function<void()>;
Q_DECLARE_METATYPE(Thrower)

class TestOutOfMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // C10_THROW_ERROR: the constructor libtorch 1.13 and 2.x share (the one taking a message and a
    // backtrace changed the backtrace's type in 2.x).
    void classifies_data()
    {
        QTest::addColumn<Thrower>("thrower");
        QTest::addColumn<bool>("outOfMemory");
        QTest::newRow("CUDA out of memory") << Thrower([] {
            C10_THROW_ERROR(OutOfMemoryError, "CUDA out of memory. Tried to allocate 2.00 GiB");
        }) << true;
        QTest::newRow("MPS out of memory") << Thrower([] {
            C10_THROW_ERROR(Error, "MPS backend out of memory (MPS allocated: 17.5 GB)");
        }) << true;
        QTest::newRow("CPU allocator") << Thrower([] {
            C10_THROW_ERROR(
                Error, "DefaultCPUAllocator: can't allocate memory: you tried to allocate 1 bytes");
        }) << true;
        QTest::newRow("bad_alloc") << Thrower([] { throw std::bad_alloc(); }) << true;
        QTest::newRow("shape error") << Thrower([] {
            C10_THROW_ERROR(Error, "The size of tensor a (3) must match the size of tensor b (4)");
        }) << false;
        // Only libtorch's own errors are read by their text.
        QTest::newRow("forecast error naming memory")
            << Thrower([] { throw kronos::ForecastError("series 'out of memory' has no bars"); })
            << false;
    }
    void classifies()
    {
        QFETCH(Thrower, thrower);
        QFETCH(bool, outOfMemory);
        try {
            thrower();
            QFAIL("nothing thrown");
        } catch (const std::exception &error) {
            QCOMPARE(kronos::isOutOfMemoryError(error), outOfMemory);
        }
    }
};

QTEST_GUILESS_MAIN(TestOutOfMemory)
#include "test_out_of_memory.moc"
