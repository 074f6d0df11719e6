#pragma once
// An interactive GLFW window with a GL 3.3 core context (platform layer).
#include "engine/core/result.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace losscape {

struct WindowOptions {
  int width = 1600;
  int height = 900;
  std::string title = "losscape";
  bool fullscreen = false;
  bool visible = true;  // a hidden window still renders (useful under Xvfb)
};

class Window {
 public:
  // The window, its context current; or a one-line reason (e.g. no display).
  static Result<std::unique_ptr<Window>> create(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  GLFWwindow* handle() const { return window_; }
  bool should_close() const;
  void request_close();
  void poll_events();
  void swap_buffers();
  void framebuffer_size(int& width, int& height) const;
  double time_seconds() const;
  float content_scale() const;  // screen pixels per window unit (2 on a HiDPI screen)
  void toggle_fullscreen();
  bool is_fullscreen() const;
  void set_title(const std::string& title);

  struct KeyPress {
    int key = 0;   // GLFW_KEY_*
    int mods = 0;  // GLFW_MOD_* bits
    bool repeat = false;
  };
  // Every key press since the last call, in order. Taken from GLFW's callback, so a tap that
  // starts and ends within one slow frame is still seen (sampling key state per frame loses it).
  std::vector<KeyPress> take_key_presses() { return std::exchange(key_presses_, {}); }
  // Files dropped on the window since the last call (a scene file to open).
  std::vector<std::string> take_dropped_paths() { return std::exchange(dropped_paths_, {}); }

 private:
  Window() = default;
  GLFWwindow* window_ = nullptr;
  static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
  static void on_drop(GLFWwindow* window, int count, const char** paths);
  std::vector<KeyPress> key_presses_;
  std::vector<std::string> dropped_paths_;
  // Fullscreen, and where the window was before (unused in a browser: the page's fullscreen).
  [[maybe_unused]] bool fullscreen_ = false;
  [[maybe_unused]] int windowed_x_ = 0, windowed_y_ = 0, windowed_w_ = 0, windowed_h_ = 0;
};

}  // namespace losscape
