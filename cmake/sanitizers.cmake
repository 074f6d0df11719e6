# The hardening builds (README "Sanitizers, fuzzing and the soak"). Each wants a build folder of
# its own: the flags apply to everything compiled there, third-party code (ImGui, GLAD) included,
# so a bad pointer handed across the boundary is caught on either side.
#
#   LOSSCAPE_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer. Undefined behaviour stops
#                         the program (no "recover") so that ctest sees it as a failed test.
#                         float-cast-overflow is not part of "undefined" but is asked for: a NaN
#                         or huge double cast to int is undefined, and a hostile input makes one.
#                         And libstdc++'s own checks (_GLIBCXX_ASSERTIONS: an index past a
#                         vector's size within its capacity, which ASan cannot see; distributions'
#                         hardened builds turn them on, so such a read would abort there).
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
  add_compile_options(-fsanitize=${sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer -g
                      -D_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=${sanitizers})
  if(LOSSCAPE_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()

# What every test needs under the sanitizers; the tests/ folder hands it to each test as its
# environment (ctest in this build folder runs them so, with or without scripts/sanitize.sh).
#  - LIBGL_ALWAYS_SOFTWARE: Mesa's llvmpipe even where there is a GPU, the one driver this pass is
#    set up and checked for.
#  - LD_PRELOAD of that driver (swrast_dri.so): Mesa unloads it when the last GL context goes,
#    and blocks it still points to from its static data then look leaked, allocated from
#    "<unknown module>", which no LeakSanitizer suppression can name. Loaded before the program
#    starts, it stays loaded to the end, and what it holds stays reachable, as in any library.
#    (The ASan runtime still comes first: clang links it into each executable.)
#  - UBSAN_OPTIONS: a stack trace with each report.
set(LOSSCAPE_SANITIZER_TEST_ENVIRONMENT "")
if(LOSSCAPE_SANITIZE)
  find_file(LOSSCAPE_MESA_SOFTWARE_DRIVER swrast_dri.so
            PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/dri /usr/lib64/dri /usr/lib/dri NO_DEFAULT_PATH)
  set(LOSSCAPE_SANITIZER_TEST_ENVIRONMENT LIBGL_ALWAYS_SOFTWARE=1 UBSAN_OPTIONS=print_stacktrace=1)
  if(LOSSCAPE_MESA_SOFTWARE_DRIVER)
    list(APPEND LOSSCAPE_SANITIZER_TEST_ENVIRONMENT LD_PRELOAD=${LOSSCAPE_MESA_SOFTWARE_DRIVER})
  else()
    message(WARNING "Mesa's swrast_dri.so not found: LeakSanitizer may report Mesa's blocks as leaks")
  endif()
endif()
