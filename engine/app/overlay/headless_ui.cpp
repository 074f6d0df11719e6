#include "engine/app/overlay/headless_ui.hpp"

#include "engine/app/ui/ui_theme.hpp"
#include "engine/render/shader.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>

namespace losscape {
namespace {

// Makes `context` ImGui's current one for a scope, then gives the previous one back.
class UseContext {
 public:
  explicit UseContext(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~UseContext() { ImGui::SetCurrentContext(previous_); }
  UseContext(const UseContext&) = delete;
  UseContext& operator=(const UseContext&) = delete;

 private:
  ImGuiContext* previous_;
};

}  // namespace

float picture_text_scale(int height) { return std::clamp(static_cast<float>(height) / 720.0f, 0.6f, 6.0f); }

HeadlessUI::HeadlessUI(float scale) {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);  // CreateContext makes it current only when none is
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  fonts_ = load_fonts(scale);
  io.FontDefault = fonts_.panel;
  ImGui_ImplOpenGL3_Init(kGlslVersion);
  ImGui::SetCurrentContext(previous);
}

HeadlessUI::~HeadlessUI() {
  UseContext use(context_);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext(context_);
}

void HeadlessUI::lay_out(int width, int height, Theme theme, const std::function<void(const Fonts&)>& build) {
  UseContext use(context_);
  if (styled_for_ != theme) ImGui::GetStyle() = themed_style(theme, fonts_.scale);
  styled_for_ = theme;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.DeltaTime = 1.0f / 60.0f;
  // Auto-sized windows (the legend) need a pass or two to learn their size; the context keeps
  // it for the next pictures of that size. One window appearing in this picture for the first
  // time (the legend of a new scene with several balls, drawn after one with a single ball, as
  // Python draws scene after scene in one context) is laid out hidden on its first pass, so every
  // picture takes at least two.
  const int passes = laid_out_width_ == width && laid_out_height_ == height ? 2 : 3;
  laid_out_width_ = width, laid_out_height_ = height;
  for (int pass = 0; pass < passes; ++pass) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    build(fonts_);
    ImGui::Render();
  }
}

void HeadlessUI::draw(const PictureTile& tile, int height) {
  UseContext use(context_);
  ImDrawData* data = ImGui::GetDrawData();
  if (!data) return;
  // ImGui counts from the top: the tile's top edge is `height - (y + tile height)` down.
  data->DisplayPos = ImVec2(static_cast<float>(tile.x), static_cast<float>(height - tile.y - tile.height));
  data->DisplaySize = ImVec2(static_cast<float>(tile.width), static_cast<float>(tile.height));
  data->FramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui_ImplOpenGL3_RenderDrawData(data);
}

}  // namespace losscape
