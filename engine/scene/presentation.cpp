#include "engine/scene/presentation.hpp"

namespace losscape {

Presentation::Presentation(Scene scene) {
  deck_.title = scene.title;
  deck_.scenes.push_back(std::move(scene));
}

Result<Presentation> Presentation::open(const std::string& path) {
  auto deck = load_deck_or_scene(path);
  if (!deck) return Error{deck.error()};
  Presentation presentation;
  presentation.deck_ = std::move(*deck);
  presentation.path_ = path;
  // Watched by absolute path: the files stay found whatever the current folder becomes.
  for (std::string& file : presentation.deck_.files) file = std::filesystem::absolute(file).lexically_normal().string();
  presentation.watch();
  return presentation;
}

std::string Presentation::function_error_prefix(const std::string& error) const {
  const SceneSource* s = source();
  if (s && error.rfind("batch_size: ", 0) == 0) return s->where("noise.batch_size") + ": noise.";
  // A trajectory that cannot be read (scene_factory.cpp): "balls[N].trajectory: ..." says its key.
  if (const std::size_t key = error.find("].trajectory: ");
      s && error.rfind("balls[", 0) == 0 && key != std::string::npos)
    return s->where(error.substr(0, key + 12)) + ": ";
  return s ? s->where("function") + ": function: " : std::string();
}

bool Presentation::go_to(std::size_t index) {
  if (index >= deck_.scenes.size()) return false;
  index_ = index;
  return true;
}

void Presentation::watch() {
  watched_.clear();
  std::vector<std::string> files = deck_.files;
  files.push_back(std::filesystem::absolute(path_).lexically_normal().string());
  for (const std::string& file : files) {
    std::error_code ignored;
    watched_.emplace_back(file, std::filesystem::last_write_time(file, ignored));
  }
}

Result<bool> Presentation::reload_if_changed() {
  if (path_.empty()) return false;
  bool changed = false;
  for (auto& [file, time] : watched_) {
    std::error_code ignored;
    const auto now = std::filesystem::last_write_time(file, ignored);
    changed = changed || now != time;
  }
  if (!changed) return false;
  auto deck = load_deck_or_scene(std::filesystem::absolute(path_).string());
  if (!deck) {
    watch();  // report a broken save once, not every frame; the next save is read again
    return Error{deck.error()};
  }
  deck_ = std::move(*deck);
  index_ = std::min(index_, deck_.scenes.size() - 1);
  watch();
  return true;
}

}  // namespace losscape
