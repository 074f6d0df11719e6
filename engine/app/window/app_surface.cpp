#include "engine/app/window/app_surface.hpp"

#include "engine/app/window/imgui_key_release_delay.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

namespace losscape {
namespace {

// A GLFW window with ImGui's GLFW backend.
class WindowSurface final : public AppSurface {
 public:
  explicit WindowSurface(std::unique_ptr<Window> window) : window_(std::move(window)) {
    // GLFW asks for 24 depth bits by default; what the driver gave is what counts.
    GLint depth_bits = 0;
    gl::discard_earlier_errors();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_DEPTH, GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE, &depth_bits);
    has_depth_ = glGetError() == GL_NO_ERROR && depth_bits >= 16;
  }

  void init_imgui() override {
    ImGui_ImplGlfw_InitForOpenGL(window_->handle(), true);
    install_key_release_delay(window_->handle());
  }
  void shutdown_imgui() override { ImGui_ImplGlfw_Shutdown(); }
  void begin_frame() override {
    release_delayed_keys();
    window_->poll_events();
    ImGui_ImplGlfw_NewFrame();
  }
  void present() override { window_->swap_buffers(); }
  bool should_close() const override { return window_->should_close(); }
  void request_close() override { window_->request_close(); }
  void framebuffer_size(int& width, int& height) const override { window_->framebuffer_size(width, height); }
  double time_seconds() const override { return window_->time_seconds(); }
  std::vector<KeyPress> take_key_presses() override { return window_->take_key_presses(); }
  std::vector<std::string> take_dropped_paths() override { return window_->take_dropped_paths(); }
  void toggle_fullscreen() override { window_->toggle_fullscreen(); }
  bool is_fullscreen() const override { return window_->is_fullscreen(); }
  void set_title(const std::string& title) override { window_->set_title(title); }
  float content_scale() const override { return window_->content_scale(); }
  GLuint framebuffer() const override { return 0; }
  bool framebuffer_has_depth() const override { return has_depth_; }
  Image read_frame() const override {
    int width = 0, height = 0;
    window_->framebuffer_size(width, height);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    return read_framebuffer(width, height);
  }

 private:
  std::unique_ptr<Window> window_;
  bool has_depth_ = false;
};

}  // namespace

Result<std::unique_ptr<AppSurface>> make_window_surface(const WindowOptions& options) {
  auto window = Window::create(options);
  if (!window) return Error{window.error()};
  return std::make_unique<WindowSurface>(std::move(*window));
}

Result<std::unique_ptr<OffscreenSurface>> OffscreenSurface::create(int width, int height) {
  auto context = HeadlessContext::create();
  if (!context) return Error{context.error()};
  std::unique_ptr<OffscreenSurface> surface(new OffscreenSurface());
  surface->context_ = std::move(*context);
  if (Status sized = surface->screen_.resize(width, height, 0); !sized) return Error{sized.error()};
  return surface;
}

void OffscreenSurface::begin_frame() {
  time_ += seconds_per_frame;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(screen_.width()), static_cast<float>(screen_.height()));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.DeltaTime = static_cast<float>(seconds_per_frame);
  io.MousePos = ImVec2(mouse_x_, mouse_y_);
}

void OffscreenSurface::framebuffer_size(int& width, int& height) const {
  width = screen_.width();
  height = screen_.height();
}

GLuint OffscreenSurface::framebuffer() const { return screen_.resolved_framebuffer(); }

Image OffscreenSurface::read_frame() const { return screen_.read_resolved(); }

}  // namespace losscape
