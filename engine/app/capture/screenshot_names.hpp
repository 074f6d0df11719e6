#pragma once
// Names for the files the window writes (screenshots, exports, saved scenes), never overwriting
// one that exists.
#include <string>

namespace losscape {

// `name_template` with {scene}, {date} (20261124), {time} (153000) and {n} (0001, the first free
// number) filled in, plus `extension` (with its dot). A template may name a folder. If the name
// is taken (and there is no {n} to count up), "-2", "-3"... is added. A name is taken when its
// file exists or when this run has handed it out before (its file may still be being written).
std::string output_path(const std::string& name_template, const std::string& scene_name, const std::string& extension);

// "DIR/losscape-himmelblau-20261124-153000.png": the default template in `directory`.
std::string next_output_path(const std::string& directory, const std::string& scene_name,
                             const std::string& extension = ".png");

// "Rosenbrock's valley: GD vs Adam" -> "rosenbrocks-valley-gd-vs-adam": a file name from a title.
std::string slug(const std::string& text);

}  // namespace losscape
