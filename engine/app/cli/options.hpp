#pragma once
// The command line (CLI11): the contract scripts rely on. See README "Command line".
#include "engine/scene/view_fields.hpp"

#include "engine/core/result.hpp"

#include <glm/glm.hpp>

#include <optional>
#include <string>
#include <vector>

namespace losscape {

// A view flag as given (view_fields()): a switch's on or off (--contours; --colourbar and
// --no-colourbar), or a value's text (--colormap magma); none and empty: not given.
struct ViewFlag {
  std::optional<bool> on;
  std::string text;
};

struct Options {
  std::string scene_file;  // a scene or a deck (JSON)
  long long slide = 1;     // which scene of a deck to start on (1 = the first)
  // The flags that describe a scene, given on this command line: with a scene file they would
  // fight it, so they are refused there (see flags_describing_a_scene).
  std::vector<std::string> scene_flags_given;
  std::string function = "himmelblau";
  std::string domain;  // "XMIN,XMAX,YMIN,YMAX" for a formula
  // A loss-surface file's heights (engine/scene/surface_height.hpp): a scale's name, and a number
  // read by us, so that a mistake is our one line; empty: as the scene has it.
  std::string surface_height, zmax;
  std::string optimizer = "gd";
  std::string race;                      // "gd,momentum,adam" or "all": one ball per optimizer
  std::vector<std::string> params;       // KEY=VALUE, applied in order
  std::string schedule;                  // NAME[:KEY=VALUE,...] for every ball (core/schedule.hpp), or none
  std::vector<std::string> starts;       // X,Y; one ball each
  std::string trajectory;                // a training path to replay as one more ball (training_path_file.hpp)
  std::string solver;                    // a command whose process drives one more ball per start (external_solver.hpp)
  std::optional<double> solver_timeout;  // seconds a solver may take to answer (every solver ball's)
  std::optional<long long> steps;
  bool headless = false;
  std::optional<long long> frames;
  std::string size = "1280x720";
  std::string camera;  // "YAW,PITCH[,DISTANCE]" in degrees and world units
  std::string screenshot;
  std::string record;    // PATH.mp4, PATH.gif or a folder
  double seconds = 5.0;  // of the recording
  int fps = 30;
  double orbit = 0.0;  // degrees the camera turns during a recording
  int msaa = -1;       // multisampling of pictures, recordings and the window; -1: auto (see --msaa)
  std::string export_trajectories;
  bool list_functions = false;
  bool list_optimizers = false;
  bool list_schedules = false;
  bool fullscreen = false;
  bool bench = false;
  std::string basins;                  // PATH.png: the basin map
  std::string basins_csv;              // PATH.csv: per-start results
  std::string basins_device = "auto";  // cpu, gpu or auto (render/compute_device.hpp)
  std::string swarm_device = "auto";   // where a swarm of more than 10,000 runs (use_gpu_swarms.hpp)
  int grid = 256;                      // starts per side for --basins and --show-basins (cells for --stability: 128)
  bool grid_given = false;
  std::string stability;          // PATH.png: the stability map of the first optimizer
  std::string stability_csv;      // PATH.csv: per-cell results
  std::string axes;               // KEY[=LO:HI],KEY[=LO:HI]; empty: lr and the optimizer's next parameter
  double eps = 1e-6;              // arrived when f - f* < eps (f(start) - f*): --stability and --compare
  std::string compare;            // PATH.csv: the fair comparison (and PATH.md, its table)
  std::string compare_functions;  // comma list; empty: the scene's function
  bool no_overlay = false;        // pictures without title, annotations, legends, colour bar and axes
  bool transparent = false;       // pictures without the sky (RGBA PNG)
  // The view, over what a scene file says where given: one per row of view_fields(), in its
  // order (--contours, --colormap, --show-basins, ...).
  std::vector<ViewFlag> view_flags = std::vector<ViewFlag>(view_fields().size());
  std::optional<long long> swarm;  // balls in the swarm
  std::string swarm_layout = "random";
  long long seed = 1;                   // the swarm layout's and the noise's (GradientNoise::seed)
  std::optional<double> noise;          // sigma of the gradient noise
  std::optional<long long> batch_size;  // minibatch of a data-backed cost

  int width = 1280, height = 720;  // parsed from `size`
};

enum class ParseOutcome { run, exit_success, exit_failure };

// The flags that say what to simulate (not how to run or render it).
const std::vector<std::string>& flags_describing_a_scene();

// Parses argv; prints --help/--version itself, and one-line errors to stderr (or, given `error`,
// puts the line there instead, without the "losscape: " the terminal shows).
ParseOutcome parse_options(int argc, char** argv, Options& options, std::string* error = nullptr);

// "1920x1080" -> width, height; or what a size looks like.
Result<glm::ivec2> parse_size(const std::string& text);

}  // namespace losscape
