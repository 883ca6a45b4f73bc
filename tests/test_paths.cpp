#include "test_paths.h"

// KW_TEST_DATA_DIR, KW_TEST_BINARY_DIR, KW_CLI_EXECUTABLE and KW_WORKBENCH_LAUNCHER come from
// tests/CMakeLists.txt, for this file alone.

QString testDataDir()
{
    return QStringLiteral(KW_TEST_DATA_DIR);
}

QString testDataPath(const char *relative)
{
    return testDataDir() + QLatin1Char('/') + QString::fromUtf8(relative);
}

QString testBinaryPath(const char *relative)
{
    return QStringLiteral(KW_TEST_BINARY_DIR "/") + QString::fromUtf8(relative);
}

QString kronosCliPath()
{
    return QStringLiteral(KW_CLI_EXECUTABLE);
}

QString workbenchLauncherPath()
{
#ifdef KW_WORKBENCH_LAUNCHER
    return QStringLiteral(KW_WORKBENCH_LAUNCHER);
#else
    return {};
#endif
}
