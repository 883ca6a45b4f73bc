# Fails when a source of a layer reaches a header the layer must not see, directly or through
# the project's own headers:
#   torch  libtorch (ui/, app/workbench, core/workbench). Debian installs libtorch's headers in
#          /usr/include, so include paths alone cannot keep them out.
#   sql    Qt SQL (ui/, app/workbench): the GUI reads and writes data through core/workbench's
#          Workspace, never with a connection of its own.
# Widgets need no rule: the libraries under ui/ are the only ones that link them.
#
# Usage: cmake -DKW_SOURCE_ROOT=<project root> -DKW_SCAN_DIRS=<dir|dir> -DKW_FORBIDDEN=<torch|sql>
#              -P KwCheckLayering.cmake
# (lists separated by `|`, because a `;` does not survive add_test and add_custom_target).

cmake_policy(VERSION 3.21)
if(NOT KW_SOURCE_ROOT OR NOT KW_SCAN_DIRS OR NOT KW_FORBIDDEN)
  message(FATAL_ERROR "KwCheckLayering: KW_SOURCE_ROOT, KW_SCAN_DIRS and KW_FORBIDDEN are required")
endif()
string(REPLACE "|" ";" KW_SCAN_DIRS "${KW_SCAN_DIRS}")
string(REPLACE "|" ";" KW_FORBIDDEN "${KW_FORBIDDEN}")

set(forbidden_regex_torch "#[ \t]*include[ \t]*[<\"](torch|ATen|c10|caffe2)/")
set(forbidden_regex_sql "#[ \t]*include[ \t]*[<\"](QtSql/|QSql)")
set(forbidden_regexes "")
foreach(rule IN LISTS KW_FORBIDDEN)
  if(NOT DEFINED forbidden_regex_${rule})
    message(FATAL_ERROR "KwCheckLayering: unknown rule '${rule}' (known: torch, sql)")
  endif()
  list(APPEND forbidden_regexes "${forbidden_regex_${rule}}")
endforeach()
set(quoted_include_regex "#[ \t]*include[ \t]*\"([^\"]+)\"")

# Project folders where a quoted include may be found, in search order after the includer's own.
file(GLOB_RECURSE all_project_headers LIST_DIRECTORIES false
     "${KW_SOURCE_ROOT}/core/*.h" "${KW_SOURCE_ROOT}/ui/*.h" "${KW_SOURCE_ROOT}/app/*.h")

function(kw_resolve_include includer name out_var)
  get_filename_component(includer_dir "${includer}" DIRECTORY)
  foreach(candidate "${includer_dir}/${name}" "${KW_SOURCE_ROOT}/${name}" "${KW_SOURCE_ROOT}/core/${name}"
                    "${KW_SOURCE_ROOT}/app/${name}")
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
    message(FATAL_ERROR "KwCheckLayering: no sources under '${dir}'")
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
    set(forbidden FALSE)
    foreach(regex IN LISTS forbidden_regexes)
      if(line MATCHES "${regex}")
        set(forbidden TRUE)
      endif()
    endforeach()
    if(forbidden)
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
  message(FATAL_ERROR "A source reaches a header its layer must not see (${KW_FORBIDDEN}; see "
                      "ARCHITECTURE.md):\n  ${report}")
endif()
