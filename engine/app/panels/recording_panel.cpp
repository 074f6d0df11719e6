#include "engine/app/panels/recording_panel.hpp"

#include "engine/app/capture/picture.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/ui_theme.hpp"

#include <iterator>
#include <string>

namespace losscape {

void RecordingPanel::build(PanelContext& context, const Recording* running, bool finishing) {
  if (!ImGui::CollapsingHeader("Record")) return;
  if (running) {
    const int frames = running->total_frames();
    char label[64];
    std::snprintf(label, sizeof label, frames ? "frame %d of %d" : "frame %d", running->frames_added(), frames);
    ImGui::ProgressBar(frames ? static_cast<float>(running->progress()) : 0.0f, ImVec2(220.0f, 0.0f), label);
    ImGui::SameLine();
    if (ImGui::Button("Stop (Ctrl+R)")) context.requests.toggle_recording = true;
    ImGui::TextDisabled("%s", running->settings().path.c_str());
    return;
  }
  if (finishing) {
    ImGui::TextDisabled("finishing the file...");
    return;
  }
  ImGui::SetNextItemWidth(300.0f);
  ImGui::InputText("##record", settings.name_template, sizeof settings.name_template);
  tooltip(".mp4: a video for slides (H.264, plays in PowerPoint and browsers). .gif: an animation.\n"
          "No extension: a folder of numbered PNG frames. {scene}, {date}, {time}, {n} as for screenshots.");
  if (!ffmpeg_available()) {
    ImGui::TextColored(ui_colours(context.view.theme).error, "ffmpeg is not installed: only PNG frames (a folder)");
    tooltip("sudo apt-get install ffmpeg, for .mp4 and .gif");
  }
  ImGui::SetNextItemWidth(120.0f);
  ImGui::SliderFloat("seconds", &settings.seconds, 0.0f, 120.0f, settings.seconds > 0 ? "%.1f" : "until stopped");
  tooltip("Of simulated time: each frame is exactly 1/fps of it, however long it takes to draw,\n"
          "so the video plays smoothly even when the window cannot keep up.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80.0f);
  static const int kRates[] = {15, 24, 30, 60};
  if (ImGui::BeginCombo("fps", std::to_string(settings.fps).c_str())) {
    for (int rate : kRates) {
      if (ImGui::Selectable(std::to_string(rate).c_str(), rate == settings.fps)) settings.fps = rate;
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(170.0f);
  if (ImGui::BeginCombo("size##record", kPictureSizes[settings.size].label)) {
    for (int i = 0; i < static_cast<int>(std::size(kPictureSizes)); ++i) {
      if (ImGui::Selectable(kPictureSizes[i].label, i == settings.size)) settings.size = i;
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(120.0f);
  ImGui::DragFloat("orbit", &settings.orbit, 1.0f, -720.0f, 720.0f, "%.0f degrees");
  tooltip("Turn the camera this far around the terrain over the recording: a title shot.");
  if (ImGui::Button("Start recording (Ctrl+R)")) context.requests.toggle_recording = true;
}

}  // namespace losscape
