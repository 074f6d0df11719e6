#include "engine/app/headless_ui.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>

namespace losscape {

float picture_text_scale(int height) { return std::max(1.0f, static_cast<float>(height) / 720.0f); }

HeadlessUI::HeadlessUI(float scale) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  fonts_ = load_fonts(scale);
  io.FontDefault = fonts_.panel;
  ImGui::StyleColorsDark();
  ImGui::GetStyle().WindowRounding = 6.0f;
  ImGui::GetStyle().ScaleAllSizes(scale);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

HeadlessUI::~HeadlessUI() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void HeadlessUI::draw(int width, int height, const std::function<void(const Fonts&)>& build) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.DeltaTime = 1.0f / 60.0f;
  for (int pass = 0; pass < 3; ++pass) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    build(fonts_);
    ImGui::Render();
  }
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace losscape
