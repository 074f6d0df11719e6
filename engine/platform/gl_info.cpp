// What any context says of itself, and the allocator setting every context needs (either build).
#include "engine/platform/gl_context.hpp"

#include <glad/gl.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __EMSCRIPTEN__
#include <emscripten/html5_webgl.h>
#endif

namespace losscape {

void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum: blocks up to 32 MB come from the heap
  mallopt(M_TRIM_THRESHOLD, 1 << 30);   // and freed ones stay there for the next frame
#endif
}

std::string current_gl_description() {
  auto str = [](GLenum e) {
    const auto* s = reinterpret_cast<const char*>(glGetString(e));
    return std::string(s ? s : "?");
  };
  return "OpenGL " + str(GL_VERSION) + " / " + str(GL_RENDERER);
}

bool current_gl_is_software() {
#ifdef __EMSCRIPTEN__
  // A browser calls its GL "WebKit WebGL"; the renderer behind it is the unmasked one (Chromium's
  // software WebGL: "ANGLE (..., SwiftShader Device ...)"). Where it is withheld, the query fails.
  constexpr GLenum kUnmaskedRenderer = 0x9246;  // WEBGL_debug_renderer_info
  emscripten_webgl_enable_extension(emscripten_webgl_get_current_context(), "WEBGL_debug_renderer_info");
  const auto* renderer = reinterpret_cast<const char*>(glGetString(kUnmaskedRenderer));
  while (glGetError() != GL_NO_ERROR) {
  }
#else
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
#endif
  const std::string name = renderer ? renderer : "";
  for (const char* software : {"llvmpipe", "softpipe", "swrast", "SWR", "Software Rasterizer", "SwiftShader"}) {
    if (name.find(software) != std::string::npos) return true;
  }
  return false;
}

}  // namespace losscape
