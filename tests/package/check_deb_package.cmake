# Builds the .deb from the finished build, checks its metadata and file list, extracts it into a
# temporary root and runs the extracted kronos-cli (--version and a tiny forecast with the fixture)
# and, with the GUI, the extracted kronos-workbench --version.
#
# cmake -DKW_CPACK=... -DKW_BINARY_DIR=... -DKW_WORK_DIR=... -DKW_FIXTURE_DIR=... -DKW_VERSION=...
#       -DKW_WITH_GUI=ON|OFF -P check_deb_package.cmake
cmake_policy(VERSION 3.21)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${output}\n${errors}")
  endif()
  set(run_output "${output}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${KW_WORK_DIR})
file(MAKE_DIRECTORY ${KW_WORK_DIR})
run(${KW_CPACK} -G DEB -B ${KW_WORK_DIR}/out --config ${KW_BINARY_DIR}/CPackConfig.cmake)
file(GLOB packages ${KW_WORK_DIR}/out/*.deb)
list(LENGTH packages count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one .deb, found: ${packages}")
endif()
message(STATUS "package: ${packages}")

run(dpkg-deb -f ${packages} Package Version Depends Architecture)
set(fields "${run_output}")
foreach(expected "Package: kronos-workbench" "Version: ${KW_VERSION}" "libtorch1.13" "libqt6sql6-sqlite"
                 "libopenblas0-pthread" "libqcustomplot2.1-qt6")
  string(FIND "${fields}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "package metadata lacks '${expected}':\n${fields}")
  endif()
endforeach()

run(dpkg-deb -c ${packages})
set(listing "${run_output}")
set(required ./usr/bin/kronos-cli ./usr/libexec/kronos-workbench/kronos-engine ./usr/share/kronos-workbench/sample/prices.csv.qz)
if(KW_WITH_GUI)
  list(APPEND required ./usr/bin/kronos-workbench ./usr/libexec/kronos-workbench/kronos-workbench-window
       ./usr/share/applications/kronos-workbench.desktop
       ./usr/share/metainfo/org.kronosworkbench.KronosWorkbench.metainfo.xml
       ./usr/share/icons/hicolor/48x48/apps/kronos-workbench.png
       ./usr/share/icons/hicolor/256x256/apps/kronos-workbench.png)
endif()
foreach(path IN LISTS required)
  string(FIND "${listing}" " ${path}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "package lacks ${path}:\n${listing}")
  endif()
endforeach()

run(dpkg-deb -x ${packages} ${KW_WORK_DIR}/root)
set(cli ${KW_WORK_DIR}/root/usr/bin/kronos-cli)
run(${cli} --version)
if(NOT run_output MATCHES "Kronos Workbench ${KW_VERSION}")
  message(FATAL_ERROR "unexpected --version output: ${run_output}")
endif()
run(${cli} forecast --model ${KW_FIXTURE_DIR}/model --tokenizer ${KW_FIXTURE_DIR}/tokenizer --pred-len 2
    --top-k 1 --output ${KW_WORK_DIR}/forecast.csv ${KW_FIXTURE_DIR}/cases/no_amount/input_00.csv)
file(STRINGS ${KW_WORK_DIR}/forecast.csv rows)
list(LENGTH rows row_count)
if(NOT row_count EQUAL 3)
  message(FATAL_ERROR "the extracted kronos-cli wrote ${row_count} rows, expected a header and 2:\n${rows}")
endif()
message(STATUS "extracted kronos-cli works: ${rows}")
if(KW_WITH_GUI)
  # The launcher in bin hands over to the window program in libexec, which answers --version.
  run(${KW_WORK_DIR}/root/usr/bin/kronos-workbench --version)
  if(NOT run_output MATCHES "Kronos Workbench ${KW_VERSION}")
    message(FATAL_ERROR "unexpected kronos-workbench --version output: ${run_output}")
  endif()
  message(STATUS "extracted kronos-workbench hands over to its window program")
endif()
