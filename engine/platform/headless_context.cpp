#include "engine/platform/gl_context.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <glad/gl.h>

#include <vector>

namespace losscape {
namespace {

template <typename Fn>
Fn egl_proc(const char* name) {
  return reinterpret_cast<Fn>(eglGetProcAddress(name));
}

bool has_extension(const char* extensions, const std::string& name) {
  if (!extensions) return false;
  const std::string all = std::string(" ") + extensions + " ";
  return all.find(" " + name + " ") != std::string::npos;
}

// The EGL devices open_display() tries first (none where EGL offers no device platform). Listing
// them initialises no display and loads no driver.
std::vector<EGLDeviceEXT> egl_devices() {
  const char* client_ext = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  auto query_devices = egl_proc<PFNEGLQUERYDEVICESEXTPROC>("eglQueryDevicesEXT");
  EGLint count = 0;
  if (!has_extension(client_ext, "EGL_EXT_platform_device") || !query_devices ||
      query_devices(0, nullptr, &count) != EGL_TRUE || count <= 0) {
    return {};
  }
  std::vector<EGLDeviceEXT> devices(static_cast<std::size_t>(count));
  if (query_devices(count, devices.data(), &count) != EGL_TRUE) return {};
  devices.resize(static_cast<std::size_t>(count));
  return devices;
}

// Try the display kinds in order of preference; return the first that initialises.
EGLDisplay open_display(std::string& description) {
  const char* client_ext = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  auto get_platform_display = egl_proc<PFNEGLGETPLATFORMDISPLAYEXTPROC>("eglGetPlatformDisplayEXT");
  auto try_init = [](EGLDisplay d) {
    EGLint major = 0, minor = 0;
    return d != EGL_NO_DISPLAY && eglInitialize(d, &major, &minor) == EGL_TRUE;
  };

  // A real GPU (NVIDIA, AMD) exposes devices; render on the first one that works.
  if (get_platform_display) {
    for (EGLDeviceEXT device : egl_devices()) {
      EGLDisplay d = get_platform_display(EGL_PLATFORM_DEVICE_EXT, device, nullptr);
      if (try_init(d)) {
        description = "EGL device";
        return d;
      }
    }
  }
  // Mesa with no display at all (CI, servers): the surfaceless platform.
  if (get_platform_display && has_extension(client_ext, "EGL_MESA_platform_surfaceless")) {
    EGLDisplay d = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (try_init(d)) {
      description = "EGL surfaceless";
      return d;
    }
  }
  EGLDisplay d = eglGetDisplay(EGL_DEFAULT_DISPLAY);
  if (try_init(d)) {
    description = "EGL default display";
    return d;
  }
  return EGL_NO_DISPLAY;
}

}  // namespace

bool headless_gl_is_only_software() {
  if (!egl_proc<PFNEGLGETPLATFORMDISPLAYEXTPROC>("eglGetPlatformDisplayEXT")) return false;
  auto query_string = egl_proc<PFNEGLQUERYDEVICESTRINGEXTPROC>("eglQueryDeviceStringEXT");
  const std::vector<EGLDeviceEXT> devices = egl_devices();
  if (!query_string || devices.empty()) return false;
  for (EGLDeviceEXT device : devices) {
    if (!has_extension(query_string(device, EGL_EXTENSIONS), "EGL_MESA_device_software")) return false;
  }
  return true;
}

Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create() {
  keep_freed_memory_for_reuse();
  std::unique_ptr<HeadlessContext> ctx(new HeadlessContext());
  EGLDisplay display = open_display(ctx->description_);
  if (display == EGL_NO_DISPLAY) {
    return Error{"no OpenGL available: could not open an EGL display (install libegl1-mesa-dev and libgl1-mesa-dri)"};
  }
  ctx->display_ = display;
  if (eglBindAPI(EGL_OPENGL_API) != EGL_TRUE) {
    return Error{"no OpenGL available: this EGL implementation does not offer desktop OpenGL"};
  }
  const EGLint config_attribs[] = {
      EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint config_count = 0;
  // Surfaceless contexts may have no config at all; EGL_KHR_no_config_context allows that.
  if (eglChooseConfig(display, config_attribs, &config, 1, &config_count) != EGL_TRUE || config_count == 0) {
    config = nullptr;
  }
  const EGLint context_attribs[] = {
      EGL_CONTEXT_MAJOR_VERSION,           3,       EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK,
      EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
  EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, context_attribs);
  if (context == EGL_NO_CONTEXT) {
    return Error{"no OpenGL available: EGL could not create an OpenGL 3.3 core context"};
  }
  ctx->context_ = context;
  if (eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context) != EGL_TRUE) {
    return Error{"no OpenGL available: EGL could not make a context current without a surface"};
  }
  if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(eglGetProcAddress))) {
    return Error{"no OpenGL available: could not load OpenGL 3.3 functions through EGL"};
  }
  return ctx;
}

HeadlessContext::~HeadlessContext() {
  if (display_) {
    eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (context_) eglDestroyContext(display_, context_);
    eglTerminate(display_);
  }
}

}  // namespace losscape
