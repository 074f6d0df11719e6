#pragma once
// The command line's description of a scene (--function, --race, --param, --start, --swarm...)
// turned into a Scene; and the parsers for its values, each returning a one-line error.
#include "engine/app/cli/options.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/result.hpp"
#include "engine/render/camera.hpp"
#include "engine/scene/presentation.hpp"
#include "engine/scene/scene.hpp"

#include <string>
#include <vector>

namespace losscape {

// Command line -> what to show: a scene or deck file (with the command line's overrides on the
// starting slide), or a scene made from the flags. Checked by building it once (names,
// parameters, data files) before any window or GL context is made; or a one-line error.
Result<Presentation> make_presentation(const Options& options);
// Options -> scene, or an error naming the option and what is valid (no scene file given).
Result<Scene> scene_from_options(const Options& options);
// What a command line may change on a scene read from a file: --camera, --param (for every ball
// whose optimizer has the key, or OPTIMIZER.KEY), --grid and the view's flags (view_fields.hpp:
// --contours, --wireframe, --colormap, --colour-by, --height-scale, --colourbar, --theme,
// --resolution, --show-basins, ...).
Status apply_overrides(const Options& options, Scene& scene);

// One optimizer parameter: "lr" applies to every optimizer that has it; "adam.lr" to one.
struct ParamSetting {
  std::string optimizer;  // empty: all that have the key
  std::string key;
  double value = 0.0;
};

// Applies the settings meant for `optimizer` to its spec (checking each against its table).
Status apply_params(const std::vector<ParamSetting>& params, OptimizerSpec& optimizer);
// A --param that no optimizer in the scene takes is a typo: says which, naming valid keys.
Status check_every_param_is_used(const std::vector<ParamSetting>& params, const std::vector<std::string>& optimizers);

// "KEY=VALUE" or "OPTIMIZER.KEY=VALUE" -> setting; "X,Y" -> point; "gd,adam" or "all" ->
// optimizer names; "YAW,PITCH[,DISTANCE]" or a view name ("top") -> camera;
// "XMIN,XMAX,YMIN,YMAX" -> domain.
// Each says what it expected when the text is not that.
Result<ParamSetting> parse_param(const std::string& text);
Result<std::vector<std::string>> parse_optimizer_list(const std::string& text);
Result<glm::dvec2> parse_point(const std::string& text);
Result<CameraSpec> parse_camera(const std::string& text);
Result<Domain> parse_domain(const std::string& text);

}  // namespace losscape
