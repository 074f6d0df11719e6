// The browser build's GL: WebGL2 through Emscripten's GLES 3.0 headers, in place of the desktop's
// GLAD loader (cmake/web.cmake), so the engine's `#include <glad/gl.h>` means "the GL API" in both
// builds. What WebGL2 lacks (texture buffers, base vertices, timestamps) is handled where it is
// used, under __EMSCRIPTEN__.
#pragma once
#include <GLES3/gl3.h>
