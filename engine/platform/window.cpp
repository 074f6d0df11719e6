#include "engine/platform/window.hpp"

#include "engine/platform/gl_context.hpp"

#include <glad/gl.h>
// GLAD provides the GL declarations; keep GLFW from including the system GL header.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace losscape {
namespace {

std::string last_glfw_error() {
#ifdef __EMSCRIPTEN__
  return "the browser did not say why";  // Emscripten's GLFW keeps no error text
#else
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
#endif
}

}  // namespace

Result<std::unique_ptr<Window>> Window::create(const WindowOptions& options) {
  keep_freed_memory_for_reuse();
  if (!glfwInit()) {
    return Error{"no display: " + last_glfw_error()};
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // required on macOS
  // Multisampled scenes are drawn into a framebuffer of their own and resolved onto the window's,
  // which needs no samples; without multisampling the scene is drawn straight into the window's,
  // hence its depth buffer (GLFW's default, asked for anyway).
  glfwWindowHint(GLFW_SAMPLES, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 24);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
#ifdef __EMSCRIPTEN__
  // An opaque canvas, which the browser need not blend with the page behind it, and no stencil
  // buffer, which nothing draws with.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
#endif
#ifdef GLFW_SCALE_TO_MONITOR  // GLFW 3.3 (Emscripten's is 3.2: the page sizes the canvas itself)
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
#endif

  std::unique_ptr<Window> w(new Window());
  w->window_ = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
#ifdef __EMSCRIPTEN__
  // In a page the only reason is the browser's (Emscripten's GLFW keeps no error text): say what helps.
  if (!w->window_) {
    return Error{"this browser gives the page no WebGL2 to draw with: turn on its hardware acceleration, or open "
                 "the page in a current Firefox, Chrome, Edge or Safari"};
  }
#endif
  if (!w->window_) {
    const std::string reason = last_glfw_error();
    glfwTerminate();
    return Error{"could not open a window: " + reason};
  }
  glfwMakeContextCurrent(w->window_);
#ifndef __EMSCRIPTEN__  // in a browser the GL functions are WebGL2's, bound when the page loads
  if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(glfwGetProcAddress))) {
    return Error{"could not load OpenGL 3.3 core functions in the window's context"};
  }
#endif
#ifndef __EMSCRIPTEN__  // a page draws once per animation frame anyway
  glfwSwapInterval(1);
#endif
  // Installed before ImGui's backend, which chains to it.
  glfwSetWindowUserPointer(w->window_, w.get());
  glfwSetKeyCallback(w->window_, &Window::on_key);
  glfwSetDropCallback(w->window_, &Window::on_drop);
  if (options.fullscreen) w->toggle_fullscreen();
  return w;
}

Window::~Window() {
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }
void Window::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void Window::poll_events() { glfwPollEvents(); }
void Window::swap_buffers() { glfwSwapBuffers(window_); }
void Window::framebuffer_size(int& width, int& height) const { glfwGetFramebufferSize(window_, &width, &height); }
double Window::time_seconds() const { return glfwGetTime(); }
void Window::set_title(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

void Window::on_key(GLFWwindow* window, int key, int /*scancode*/, int action, int mods) {
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
  if (self && action != GLFW_RELEASE && key != GLFW_KEY_UNKNOWN) {
    self->key_presses_.push_back({key, mods, action == GLFW_REPEAT});
  }
}

void Window::on_drop(GLFWwindow* window, int count, const char** paths) {
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
  for (int i = 0; self && i < count; ++i) self->dropped_paths_.emplace_back(paths[i]);
}

float Window::content_scale() const {
#ifdef __EMSCRIPTEN__
  return static_cast<float>(emscripten_get_device_pixel_ratio());
#else
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window_, &x, &y);
  return x;
#endif
}

bool Window::is_fullscreen() const {
#ifdef __EMSCRIPTEN__
  return EM_ASM_INT({ return Module.isFullscreen(); }) != 0;  // the page's: the user may leave it with Escape
#else
  return fullscreen_;
#endif
}

void Window::toggle_fullscreen() {
#ifdef __EMSCRIPTEN__
  // The page's fullscreen (page.js, as F11 there): the page fills the screen and the canvas the page.
  // Called in the frame after the key press, which still counts as the user's gesture.
  EM_ASM({ Module.toggleFullscreen(); });
#else
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (!fullscreen_) {
    if (!monitor) return;
    glfwGetWindowPos(window_, &windowed_x_, &windowed_y_);
    glfwGetWindowSize(window_, &windowed_w_, &windowed_h_);
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    fullscreen_ = true;
  } else {
    glfwSetWindowMonitor(window_, nullptr, windowed_x_, windowed_y_, windowed_w_, windowed_h_, 0);
    fullscreen_ = false;
  }
#endif
}

}  // namespace losscape
