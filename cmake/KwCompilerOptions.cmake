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
function(kw_target_uses_torch target)
  target_link_libraries(${target} PRIVATE ${TORCH_LIBRARIES})
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
endfunction()

if(KW_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address)
elseif(KW_SANITIZE STREQUAL "undefined")
  add_compile_options(-fsanitize=undefined -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=undefined)
elseif(NOT KW_SANITIZE STREQUAL "")
  message(FATAL_ERROR "KW_SANITIZE must be address, undefined or empty, got '${KW_SANITIZE}'")
endif()
