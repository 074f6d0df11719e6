#include "engine/app/cli/options.hpp"

#include "engine/app/cli/basins_device.hpp"
#include "engine/core/one_line.hpp"

#include "engine/app/cli/print_error.hpp"
#include "engine/core/stochastic_cost.hpp"
#include "engine/scene/external_solver.hpp"
#include "engine/scene/surface_height.hpp"
#include "engine/sim/swarm.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <sstream>

namespace losscape {

Result<glm::ivec2> parse_size(const std::string& text) {
  const Error error{"invalid --size '" + text + "': expected WIDTHxHEIGHT, each 1 to 16384, e.g. 1920x1080"};
  const auto x = text.find('x');
  if (x == std::string::npos) return error;
  try {
    std::size_t used_w = 0, used_h = 0;
    const long long w = std::stoll(text.substr(0, x), &used_w);
    const long long h = std::stoll(text.substr(x + 1), &used_h);
    if (used_w != x || used_h != text.size() - x - 1) return error;
    if (w < 1 || h < 1 || w > 16384 || h > 16384) return error;
    return glm::ivec2(static_cast<int>(w), static_cast<int>(h));
  } catch (const std::exception&) {
    return error;
  }
}

namespace {

// A whole number of at least `min` (and at most `max`). CLI11's own NonNegativeNumber and
// PositiveNumber name their range up to the largest double, three hundred digits ("not in range
// 0.000000 to 17976..."): this says it the way the other range messages do. Text that is no number
// is left to the conversion, which says so itself.
CLI::Validator at_least(long long min, long long max = std::numeric_limits<long long>::max()) {
  const std::string range = max == std::numeric_limits<long long>::max()
                                ? std::to_string(min) + " or more"
                                : std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        long long value = 0;
        const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (failure != std::errc() || end != text.data() + text.size() || (value >= min && value <= max)) return {};
        return "Value " + text + " not in range: " + range;
      },
      range);
}

// A number in a range, said as at_least says it when it is not (`range`: "0 to 10"); text that is
// no number says so.
CLI::Validator number_in(double min, bool min_exclusive, double max, const std::string& range) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        // strtod, not from_chars: Emscripten's libc++ may lack from_chars for doubles.
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return "'" + text + "' is not a number";
        if ((min_exclusive ? value > min : value >= min) && value <= max) return {};  // NaN is neither
        return "Value " + text + " not in range: " + range;
      },
      range);
}

// A number from 0 to `max`.
CLI::Validator number_up_to(double max) {
  std::ostringstream range;
  range << "0 to " << max;
  return number_in(0.0, false, max, range.str());
}

// A duration in seconds: more than 0, at most `max`.
CLI::Validator seconds_up_to(double max) {
  std::ostringstream range;
  range << "more than 0 and at most " << max << " seconds";
  return number_in(0.0, true, max, range.str());
}

// A number greater than 0 and less than `below` (--eps), said as the other range messages say it.
CLI::Validator share_below(double below) {
  return CLI::Validator(
      [below](std::string& text) -> std::string {
        // strtod, not from_chars: the browser build's standard library has no from_chars for doubles.
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || (value > 0.0 && value < below)) return {};
        return "Value " + text + " not in range: more than 0 and less than " + CLI::detail::to_string(below);
      },
      "more than 0, less than " + CLI::detail::to_string(below));
}

// The view's flags, from its table: a switch's flag sets its on/off, a value's its text. Returns
// the switches' options by row (nullptr for the other rows), to tell given from not.
std::vector<CLI::Option*> add_view_flags(CLI::App& app, Options& o) {
  std::vector<CLI::Option*> switches(view_fields().size(), nullptr);
  for (std::size_t i = 0; i < view_fields().size(); ++i) {
    const ViewField& field = view_fields()[i];
    if (!field.flag) continue;
    if (field.on_off) {
      switches[i] = app.add_flag(field.flag, o.view_flags[i].on, field.flag_help);
    } else {
      app.add_option(field.flag, o.view_flags[i].text, field.flag_help);
    }
  }
  return switches;
}

}  // namespace

const std::vector<std::string>& flags_describing_a_scene() {
  static const std::vector<std::string> flags = {"--function", "--domain",     "--optimizer",    "--race",
                                                 "--start",    "--swarm",      "--swarm-layout", "--seed",
                                                 "--noise",    "--batch-size", "--trajectory",   "--solver"};
  return flags;
}

namespace {

// Every option, in the order --help lists them; returns the view's on/off switches (see
// add_view_flags), whose values are only meant where given.
std::vector<CLI::Option*> declare_options(CLI::App& app, Options& o) {
  app.set_version_flag("--version", std::string("losscape ") + LOSSCAPE_VERSION);
  app.add_option(
      "scene", o.scene_file,
      "scene file or deck of scenes (JSON) to open, e.g. scenes/rosenbrock.json, or a loss-surface file (.h5)");
  app.add_option("--slide", o.slide, "start a deck on scene N (1 = the first)")->check(at_least(1));
  app.add_option("--function", o.function,
                 "built-in cost function (see --list-functions) or a formula in x and y, e.g. \"x^2 + 10*y^2\"")
      ->capture_default_str();
  app.add_option("--domain", o.domain, "a formula's domain XMIN,XMAX,YMIN,YMAX (default -5,5,-5,5)");
  app.add_option("--surface-height", o.surface_height,
                 "a loss-surface file's heights, rolled on as drawn: " + surface_scale_names() +
                     " (log(z + 0.1), as loss-landscape's h52vtp.py --log)");
  app.add_option("--zmax", o.zmax,
                 "clamp a loss-surface file's values above Z to Z (before the log; h52vtp.py --zmax)");
  app.add_option("--optimizer", o.optimizer, "optimizer for every ball (see --list-optimizers)")->capture_default_str();
  app.add_option("--race", o.race, "race several optimizers from the same start: gd,momentum,adam or all");
  app.add_option("--param", o.params,
                 "optimizer parameter KEY=VALUE or OPTIMIZER.KEY=VALUE (repeatable), e.g. lr=0.02 adam.lr=0.05");
  app.add_option("--schedule", o.schedule,
                 "learning-rate schedule for every ball, torch's class and keys: NAME[:KEY=VALUE,...], e.g. "
                 "CosineAnnealingLR:T_max=500 (see --list-schedules; none: no schedule)");
  app.add_option("--start", o.starts, "start point X,Y (repeatable: one ball each)");
  app.add_option("--trajectory", o.trajectory,
                 "add a ball replaying a training path: loss-landscape's projected trajectory (.h5, proj_xcoord and "
                 "proj_ycoord) or a CSV with columns x and y");
  app.add_option("--solver", o.solver,
                 "add a ball (one per --start) driven by an external process: COMMAND, run by /bin/sh -c, speaks "
                 "JSON lines on stdin/stdout (docs/solver-protocol.md), e.g. \"python3 examples/solvers/momentum.py\"");
  app.add_option("--solver-timeout", o.solver_timeout,
                 "seconds a solver process may take to answer one step before its ball stops (default 5)")
      ->check(seconds_up_to(ExternalSolver::kMaxTimeout));
  app.add_option("--steps", o.steps, "run N solver steps per ball, then stop")->check(at_least(0));
  app.add_flag("--headless", o.headless, "render without a window (EGL), write the last frame as PNG");
  app.add_option("--frames", o.frames, "simulate N frames at 60 fps before the screenshot")->check(at_least(0));
  app.add_option("--size", o.size, "image size WIDTHxHEIGHT for --headless/--screenshot")->capture_default_str();
  app.add_option("--camera", o.camera,
                 "view from YAW,PITCH[,DISTANCE] (degrees; default -40,36,4.3) or a named view: top (flat, top-down "
                 "contour view), front, side, corner, default");
  app.add_option("--screenshot", o.screenshot, "write the last frame to PATH.png (implies --headless)");
  app.add_option("--record", o.record,
                 "record a video (PATH.mp4), an animation (PATH.gif) or PNG frames (a folder), headless");
  app.add_option("--seconds", o.seconds, "length of the recording, in simulated seconds")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  app.add_option("--fps", o.fps, "frames per second of the recording")
      ->capture_default_str()
      ->check(CLI::Range(1, 240));
  app.add_option("--msaa", o.msaa,
                 "anti-aliasing samples: 0, 2, 4 or 8 (default: 4 for pictures; for recordings and the "
                 "window 4 on a GPU, 0 on software OpenGL, where 4 halves the frame rate)")
      ->check(CLI::IsMember({0, 2, 4, 8}));
  app.add_option("--orbit", o.orbit, "turn the camera this many degrees around the terrain during the recording");
  app.add_option("--export-trajectories", o.export_trajectories, "write every ball's steps to PATH.csv");
  app.add_flag("--list-functions", o.list_functions, "list the built-in cost functions");
  app.add_flag("--list-optimizers", o.list_optimizers, "list the optimizers and their parameters");
  app.add_flag("--list-schedules", o.list_schedules, "list the learning-rate schedules and their keys");
  app.add_flag("--fullscreen", o.fullscreen, "open the window fullscreen");
  app.add_option("--basins", o.basins,
                 "write the basin-of-attraction map of the first optimizer to PATH.png (no GL needed)");
  app.add_option("--basins-csv", o.basins_csv,
                 "write each start's outcome to PATH.csv (x0,y0,minimum,minimum_x,minimum_y,steps,status)");
  app.add_option("--basins-device", o.basins_device,
                 "where --basins runs: " + compute_device_help() + "; default auto");
  app.add_option("--grid", o.grid, "starts per side for --basins (default 256), cells for --stability (default 128)")
      ->check(CLI::Range(2, 4096));
  app.add_option("--stability", o.stability,
                 "write the stability map of the first optimizer from the first start to PATH.png: steps to "
                 "f - f* < eps over two parameters (--axes; no GL needed)");
  app.add_option("--stability-csv", o.stability_csv, "write each cell of the stability map to PATH.csv");
  app.add_option("--axes", o.axes,
                 "the stability map's parameters KEY[=LO:HI],KEY[=LO:HI], e.g. lr,momentum or lr=1e-4:1,beta1=0:0.99 "
                 "(default: lr and the optimizer's next parameter)");
  app.add_option("--eps", o.eps, "arrived when f - f* < eps (f(start) - f*), for --stability and --compare")
      ->capture_default_str()
      ->check(share_below(1.0));
  app.add_option("--compare", o.compare,
                 "race the optimizers (--race) on the functions (--compare-functions), each at its best lr of a log "
                 "grid; write PATH.csv and its table PATH.md");
  app.add_option("--compare-functions", o.compare_functions,
                 "the functions --compare runs on, a comma list (default: the scene's function)");
  std::vector<CLI::Option*> switches = add_view_flags(app, o);
  app.add_option("--swarm", o.swarm,
                 "launch N balls at once (1 to 1000000; above 10000 on the GPU or in the CPU's lanes: "
                 "--swarm-device), each coloured by the minimum it ends in")
      ->check(CLI::Range(std::size_t{1}, kMaxSwarm));
  app.add_option("--swarm-device", o.swarm_device,
                 "where a swarm of more than 10000 runs: " + compute_device_help() + "; default auto");
  app.add_option("--swarm-layout", o.swarm_layout, "where the swarm starts: grid, random or lhs (Latin hypercube)")
      ->capture_default_str();
  app.add_option("--seed", o.seed,
                 "seed of a random or lhs swarm layout, and of each ball's noise, minibatches and sgld/anneal draws "
                 "(0 to 2^53)")
      ->capture_default_str()
      ->check(at_least(0, 1LL << 53));
  app.add_option("--noise", o.noise, "add SIGMA * N(0, I) to every gradient an optimizer sees (seeded by --seed)")
      ->check(number_up_to(kMaxNoiseSigma));
  app.add_option("--batch-size", o.batch_size,
                 "minibatch: N samples of a data-backed cost (mse:FILE.csv) drawn each step (seeded by --seed)")
      ->check(at_least(1));
  app.add_flag("--no-overlay", o.no_overlay,
               "pictures without the scene's title, annotations, legends, colour bar and axes' values");
  app.add_flag("--transparent", o.transparent, "pictures without the sky: a transparent background (RGBA PNG)");
  app.add_flag("--bench", o.bench, "render --frames frames (default 300) headless at --size, print frame times");
  return switches;
}

}  // namespace

ParseOutcome parse_options(int argc, char** argv, Options& o, std::string* error) {
  // The one line goes to the terminal, or to the caller that words it its own way (Python).
  const auto fail = [error](const std::string& message) {
    if (error) {
      *error = message;
    } else {
      print_error(message);
    }
    return ParseOutcome::exit_failure;
  };
  CLI::App app{"losscape: cost functions as lit 3D terrain, with optimizers rolling down them", "losscape"};
  const std::vector<CLI::Option*> switches = declare_options(app, o);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return ParseOutcome::exit_success;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return ParseOutcome::exit_success;
  } catch (const CLI::ParseError& e) {
    return fail(std::string(e.what()) + " (see losscape --help)");
  }
  o.grid_given = app.count("--grid") > 0;
  // CLI11 sets a flag's optional even when it is not given.
  for (std::size_t i = 0; i < switches.size(); ++i) {
    if (switches[i] && switches[i]->count() == 0) o.view_flags[i].on.reset();
  }
  for (const std::string& flag : flags_describing_a_scene()) {
    if (app.count(flag) > 0) o.scene_flags_given.push_back(flag);
  }
  // `losscape PATH.h5`: a loss-landscape surface file is a function, not a scene.
  if (const std::string extension = std::filesystem::path(o.scene_file).extension().string();
      extension == ".h5" || extension == ".hdf5") {
    if (app.count("--function") > 0) {
      return fail(o.scene_file + " and --function both name the function: give one");
    }
    o.function = "h5:" + o.scene_file;
    o.scene_file.clear();
  }
  for (const auto& [flag, value] :
       {std::pair{"--basins-device", &o.basins_device}, {"--swarm-device", &o.swarm_device}}) {
    if (!parse_compute_device(*value)) {
      return fail(std::string("invalid ") + flag + " '" + one_line(*value) + "': expected " + compute_device_choices());
    }
  }
  const auto size = parse_size(o.size);
  if (!size) return fail(size.error());
  o.width = size->x;
  o.height = size->y;
  return ParseOutcome::run;
}

}  // namespace losscape
