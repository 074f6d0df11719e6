#include "engine/app/panels/screenshot_panel.hpp"

#include "engine/app/capture/picture.hpp"
#include "engine/app/ui/imgui_helpers.hpp"

#include <iterator>

namespace losscape {

void ScreenshotPanel::build(PanelContext& context) {
  if (!ImGui::CollapsingHeader("Screenshot")) return;
  ImGui::SetNextItemWidth(170.0f);
  if (ImGui::BeginCombo("size##shot", kPictureSizes[settings.size].label)) {
    for (int i = 0; i < static_cast<int>(std::size(kPictureSizes)); ++i) {
      if (ImGui::Selectable(kPictureSizes[i].label, i == settings.size)) settings.size = i;
    }
    ImGui::EndCombo();
  }
  tooltip("Larger pictures are drawn offscreen, tile by tile: sharp on a projector or in print.");
  ImGui::Checkbox("with the panel", &settings.with_panel);
  tooltip("The window as you see it, panel and all (at the window's size). Without: the scene alone,\n"
          "with its title, labels and legend.");
  ImGui::SameLine();
  ImGui::BeginDisabled(settings.with_panel);
  ImGui::Checkbox("transparent", &settings.transparent);
  ImGui::EndDisabled();
  tooltip("No sky: the picture goes over a slide's own background.");
  ImGui::SetNextItemWidth(260.0f);
  ImGui::InputText("name", settings.name_template, sizeof settings.name_template);
  tooltip("{scene}: the title or function, {date}, {time}, {n}: a counter. Never overwrites a file.");
  if (ImGui::Button("Take screenshot (F12)")) context.requests.screenshot = true;
}
}  // namespace losscape
