# A Debian package of what cmake/install.cmake installs, in /usr: `cpack -G DEB` (or `cpack`) in
# the build folder makes losscape_VERSION_ARCH.deb. Its Depends are the shared libraries the
# binary links, as dpkg-shlibdeps finds them, plus Mesa's drivers, which libGL and libEGL load at
# run time without a link (the software renderer where there is no GPU, and for --headless).
# ffmpeg is recommended: without it recordings are PNG frames instead of MP4 or GIF.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME losscape)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "cost functions as lit 3D terrain with optimizers rolling down them")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "losscape draws a two-parameter cost function as a lit 3D landscape and races\n"
       "optimizers (SGD, momentum, Adam and more) down it as balls leaving trails.\n"
       "Scenes and lectures are JSON files. Pictures, MP4 and GIF recordings can be\n"
       "made without a display.")
if(NOT CPACK_PACKAGE_CONTACT)
  set(CPACK_PACKAGE_CONTACT "losscape maintainers <maintainers@users.noreply.h-seed-24260725.example>")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS libgl1-mesa-dri)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ffmpeg)
# The Python module (component "python", cmake/python.cmake) stays out: its folder is for
# `cmake --install --prefix`, and Debian's python3 reads /usr/lib/python3/dist-packages instead.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified)
include(CPack)
