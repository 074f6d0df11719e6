#pragma once
// Scene files and lecture decks (JSON; the format is docs/scenes.md). Every value is checked as
// it is read; a broken file gives one line saying where and what:
//   scenes/x.json:12:15: balls[2].optimizer.lr: must be > 0, got -1
// Writing a scene and reading it back gives the same scene.
#include "engine/core/result.hpp"
#include "engine/scene/files/json_positions.hpp"
#include "engine/scene/scene.hpp"

#include <string>
#include <vector>

namespace losscape {

// Where a scene came from, to point at a value that only turns out wrong later (a data file the
// app cannot open is checked when the scene is built, not read).
struct SceneSource {
  std::string file;
  JsonPositions positions;
  // "FILE:LINE:COLUMN" of the value at `path`.
  std::string where(const std::string& path) const;
};

// Reads a scene from JSON text; `name` is the file name errors start with. Relative data paths
// in "function" are looked for in `directory` (the file's folder), which the scene remembers.
// Or a one-line error (file, line, column, path). `source`, if given, gets where each value stood.
Result<Scene> read_scene(const std::string& text, const std::string& name, const std::string& directory,
                         SceneSource* source = nullptr);
Result<Scene> load_scene_file(const std::string& path, SceneSource* source = nullptr);

// The scene as JSON text (two-space indents, keys in the documented order).
std::string write_scene(const Scene& scene);
// Or an error ("cannot write PATH: reason").
Status save_scene_file(const std::string& path, const Scene& scene);

// A deck: scenes in order, for a lecture. Its file lists scene files relative to itself:
//   {"title": "Gradient descent", "scenes": ["bowl.json", "../rosenbrock.json"]}
// Every scene is read when the deck is, so a broken one is found before the lecture, not in it.
struct Deck {
  std::string title;
  std::vector<std::string> files;  // as resolved
  std::vector<Scene> scenes;
  std::vector<SceneSource> sources;
};

// A deck file, or a single scene file as a deck of one.
Result<Deck> load_deck_or_scene(const std::string& path);

}  // namespace losscape
