# The browser build (scripts/web.sh runs `emcmake cmake`): the same engine layers compiled to
# WebAssembly by Debian's Emscripten, drawn with WebGL2. This file stands in for what the desktop
# build finds on the machine (CMakeLists.txt, cmake/third_party.cmake): the same target names, so
# engine/CMakeLists.txt links its layers the same way in both builds.
#   LOSSCAPE_IMGUI_SOURCE  Dear ImGui 1.86's sources (Debian's source package, which scripts/web.sh
#                          fetches and unpacks into the build folder: Debian ships ImGui for the host
#                          only, as a compiled library).

set(LOSSCAPE_IMGUI_SOURCE "" CACHE PATH "Dear ImGui 1.86 sources (imgui.cpp, backends/) for the browser build")
if(NOT EXISTS "${LOSSCAPE_IMGUI_SOURCE}/imgui.cpp" OR NOT EXISTS "${LOSSCAPE_IMGUI_SOURCE}/backends/imgui_impl_glfw.cpp")
  message(FATAL_ERROR "Dear ImGui's sources were not found in LOSSCAPE_IMGUI_SOURCE='${LOSSCAPE_IMGUI_SOURCE}' "
                      "(scripts/web.sh fetches Debian's source package of imgui into build-web/)")
endif()

# Header-only libraries from Debian's packages. Emscripten must not see /usr/include itself (the
# host's C library would shadow its own), so each library's folder is linked into one of ours.
set(host_headers ${CMAKE_BINARY_DIR}/host-headers)
foreach(dir glm nlohmann CLI stb)
  if(NOT EXISTS ${host_headers}/${dir})
    file(MAKE_DIRECTORY ${host_headers})
    file(CREATE_LINK /usr/include/${dir} ${host_headers}/${dir} SYMBOLIC)
  endif()
endforeach()
add_library(losscape_host_headers INTERFACE)
target_include_directories(losscape_host_headers SYSTEM INTERFACE ${host_headers} ${host_headers}/stb)
add_library(glm::glm ALIAS losscape_host_headers)
add_library(nlohmann_json::nlohmann_json ALIAS losscape_host_headers)
add_library(CLI11::CLI11 ALIAS losscape_host_headers)

# stb_image's code (the desktop links Debian's libstb): compiled here, without our warnings.
add_library(losscape_stb STATIC ${CMAKE_CURRENT_LIST_DIR}/web/stb_image.c)
target_link_libraries(losscape_stb PUBLIC losscape_host_headers)
add_library(PkgConfig::STB ALIAS losscape_stb)

# No threads in the page (a page built with them needs cross-origin isolation, which a plain
# static host does not give): the engine runs its background work on the frame loop instead
# (engine/sim/worker_threads.hpp).
add_library(Threads::Threads INTERFACE IMPORTED)

# GL is the browser's WebGL2, through Emscripten's GLES 3.0 headers: cmake/web/glad/gl.h stands
# in for the desktop's GLAD loader. GLFW is Emscripten's own (-sUSE_GLFW=3).
add_library(losscape_glad INTERFACE)
target_include_directories(losscape_glad SYSTEM INTERFACE ${CMAKE_CURRENT_LIST_DIR}/web)
add_library(losscape_web_glfw INTERFACE)
target_link_options(losscape_web_glfw INTERFACE -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
add_library(PkgConfig::GLFW ALIAS losscape_web_glfw)

# Dear ImGui and its GLFW + OpenGL3 backends (the latter picks GLSL ES 3.00 under Emscripten).
add_library(losscape_imgui STATIC
  ${LOSSCAPE_IMGUI_SOURCE}/imgui.cpp ${LOSSCAPE_IMGUI_SOURCE}/imgui_draw.cpp ${LOSSCAPE_IMGUI_SOURCE}/imgui_tables.cpp
  ${LOSSCAPE_IMGUI_SOURCE}/imgui_widgets.cpp ${LOSSCAPE_IMGUI_SOURCE}/backends/imgui_impl_glfw.cpp
  ${LOSSCAPE_IMGUI_SOURCE}/backends/imgui_impl_opengl3.cpp)
target_include_directories(losscape_imgui SYSTEM PUBLIC ${LOSSCAPE_IMGUI_SOURCE} ${LOSSCAPE_IMGUI_SOURCE}/backends)
target_link_libraries(losscape_imgui PUBLIC losscape_web_glfw)

# C++ exceptions stay on: the JSON and formula readers report bad input through them.
add_compile_options(-fexceptions)
add_link_options(-fexceptions)

# Debian's emscripten runs its JavaScript tools (acorn) with the node on PATH, which finds Debian's
# Node modules only where NODE_PATH names them (a node that is not Debian's does not look there):
# every link is run with it, so `cmake --build build-web` works outside scripts/web.sh too.
set(CMAKE_CXX_LINKER_LAUNCHER env NODE_PATH=/usr/share/nodejs)
