#pragma once
// Where a GL 3.3 core context comes from: an interactive GLFW window or a headless EGL context.
// Platform layer: GLFW, EGL and GLAD, and core's Result (no ImGui, no math).
#include "engine/core/result.hpp"

#include <memory>
#include <string>

namespace losscape {

// A headless GL context with no window and no default framebuffer: everything is drawn into
// framebuffer objects. On a machine with no display it uses Mesa's surfaceless platform; where
// a GPU driver offers EGL devices it uses those; otherwise the default EGL display.
class HeadlessContext {
 public:
  // The context, current; or a one-line reason when none can be made.
  static Result<std::unique_ptr<HeadlessContext>> create();
  ~HeadlessContext();
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;

  const std::string& description() const { return description_; }  // e.g. "EGL surfaceless"

 private:
  HeadlessContext() = default;
  [[maybe_unused]] void* display_ = nullptr;  // (unused in the browser build: no EGL)
  [[maybe_unused]] void* context_ = nullptr;
  std::string description_;
};

// True when HeadlessContext::create() can give only software GL, known without making one: EGL
// lists its devices (which create() tries first) and every one is Mesa's software device
// (EGL_MESA_device_software). About 1 ms, where create() takes 40 to 90 ms on llvmpipe (most of
// it eglInitialize loading the driver). False where only a context can tell: no device list, or
// a device that may be a GPU. (Not in the browser build: it has no headless contexts.)
#ifndef __EMSCRIPTEN__
bool headless_gl_is_only_software();
#endif

// One-line summary of the current context: "OpenGL 4.5 (Core Profile) Mesa 22.3.6 / llvmpipe".
std::string current_gl_description();

// Keeps freed frame-sized buffers in the process. Mesa's llvmpipe allocates and frees
// framebuffer-sized scratch memory every frame; by default glibc sometimes returns it to the
// kernel and faults it back in page by page, which made whole runs 4x slower (140 instead of
// 33 ms a frame at 1080p), at random per process. Called by every context's creation.
void keep_freed_memory_for_reuse();

// True when the current context renders on the CPU (Mesa llvmpipe/softpipe, swrast).
bool current_gl_is_software();

}  // namespace losscape
