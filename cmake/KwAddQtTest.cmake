# kw_add_qtest(<name> SOURCES <files...> LIBS <targets...> LABELS <core|gui|slow...> [TIMEOUT s])
#
# One Qt Test executable registered with CTest. Every test finds the test data and kronos-cli
# through tests/test_paths.h (kw_test_paths; never the working directory) and runs without the
# user's real settings: HOME-independent paths come from QStandardPaths' test mode, switched on in
# the test. Tests labelled `gui` run on the offscreen platform.
#
# No absolute path is compiled into a test's own sources, so they compile the same in any clone
# and a fresh one (CI's) takes them from ccache: the paths live in kw_test_paths alone, and Qt
# Test's QT_TESTCASE_BUILDDIR (used only by QFINDTESTDATA, which no test uses) is set to ".".
function(kw_add_qtest name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  kw_target_defaults(${name})
  target_link_libraries(${name} PRIVATE Qt6::Test kw_test_paths ${ARG_LIBS})
  set_target_properties(${name} PROPERTIES QT_TESTCASE_BUILDDIR ".")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  # OMP_WAIT_POLICY as the programs that load libtorch set it (app/identity/openmp_wait_policy.h):
  # spinning OpenMP threads slow the engine's tests severalfold on a busy 2-core machine. One
  # time limit, CTest's: Qt Test's own watchdog (5 minutes by default) would otherwise end a
  # long GUI test on a loaded machine before it.
  set(environment "QT_QPA_PLATFORM=offscreen" "OMP_WAIT_POLICY=PASSIVE"
                  "QTEST_FUNCTION_TIMEOUT=${ARG_TIMEOUT}000")
  set_tests_properties(${name} PROPERTIES
    LABELS "${ARG_LABELS}"
    TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "${environment}")
endfunction()

# kw_add_cli_test(<name> ...same arguments as kw_add_qtest...)
#
# A Qt Test that runs the kronos-cli executable (tests/cli_test_support.h), built after it.
function(kw_add_cli_test name)
  kw_add_qtest(${name} ${ARGN})
  add_dependencies(${name} kronos-cli)
endfunction()
