# Fails when a GUI source reaches a libtorch header, directly or through the project's own
# headers. libtorch and qcustomplot.h cannot share a translation unit (libtorch uses `slots` as
# an identifier, qcustomplot.h needs Qt's `slots` keyword), and Debian installs libtorch's headers
# in /usr/include, so include paths alone cannot keep them apart.
#
# Usage: cmake -DKW_SOURCE_ROOT=<project root> -DKW_SCAN_DIRS=<dir|dir> -P KwCheckNoTorchInclude.cmake
# (folders separated by `|`, because a `;` does not survive add_test and add_custom_target).

cmake_policy(VERSION 3.21)
if(NOT KW_SOURCE_ROOT OR NOT KW_SCAN_DIRS)
  message(FATAL_ERROR "KwCheckNoTorchInclude: KW_SOURCE_ROOT and KW_SCAN_DIRS are required")
endif()
string(REPLACE "|" ";" KW_SCAN_DIRS "${KW_SCAN_DIRS}")

set(torch_include_regex "#[ \t]*include[ \t]*[<\"](torch|ATen|c10|caffe2)/")
set(quoted_include_regex "#[ \t]*include[ \t]*\"([^\"]+)\"")

# Project folders where a quoted include may be found, in search order after the includer's own.
file(GLOB_RECURSE all_project_headers LIST_DIRECTORIES false
     "${KW_SOURCE_ROOT}/core/*.h" "${KW_SOURCE_ROOT}/ui/*.h" "${KW_SOURCE_ROOT}/app/*.h")

function(kw_resolve_include includer name out_var)
  get_filename_component(includer_dir "${includer}" DIRECTORY)
  foreach(candidate "${includer_dir}/${name}" "${KW_SOURCE_ROOT}/${name}" "${KW_SOURCE_ROOT}/core/${name}")
    if(EXISTS "${candidate}" AND NOT IS_DIRECTORY "${candidate}")
      get_filename_component(resolved "${candidate}" REALPATH)
      set(${out_var} "${resolved}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  foreach(header IN LISTS all_project_headers)
    string(LENGTH "${name}" name_length)
    string(LENGTH "${header}" header_length)
    if(header_length GREATER_EQUAL name_length)
      math(EXPR start "${header_length} - ${name_length}")
      string(SUBSTRING "${header}" ${start} -1 tail)
      if(tail STREQUAL name)
        set(${out_var} "${header}" PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  set(${out_var} "" PARENT_SCOPE)
endfunction()

set(worklist "")
foreach(dir IN LISTS KW_SCAN_DIRS)
  file(GLOB_RECURSE sources LIST_DIRECTORIES false "${dir}/*.cpp" "${dir}/*.h")
  if(NOT sources)
    message(FATAL_ERROR "KwCheckNoTorchInclude: no sources under '${dir}'")
  endif()
  list(APPEND worklist ${sources})
endforeach()

set(visited "")
set(violations "")
while(worklist)
  list(POP_FRONT worklist file)
  if(file IN_LIST visited)
    continue()
  endif()
  list(APPEND visited "${file}")
  file(STRINGS "${file}" lines REGEX "#[ \t]*include")
  foreach(line IN LISTS lines)
    if(line MATCHES "${torch_include_regex}")
      list(APPEND violations "${file}: ${line}")
    elseif(line MATCHES "${quoted_include_regex}")
      kw_resolve_include("${file}" "${CMAKE_MATCH_1}" resolved)
      if(resolved)
        list(APPEND worklist "${resolved}")
      endif()
    endif()
  endforeach()
endwhile()

if(violations)
  list(JOIN violations "\n  " report)
  message(FATAL_ERROR "A GUI source reaches a libtorch header (keep libtorch behind core's plain "
                      "headers):\n  ${report}")
endif()
