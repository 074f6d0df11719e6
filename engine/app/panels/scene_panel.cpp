#include "engine/app/panels/scene_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"

#include "engine/scene/data_paths.hpp"

#include <algorithm>
#include <filesystem>

namespace losscape {
namespace {

// The gallery's scene files, then its decks (not the benchmark's scenes), by name.
std::vector<std::string> gallery_files() {
  std::vector<std::string> files;
  for (const auto& folder : {gallery_directory(), gallery_directory() / "decks"}) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (entry.path().extension() == ".json") found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace

void ScenePanel::build(PanelContext& context) {
  if (!ImGui::CollapsingHeader("Scene")) return;
  Session& session = context.session;
  const Presentation& presentation = session.presentation();
  const Scene& scene = session.edited_scene();
  if (presentation.has_file()) {
    ImGui::TextDisabled("%s", presentation.path().c_str());
    tooltip("Edit this file in any text editor: saving it shows the change here at once.");
  }
  if (presentation.size() > 1) {
    if (ImGui::ArrowButton("##previous", ImGuiDir_Left) && session.current_slide() > 0)
      session.show_slide(session.current_slide() - 1);
    tooltip("Page Up or Left: the previous scene");
    ImGui::SameLine();
    ImGui::Text("%zu / %zu", presentation.index() + 1, presentation.size());
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) session.show_slide(session.current_slide() + 1);
    tooltip("Page Down or Right: the next scene");
    ImGui::SameLine();
    ImGui::TextUnformatted(scene.title.c_str());
  } else if (!scene.title.empty()) {
    ImGui::TextUnformatted(scene.title.c_str());
  }
  ImGui::SetNextItemWidth(260.0f);
  if (ImGui::BeginCombo("##gallery", "the gallery's scenes")) {
    if (gallery.empty()) gallery = gallery_files();
    for (const std::string& file : gallery) {
      // As its link names it: 04-himmelblau, decks/intro.
      const std::string name =
          std::filesystem::path(file).lexically_relative(gallery_directory()).replace_extension().string();
      if (ImGui::Selectable(name.c_str())) context.requests.open = file;
    }
    ImGui::EndCombo();
  }
  tooltip("The scenes that come with losscape, each a lesson (in the browser: index.html#scene=NAME).");
  ImGui::SetNextItemWidth(260.0f);
  const bool enter = ImGui::InputText("##open", open_path, sizeof open_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Open") || enter) context.requests.open = open_path;
  tooltip("A scene or a deck of scenes (JSON). Dropping a file on the window opens it too.");
  ImGui::SetNextItemWidth(260.0f);
  ImGui::InputTextWithHint("##save", "(a new file in the current folder)", save_path, sizeof save_path);
  ImGui::SameLine();
  if (ImGui::Button("Save")) context.requests.save_scene = true;
  tooltip("Ctrl+S: this scene as it is now (function, balls, swarm, view, camera) as a scene file,\n"
          "which opens to the same picture and the same trajectories. Without a name: a new file\n"
          "named after the title, never overwriting one.");
  if (offer_link) {
    if (ImGui::Button("Copy link")) context.requests.copy_link = true;
    tooltip("A link that opens exactly this scene (function, balls, optimizers and their settings,\n"
            "camera, view): paste it into a message, a slide or the course page.");
  }
}

}  // namespace losscape
