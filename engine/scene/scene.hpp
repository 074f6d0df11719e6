#pragma once
// A scene: everything a picture or a lesson needs, as plain data. The command line builds one,
// a scene file is one (files/scene_file.hpp), the window edits one and saves it; the app turns it
// into a Simulation, a camera and render settings. Scene layer: no GL, no UI.
#include "engine/core/cost_function.hpp"
#include "engine/core/schedule.hpp"
#include "engine/core/stochastic_cost.hpp"
#include "engine/scene/function_source.hpp"
#include "engine/sim/swarm.hpp"

#include <glm/glm.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

// Declared before the structs below use it: their defaulted == look it up where they are defined.
bool operator==(const Domain& a, const Domain& b);

// An optimizer by name with the parameters that differ from its defaults, in the order given.
struct OptimizerSpec {
  std::string name = "gd";
  std::vector<std::pair<std::string, double>> parameters;
  std::optional<ScheduleSpec> schedule =
      std::nullopt;  // a learning-rate schedule (core/schedule.hpp); none: a constant lr
  bool operator==(const OptimizerSpec&) const = default;
};

struct BallSpec {
  std::optional<glm::dvec2> start;  // none: the function's default start
  OptimizerSpec optimizer;
  std::optional<glm::vec3> colour;  // none: from the palette (by optimizer in a race)
  std::string label;                // empty: the optimizer's title
  // A training path's file to replay (training_path_file.hpp), as written: relative to the scene
  // file, as data files are found. Set: the ball steps from checkpoint to checkpoint (its optimizer
  // is PathReplay's name, its start the first checkpoint); empty: it runs `optimizer`. Initialised
  // here so that a ball written {start, optimizer, colour, label} needs no fifth value.
  std::string trajectory = {};
  // A command whose process drives the ball (external_solver.hpp, docs/solver-protocol.md), run in
  // the scene file's folder; empty: it runs `optimizer`. Its answer's timeout in seconds (none: 5).
  std::string solver = {};
  std::optional<double> solver_timeout = {};
  bool operator==(const BallSpec&) const = default;
};

// A ball that replays the training path in the file at `path`.
BallSpec replay_ball(std::string path);
// Whether the ball replays a training path rather than running a method: no parameters, schedule
// or start of its own, and never the method of a swarm or a basin map.
inline bool replays_path(const BallSpec& ball) { return !ball.trajectory.empty(); }
// A ball driven by an external process running `command`.
BallSpec solver_ball(std::string command);
// Whether the ball is driven by an external process: like a replayed path, never the method of a
// swarm or a basin map.
inline bool runs_solver(const BallSpec& ball) { return !ball.solver.empty(); }
// Whether the ball runs one of losscape's methods (neither a replayed path nor a solver process).
inline bool runs_method(const BallSpec& ball) { return !replays_path(ball) && !runs_solver(ball); }

// Swarm members all run one optimizer; none given: the first ball's.
struct SceneSwarm {
  SwarmSpec layout;
  std::optional<OptimizerSpec> optimizer;
  bool operator==(const SceneSwarm&) const = default;
};

enum class Colormap { viridis, magma, cividis, turbo, terrain };
// What the terrain's colours show: f, the steepness |grad f|, or the basin of attraction (the
// basin map painted over the terrain, fully opaque).
enum class ColourBy { height, slope, basin };
// dark: the lecture hall (dark sky, light lines and text); light: printed notes (white sky,
// dark lines and text, a light panel).
enum class Theme { dark, light };

// How the scene is drawn: the panel's View settings, a scene file's "render" object.
struct ViewSettings {
  bool show_trails = true;
  bool show_bounds = true;     // floor grid and bounding box, so depth reads
  bool show_markers = true;    // pins on the known and found minima
  bool show_gradient = false;  // -grad f arrow at each ball
  bool show_velocity = false;  // the optimizer's velocity / momentum arrow
  bool show_preview = false;   // a ghost ball where the next step lands
  bool show_terms = false;     // the explained ball's step, term by term (the Step section's arrows)
  bool show_shadows = true;    // each ball's soft shadow on the terrain
  bool show_contours = false;  // lines of equal f on the terrain
  bool show_wireframe = false;
  bool show_floor_map = false;  // a flat contour map of f on the floor, under the terrain
  bool show_basins = false;     // the basin map painted on the terrain
  bool show_colourbar = true;   // the colour map's key with values of f (or |grad f|), over the picture
  float basin_opacity = 0.6f;
  int basin_grid = 256;            // starts per side of the basin map
  std::size_t basin_steps = 1000;  // its step limit
  // A stability map the window's Analysis section computes and shows when the scene opens, as
  // --axes says it ("lr=0.001:0.3,momentum=0:0.99"); empty: none.
  std::string stability_axes;
  Colormap colormap = Colormap::viridis;
  ColourBy colour_by = ColourBy::height;
  std::optional<HeightTransform> height;  // none: the function's own
  // Vertices per side of a uniform terrain mesh (2 to 2048); none: automatic, a mesh as fine as
  // f's bending asks for, drawn coarser where the view allows (docs/terrain-lod.md).
  std::optional<int> terrain_resolution;
  // Automatic: the finest grid at least this many vertices a side (rounded up to 129, 257, 513
  // or 1025), where f alone would ask for fewer; 0: as f asks. A benchmark's scene says 257 to
  // draw the 256 x 256 terrain it names.
  int terrain_min_finest = 0;
  Theme theme = Theme::dark;
  bool operator==(const ViewSettings&) const = default;
};

// The view, as the orbit camera holds it: angles in degrees, distances in world units (the
// terrain spans [-1, 1] across and [0, 0.7] up). A named view ("top", "front", ...) is resolved
// when the scene is built, then the numbers are what is saved.
struct CameraSpec {
  std::string view;  // empty, "default", "top", "front", "side" or "corner"
  std::optional<float> yaw, pitch, distance, fov;
  // "projection": "orthographic" (true) or "perspective"; the "top" view is orthographic.
  std::optional<bool> orthographic;
  std::optional<glm::vec3> target;    // the point orbited
  std::optional<glm::vec3> position;  // instead of yaw, pitch and distance
  bool operator==(const CameraSpec&) const = default;
};

// A label anchored at a point of the terrain: (x, y) on the surface, or at height f if given.
struct Annotation {
  std::string text;
  glm::dvec2 at{0.0};
  std::optional<double> f;
  bool operator==(const Annotation&) const = default;
};

struct Playback {
  double steps_per_second = 20.0;
  bool playing = true;
  bool operator==(const Playback&) const = default;
};

struct Scene {
  std::string title;                                      // shown over the picture in presenter mode and on slides
  FunctionSource function = BuiltinSource{"himmelblau"};  // a built-in, a formula or data
  std::optional<Domain> domain;                           // a formula's domain (default [-5, 5]^2)
  // A formula's parameter values, overriding its where clause.
  std::vector<std::pair<std::string, double>> formula_parameters;
  std::vector<BallSpec> balls;  // empty: one gradient-descent ball from the default start
  std::optional<SceneSwarm> swarm;
  // Gradient noise, minibatches and the seed of every ball's random numbers ("noise" in files).
  GradientNoise noise;
  CameraSpec camera;  // nothing set: the function's default view
  std::vector<Annotation> annotations;
  ViewSettings view;
  Playback playback;
  // Not saved: the folder of the file the scene came from, where its relative data paths
  // ("mse:points.csv") are looked for first.
  std::string directory;
  bool operator==(const Scene&) const = default;
};

// Sets `name` to `value` in a list of named values (an optimizer's parameters, a formula's): any
// earlier entry of that name goes, and the new one comes last, as it was given.
void set_named_value(std::vector<std::pair<std::string, double>>& list, const std::string& name, double value);

// The names used in files and on the command line.
const char* to_string(Colormap colormap);
const char* to_string(ColourBy colour_by);
const char* to_string(Theme theme);
bool parse_colormap(const std::string& text, Colormap& out);
bool parse_colour_by(const std::string& text, ColourBy& out);
// Sets what the terrain's colours show, by name; leaving "basin" takes the basin map off too, as B
// does, so it does not stay painted under the new colours. False (nothing changed) when unknown.
bool set_colour_by(const std::string& text, ViewSettings& view);
// How opaque the basin map is painted over the terrain: fully when colouring by basin, else as
// the overlay says where it is shown; none when it is not painted (nor needs computing).
std::optional<float> basin_map_opacity(const ViewSettings& view);
// The terrain shows the basin map's colours, not f's: colouring by basin, or an overlay turned up
// to opaque. A key to the colour map would mislead.
bool colours_by_basin(const ViewSettings& view);
// B in the window: the basin map off when it is painted (colouring by height again when it was
// by basin), else the overlay on.
void toggle_basin_map(ViewSettings& view);
bool parse_theme(const std::string& text, Theme& out);
// The terrain mesh as files and the command line name it: "auto", "auto:N" (automatic, the
// finest grid at least N vertices a side, 2 to 1025) or "N" (a uniform N x N mesh, 2 to 2048).
// False, and `view` unchanged, for anything else.
bool parse_terrain_resolution(const std::string& text, ViewSettings& view);
std::string terrain_resolution_name(const ViewSettings& view);
// Each enum's names, in its order.
const std::vector<std::string>& colormap_names();
const std::vector<std::string>& colour_by_names();
const std::vector<std::string>& theme_names();

}  // namespace losscape
