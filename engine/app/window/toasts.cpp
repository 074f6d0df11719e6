#include "engine/app/window/toasts.hpp"

#include "engine/app/cli/print_error.hpp"
#include "engine/app/ui/ui_theme.hpp"
#include "engine/core/one_line.hpp"

#include <imgui.h>

namespace losscape {

void Toasts::show(const std::string& text, bool error) {
  if (error) print_error(text);
  toasts_.push_back({one_line(text), error, ImGui::GetTime() + (error ? 8.0 : 4.0)});
  while (toasts_.size() > 4) toasts_.pop_front();
}

void Toasts::build(Theme theme) {
  const double now = ImGui::GetTime();
  while (!toasts_.empty() && toasts_.front().expires < now) toasts_.pop_front();
  if (toasts_.empty()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + 12, viewport->WorkPos.y + viewport->WorkSize.y - 12),
                          ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowBgAlpha(0.8f);
  ImGui::Begin("##toasts", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  for (const Toast& t : toasts_) {
    if (t.error) {
      ImGui::TextColored(ui_colours(theme).error, "%s", t.text.c_str());
    } else {
      ImGui::TextUnformatted(t.text.c_str());
    }
  }
  ImGui::End();
}

}  // namespace losscape
