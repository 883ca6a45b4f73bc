#pragma once

#include <QString>

// Where a test finds its inputs and puts its outputs. The absolute paths live in one small
// library (kw_test_paths) rather than in a define of every test: a test's own source then
// compiles the same in every clone and build folder, so a fresh clone (CI's) takes its objects
// from the compiler cache instead of recompiling every test.

// tests/data of the source tree, without a trailing slash.
QString testDataDir();
// A file or folder under tests/data: testDataPath("eval-v2/scores.csv").
QString testDataPath(const char *relative);
// A file in the tests' build folder (screenshots and reports a test leaves for people to see).
QString testBinaryPath(const char *relative);
// The kronos-cli executable of this build.
QString kronosCliPath();
// The kronos-workbench launcher of this build (Linux, with the GUI); empty where there is none.
QString workbenchLauncherPath();
