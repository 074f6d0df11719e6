#pragma once
// Where the interactive app runs: a window on a screen, or an offscreen surface driven by code
// (tests, benchmarks) with a clock that advances one fixed step a frame and keys pressed by the
// caller. The frame loop, the panel, presenter mode and screenshots are the same on both, so the
// tests exercise what a lecturer sees, on a machine with no display.
#include "engine/platform/gl_context.hpp"
#include "engine/platform/window.hpp"
#include "engine/render/render_target.hpp"

#include <memory>
#include <string>
#include <vector>

namespace losscape {

class AppSurface {
 public:
  using KeyPress = Window::KeyPress;
  virtual ~AppSurface() = default;

  // ImGui's platform side (after ImGui::CreateContext, before ImGui::DestroyContext).
  virtual void init_imgui() = 0;
  virtual void shutdown_imgui() = 0;
  // Events in, and the platform's part of an ImGui frame (before ImGui::NewFrame).
  virtual void begin_frame() = 0;
  virtual void present() = 0;

  virtual bool should_close() const = 0;
  virtual void request_close() = 0;
  virtual void framebuffer_size(int& width, int& height) const = 0;
  virtual double time_seconds() const = 0;
  virtual std::vector<KeyPress> take_key_presses() = 0;
  virtual std::vector<std::string> take_dropped_paths() = 0;
  virtual void toggle_fullscreen() = 0;
  virtual bool is_fullscreen() const = 0;
  virtual void set_title(const std::string& title) = 0;
  virtual float content_scale() const = 0;  // 2 on a HiDPI screen
  // The framebuffer a frame is drawn into (0: a window's own), and the frame as drawn so far.
  virtual GLuint framebuffer() const = 0;
  // Whether that framebuffer has a depth buffer, so a scene without multisampling can be drawn
  // straight into it.
  virtual bool framebuffer_has_depth() const = 0;
  virtual Image read_frame() const = 0;
};

// A GLFW window (see engine/platform/window.hpp); or why none can open.
Result<std::unique_ptr<AppSurface>> make_window_surface(const WindowOptions& options);

class OffscreenSurface final : public AppSurface {
 public:
  // A width x height "screen" on a headless EGL context.
  static Result<std::unique_ptr<OffscreenSurface>> create(int width, int height);

  // What a user would do, for the next frame.
  void press_key(int key, int mods = 0) { keys_.push_back({key, mods, false}); }
  void drop_file(std::string path) { dropped_.push_back(std::move(path)); }
  void move_mouse(float x, float y) { mouse_x_ = x, mouse_y_ = y; }
  double seconds_per_frame = 1.0 / 60.0;  // how far the clock moves each frame

  void init_imgui() override {}
  void shutdown_imgui() override {}
  void begin_frame() override;
  void present() override {}
  bool should_close() const override { return close_; }
  void request_close() override { close_ = true; }
  void framebuffer_size(int& width, int& height) const override;
  double time_seconds() const override { return time_; }
  std::vector<KeyPress> take_key_presses() override { return std::exchange(keys_, {}); }
  std::vector<std::string> take_dropped_paths() override { return std::exchange(dropped_, {}); }
  void toggle_fullscreen() override { fullscreen_ = !fullscreen_; }
  bool is_fullscreen() const override { return fullscreen_; }
  void set_title(const std::string& title) override { title_ = title; }
  const std::string& title() const { return title_; }
  float content_scale() const override { return 1.0f; }
  GLuint framebuffer() const override;
  bool framebuffer_has_depth() const override { return screen_.resolved_has_depth(); }
  Image read_frame() const override;

 private:
  OffscreenSurface() = default;
  std::unique_ptr<HeadlessContext> context_;
  RenderTarget screen_;  // single-sampled colour and depth: what a window's back buffer would be
  double time_ = 0.0;
  std::vector<KeyPress> keys_;
  std::vector<std::string> dropped_;
  float mouse_x_ = -1.0f, mouse_y_ = -1.0f;
  bool close_ = false, fullscreen_ = false;
  std::string title_;
};

}  // namespace losscape
