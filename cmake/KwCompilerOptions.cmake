# Warnings and sanitizers for the project's own targets (never for third-party code).

function(kw_target_defaults target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  endif()
endfunction()

# A target that includes libtorch headers itself. Linked PRIVATE, so libtorch's include path and
# QT_NO_KEYWORDS (libtorch defines `slots` and friends as identifiers; Qt's keyword macros would
# break them) stay with the targets that need them: nothing that only links the engine compiles
# with them.
# A program whose KW_WITHOUT_LIBTORCH property is set links none of libtorch's libraries, even
# through the static libraries it links: kronos-cli loads no libtorch (app/cli/engine_handover.h),
# and a call into libtorch from anything it uses fails its link.
function(kw_target_uses_torch target)
  # Each item is wrapped on its own: a `debug`/`optimized` keyword would lose its meaning.
  if("debug" IN_LIST TORCH_LIBRARIES OR "optimized" IN_LIST TORCH_LIBRARIES)
    message(FATAL_ERROR "TORCH_LIBRARIES has build-type keywords, which kw_target_uses_torch cannot wrap: ${TORCH_LIBRARIES}")
  endif()
  foreach(library IN LISTS TORCH_LIBRARIES)
    target_link_libraries(${target} PRIVATE "$<$<NOT:$<BOOL:$<TARGET_PROPERTY:KW_WITHOUT_LIBTORCH>>>:${library}>")
  endforeach()
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
endfunction()

# KW_SANITIZE: a comma-separated list of address and undefined. UBSan stops at the first finding,
# so a test fails instead of printing a warning nobody reads.
if(NOT KW_SANITIZE STREQUAL "")
  string(REPLACE "," ";" kw_sanitizers "${KW_SANITIZE}")
  foreach(sanitizer IN LISTS kw_sanitizers)
    if(NOT sanitizer MATCHES "^(address|undefined)$")
      message(FATAL_ERROR "KW_SANITIZE must list address and/or undefined, got '${KW_SANITIZE}'")
    endif()
  endforeach()
  add_compile_options(-fsanitize=${KW_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${KW_SANITIZE})
  if("undefined" IN_LIST kw_sanitizers)
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
