# The hardening builds (README "Sanitizers, fuzzing and the soak"). Each wants a build folder of
# its own: the flags apply to everything compiled there, third-party code (ImGui, GLAD) included,
# so a bad pointer handed across the boundary is caught on either side.
#
#   LOSSCAPE_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer. Undefined behaviour stops
#                         the program (no "recover") so that ctest sees it as a failed test.
#                         float-cast-overflow is not part of "undefined" but is asked for: a NaN
#                         or huge double cast to int is undefined, and a hostile input makes one.
#   LOSSCAPE_FUZZ=ON      also the libFuzzer targets of tests/fuzz (clang only): every library is
#                         instrumented for coverage as well (fuzzer-no-link), so the same build
#                         runs the test suite and the fuzzers.
option(LOSSCAPE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(LOSSCAPE_FUZZ "Build the libFuzzer targets (clang; implies LOSSCAPE_SANITIZE)" OFF)

if(LOSSCAPE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LOSSCAPE_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  set(LOSSCAPE_SANITIZE ON CACHE BOOL "" FORCE)
endif()

if(LOSSCAPE_SANITIZE)
  set(sanitizers address,undefined,float-cast-overflow)
  add_compile_options(-fsanitize=${sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${sanitizers})
  if(LOSSCAPE_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
