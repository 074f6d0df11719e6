# LOSSCAPE_PYTHON: the Python module losscape._engine (engine/app/python/), built with Debian's
# pybind11 (pybind11-dev) for Debian's own interpreter, /usr/bin/python3 (its numpy and torch; a
# pyenv or venv python on PATH is never picked up unless Python3_EXECUTABLE names it). On by
# default where pybind11 and Python's headers (python3-dev) are found, quietly off otherwise; off
# in the browser build (no Python there) and in the sanitizer build (a sanitized module loads only
# into an interpreter started with the sanitizer's runtime preloaded).
set(python_default OFF)
if(NOT EMSCRIPTEN AND NOT LOSSCAPE_SANITIZE)
  if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python the module is built for")
  endif()
  set(PYTHON_EXECUTABLE ${Python3_EXECUTABLE})  # pybind11's older tools read this name
  find_package(Python3 COMPONENTS Interpreter Development.Module QUIET)
  if(Python3_FOUND)
    find_package(pybind11 2.6 CONFIG QUIET)  # finds Python3 above (pybind11NewTools)
    if(pybind11_FOUND)
      set(python_default ON)
    endif()
  endif()
endif()
option(LOSSCAPE_PYTHON "Build the Python module losscape._engine (needs pybind11-dev and python3-dev)"
       ${python_default})
if(LOSSCAPE_PYTHON AND NOT pybind11_FOUND)
  message(FATAL_ERROR "LOSSCAPE_PYTHON is ON but pybind11 (pybind11-dev) or Python's headers (python3-dev) "
                      "for ${Python3_EXECUTABLE} were not found")
endif()
if(LOSSCAPE_PYTHON)
  # The engine's static libraries are linked into a shared module too, so they are compiled as
  # position-independent code; without interposition of their own functions (what a shared
  # library would allow), so the compiler inlines and optimises them as before.
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  add_compile_options(-fno-semantic-interposition)
endif()
