# Installing: `cmake --install BUILD --prefix P` puts the program in P/bin, what it reads at run
# time (shaders, assets with the fonts, the gallery of scenes) in P/share/losscape, and the
# README with the docs it links to in P/share/doc/losscape. Tests and benchmarks stay behind.
include(GNUInstallDirs)
set(LOSSCAPE_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/losscape)

if(NOT EMSCRIPTEN)  # the browser build's "installation" is its site folder (engine/app/web/)
  install(TARGETS losscape RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(DIRECTORY shaders assets scenes DESTINATION ${LOSSCAPE_INSTALL_DATADIR})
  install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
  install(DIRECTORY docs DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

# What engine/scene/data_paths.cpp needs to find that folder: where it lies relative to the
# binary's ("../share/losscape", whatever the prefix), and, for a binary still in this build
# folder, the source tree, whose shaders then reload when edited. An installed binary never uses
# the last two: it finds its own folder first, and is not inside this build folder.
file(RELATIVE_PATH installed_data ${CMAKE_INSTALL_FULL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${LOSSCAPE_INSTALL_DATADIR})
target_compile_definitions(losscape_scene PRIVATE LOSSCAPE_INSTALLED_DATA="${installed_data}"
                                                  LOSSCAPE_BUILD_TREE="${CMAKE_BINARY_DIR}"
                                                  LOSSCAPE_SOURCE_TREE="${CMAKE_SOURCE_DIR}")
# The same folder for the Python module, relative to the package's folder in the site folder
# (engine/app/python/CMakeLists.txt), whatever the prefix.
if(TARGET losscape_python)
  file(RELATIVE_PATH python_installed_data /prefix/${LOSSCAPE_PYTHON_INSTALL_DIR}/losscape
       /prefix/${LOSSCAPE_INSTALL_DATADIR})
  target_compile_definitions(losscape_python PRIVATE LOSSCAPE_PYTHON_INSTALLED_DATA="${python_installed_data}")
endif()
