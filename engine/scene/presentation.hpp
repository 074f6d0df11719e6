#pragma once
// A lecture: the deck being shown (a single scene is a deck of one), which slide, and the files
// behind it, watched so that an edit saved in a text editor shows at once.
#include "engine/core/result.hpp"
#include "engine/scene/files/scene_file.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

class Presentation {
 public:
  // One scene made on the command line: no file behind it.
  explicit Presentation(Scene scene = {});
  // A deck file or a scene file; or a one-line error (file, line, column, path).
  static Result<Presentation> open(const std::string& path);

  std::size_t size() const { return deck_.scenes.size(); }
  std::size_t index() const { return index_; }
  bool has_file() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  const std::string& title() const { return deck_.title; }

  // The current slide, as its file says (edits in the window are the window's, not kept here).
  const Scene& scene() const { return deck_.scenes[index_]; }
  Scene& scene() { return deck_.scenes[index_]; }
  // Where the current slide came from (nullptr without a file).
  const SceneSource* source() const { return deck_.sources.empty() ? nullptr : &deck_.sources[index_]; }
  // "FILE:LINE:COLUMN: function: " for an error found building the slide's function (a data file
  // that cannot be read), or empty without a file. A noise batch size that does not fit the data
  // (`error` starts "batch_size: ") is said where the batch size is: "FILE:LINE:COLUMN: noise.".
  std::string function_error_prefix(const std::string& error = {}) const;

  bool go_to(std::size_t index);  // false (nothing changes) when out of range
  bool next() { return go_to(index_ + 1); }
  bool previous() { return index_ > 0 && go_to(index_ - 1); }

  // Reads the files again if any changed on disk since the last look: whether they did; or why
  // they cannot be read (the presentation stays as it was).
  Result<bool> reload_if_changed();

 private:
  void watch();
  Deck deck_;
  std::string path_;
  std::size_t index_ = 0;
  std::vector<std::pair<std::filesystem::path, std::filesystem::file_time_type>> watched_;
};

}  // namespace losscape
