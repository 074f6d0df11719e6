// losscape._engine: the engine as a Python extension module (pybind11), the Python front-end.
// It is deliberately thin: a scene is made by the command line's own parser and scene builder
// (or the scene file reader), run by a Session, and drawn by the same headless picture path as
// --screenshot, so Python and the command line cannot disagree on a trajectory, a pixel or an
// error's wording. python/losscape/scene.py is its Pythonic face (keywords, dataclasses, pandas,
// Jupyter); python/losscape/_engine.pyi describes what is here.
//
// Python's headers appear in engine/app/python/ only (tests/layers/check_layers.sh).
#include "engine/app/capture/recording.hpp"
#include "engine/app/cli/batch.hpp"
#include "engine/app/cli/command_line_scene.hpp"
#include "engine/app/cli/options.hpp"
#include "engine/app/python/headless_pictures.hpp"
#include "engine/app/python/python_optimizer.hpp"
#include "engine/app/window/interactive_app.hpp"
#include "engine/core/formula/formula_jit.hpp"
#include "engine/core/one_line.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/basin_palette.hpp"
#include "engine/render/png_encoder.hpp"
#include "engine/scene/external_solver.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/scene/view_fields.hpp"
#include "engine/session/session.hpp"
#include "engine/sim/basin_statistics.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace losscape {
namespace {

// A one-line error as Python's exception: FileNotFoundError when `path` names a file that is not
// there, ValueError otherwise. The message is the command line's line without "losscape: ".
[[noreturn]] void raise(const std::string& message, const std::string& path = {}) {
  std::error_code ignored;
  if (!path.empty() && !std::filesystem::exists(path, ignored)) {
    PyErr_SetString(PyExc_FileNotFoundError, one_line(message).c_str());
  } else {
    PyErr_SetString(PyExc_ValueError, one_line(message).c_str());
  }
  throw py::error_already_set();
}

// A failure of the machine rather than the input (no ffmpeg, no EGL) as Python's RuntimeError.
[[noreturn]] void fail_at_run_time(const std::string& message) {
  PyErr_SetString(PyExc_RuntimeError, one_line(message).c_str());
  throw py::error_already_set();
}

// The command line's flags that a Python scene may be given as keywords: those that describe a
// scene, those that change one read from a file (apply_overrides), and the view's (view_fields()).
std::vector<std::string> scene_flags() {
  std::vector<std::string> flags = flags_describing_a_scene();
  for (const char* flag : {"--param", "--schedule", "--camera", "--grid", "--surface-height", "--zmax"}) {
    flags.emplace_back(flag);
  }
  for (const ViewField& field : view_fields()) {
    if (!field.flag) continue;
    const std::string names = field.flag;
    flags.push_back(names.substr(0, names.find(',')));  // "--colourbar,!--no-colourbar"
  }
  return flags;
}

// The data file a failed scene names, to tell a missing file from a broken one.
std::string named_file(const Options& options) {
  if (!options.scene_file.empty()) return options.scene_file;
  if (options.function.rfind("h5:", 0) == 0) return options.function.substr(3);
  if (!options.trajectory.empty()) return options.trajectory;
  return {};
}

// The command line's options for `arguments` (without the program's name); ValueError with its
// line where it refuses them.
Options parsed(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv_text = {"losscape"};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  argv.reserve(argv_text.size());
  for (std::string& text : argv_text) argv.push_back(text.data());
  Options options;
  std::string error;
  if (parse_options(static_cast<int>(argv.size()), argv.data(), options, &error) != ParseOutcome::run) {
    raise(error.empty() ? "invalid arguments" : error);
  }
  return options;
}

// The statistics panel's numbers for a map (summarize()), as a dict of BasinStatistics' fields.
py::dict statistics_dict(const BasinStatistics& s) {
  py::dict out;
  out["starts"] = s.starts;
  out["global_share"] = s.global_share;
  out["diverged_share"] = s.diverged_share;
  out["converged_share"] = s.converged_share;
  out["mean_steps"] = s.mean_steps;
  out["median_steps"] = s.median_steps;
  out["global_known"] = s.global_known;
  return out;
}

// What a basin map or learning-rate sweep runs: the scene's cost and its first ball's optimizer,
// built whole as --basins builds them; or, given a Python optimizer (`python`: (object, name, lr or
// None)), a fresh copy.deepcopy of the object as given at every start (python_optimizer.hpp's
// PythonStarts), on one thread, since each of its steps holds the GIL. The same BasinMapper and
// step rules either way: only the optimizer differs.
class MapRun {
 public:
  MapRun(const Scene& scene, const py::object& python) {
    auto simulation = build_probe_simulation(scene);
    if (!simulation) raise(simulation.error());
    simulation_ = std::move(*simulation);
    optimizer_ = simulation_->balls().front().optimizer.get();
    if (python.is_none()) return;
    const auto [object, name, lr] = python.cast<std::tuple<py::object, std::string, std::optional<double>>>();
    name_ = name;
    starts_.deepcopy = py::module_::import("copy").attr("deepcopy");
    try {  // once here, so that an object copy.deepcopy cannot copy is refused before any start
      starts_.prototype = starts_.deepcopy(object);
    } catch (py::error_already_set& error) {
      const std::string line = "cannot copy " + name + " for each start (copy.deepcopy: " + exception_line(error) + ")";
      py::raise_from(error, PyExc_TypeError, line.c_str());
      throw py::error_already_set();
    }
    python_ = std::make_unique<PythonOptimizer>(starts_, name, lr);
    optimizer_ = python_.get();
  }
  MapRun(const MapRun&) = delete;
  MapRun& operator=(const MapRun&) = delete;

  const CostFunction& cost() const { return simulation_->cost(); }
  const Optimizer& optimizer() const { return *optimizer_; }
  const std::atomic<bool>* cancel() const { return python_ ? &starts_.cancel : nullptr; }
  BasinSettings settings(int grid, std::size_t max_steps) const {
    BasinSettings settings;
    settings.grid = grid;
    settings.max_steps = max_steps;
    settings.threads = python_ ? 1 : 0;
    return settings;
  }
  // After the run: the Python optimizer's failure that stopped it as RuntimeError("basin map:
  // Momentum at start (x, y), step 3: ZeroDivisionError: ...") from the exception itself, whose
  // traceback Jupyter shows; Ctrl-C as KeyboardInterrupt. Nothing when none failed.
  void raise_failure(const std::string& what) {
    if (!python_ || !starts_.cancel) return;
    if (starts_.error && starts_.error->matches(PyExc_KeyboardInterrupt)) {
      starts_.error->restore();
      throw py::error_already_set();
    }
    const std::string line = one_line(what + ": " + name_ + " " + starts_.failure);
    if (!starts_.error) fail_at_run_time(line);
    py::raise_from(*starts_.error, PyExc_RuntimeError, line.c_str());
    throw py::error_already_set();
  }

 private:
  std::unique_ptr<Simulation> simulation_;
  const Optimizer* optimizer_ = nullptr;
  std::string name_;
  PythonStarts starts_;
  std::unique_ptr<PythonOptimizer> python_;  // after starts_: dropped first
};

// One scene and its running simulation. run() starts it again from its starts; render() draws it
// as it stands, the way --steps N --screenshot does after N steps.
class PythonScene {
 public:
  // The command line's arguments (without the program's name): a scene file, or flags.
  static PythonScene from_arguments(const std::vector<std::string>& arguments) {
    Options options = parsed(arguments);
    auto presentation = make_presentation(options);
    if (!presentation) raise(presentation.error(), named_file(options));
    return PythonScene(std::move(options), std::move(*presentation));
  }

  // A scene file's JSON text, read by the scene reader; `directory`: where its data paths start.
  static PythonScene from_json(const std::string& text, const std::string& directory) {
    auto scene = read_scene(text, "scene", directory);
    if (!scene) raise(scene.error());
    Presentation presentation(std::move(*scene));
    if (const auto probe = build_probe_simulation(presentation.scene()); !probe) {
      raise(presentation.function_error_prefix(probe.error()) + probe.error());
    }
    return PythonScene(Options{}, std::move(presentation));
  }

  // The scene as a scene file says it (scene JSON).
  std::string to_json() const { return write_scene(presentation_.scene()); }

  // Balls driven by Python objects (python_optimizer.hpp), each a (object, name) pair: one ball per
  // start of the scene's balls, after them; `replace_methods`: the scene's balls only gave the starts
  // and are dropped (Scene(optimizer=MyGD()) races nothing built in).
  void set_python_optimizers(const std::vector<std::pair<py::object, std::string>>& optimizers, bool replace_methods) {
    python_optimizers_ = optimizers;
    replace_methods_ = replace_methods;
    restart();
  }

  // Runs `steps` solver steps from the starts: per ball, its number, its optimizer's name, an
  // (n, 6) array of step, x, y, f, gx, gy (the columns of --export-trajectories; row 0 the
  // start), its status and why it stopped (one line, empty unless a solver or a Python optimizer
  // failed). A swarm's balls keep no path (nor does --export-trajectories write one): left out.
  py::list run(std::size_t steps) {
    restart();  // with the GIL: it may copy Python optimizers
    {
      py::gil_scoped_release unlocked;  // a Python ball takes it back for each of its steps
      session_->simulation().run_steps(steps);
    }
    py::list out;
    const std::vector<Ball>& balls = session_->simulation().balls();
    for (std::size_t b = 0; b < balls.size(); ++b) {
      const Ball& ball = balls[b];
      if (ball.swarm) continue;
      py::array_t<double> rows({static_cast<py::ssize_t>(ball.history.size()), py::ssize_t{6}});
      auto r = rows.mutable_unchecked<2>();
      for (std::size_t i = 0; i < ball.history.size(); ++i) {
        const TrajectorySample& s = ball.history[i];
        const auto row = static_cast<py::ssize_t>(i);
        r(row, 0) = static_cast<double>(i);
        r(row, 1) = s.position.x;
        r(row, 2) = s.position.y;
        r(row, 3) = s.value;
        r(row, 4) = s.gradient.x;
        r(row, 5) = s.gradient.y;
      }
      std::string failure;
      if (const auto* solver = as_external_solver(*ball.optimizer)) failure = solver->failure();
      if (const auto* python = as_python_optimizer(*ball.optimizer)) failure = python->failure();
      out.append(py::make_tuple(b, ball.optimizer->name(), std::move(rows), status_text(ball), failure));
    }
    return out;
  }

  // How the swarm's members are spread now (after the last run; as built before one): where it
  // runs (Simulation::swarm_note, empty for a swarm of Ball members up to 10,000), the counts, and
  // per minimum listed so far its x, y, f, whether it is global, and the members resting there.
  py::dict swarm() const {
    const Simulation& simulation = session_->simulation();
    const SwarmCounts counts = simulation.swarm_counts();  // names the minima members found
    py::list minima;
    for (std::size_t m = 0; m < counts.per_minimum.size(); ++m) {
      const NamedMinimum& minimum = simulation.minima()[m];
      minima.append(
          py::make_tuple(minimum.position.x, minimum.position.y, minimum.value, minimum.global, counts.per_minimum[m]));
    }
    py::dict out;
    out["where"] = simulation.swarm_note();
    out["total"] = counts.total;
    out["running"] = counts.running;
    out["diverged"] = counts.diverged;
    out["other"] = counts.other;
    out["minima"] = minima;
    return out;
  }

  // The scene drawn now, as an (height, width, 4) uint8 array, top row first.
  py::array_t<std::uint8_t> render(const std::string& size, const std::string& camera, bool overlay, bool transparent,
                                   int msaa) {
    const auto parsed_size = parse_size(size);
    if (!parsed_size) raise(parsed_size.error());
    PictureKey key{generation_, parsed_size->x, parsed_size->y, camera, overlay, transparent, msaa};
    if (kept_ && kept_->first == key) return pixels_of(kept_->second);
    Scene scene = presentation_.scene();
    if (!camera.empty()) {  // as --camera changes a scene: angles keep its target and field of view
      Options options;
      options.camera = camera;
      if (Status applied = apply_overrides(options, scene); !applied) raise(applied.error());
    }
    PictureSettings settings;
    settings.width = parsed_size->x;
    settings.height = parsed_size->y;
    settings.overlay = overlay;
    settings.transparent = transparent;
    Result<Image> image = Error{""};
    {
      py::gil_scoped_release unlocked;
      image = draw_picture(scene, session_->simulation(), generation_, settings, msaa);
    }
    if (!image) {
      PyErr_SetString(PyExc_RuntimeError, one_line(image.error()).c_str());
      throw py::error_already_set();
    }
    py::array_t<std::uint8_t> pixels = pixels_of(*image);
    kept_.reset();
    if (image->rgba.size() <= kKeptPictureBytes) kept_.emplace(std::move(key), std::move(*image));
    return pixels;
  }

  // The scene recorded into `path` (.mp4 or .gif) as --record PATH with `flags` (--seconds, --fps,
  // --size, --orbit: read and checked by the command line's parser) records it: from its starts,
  // each frame 1/fps of simulated time, by the same frame loop. The scene stands at the
  // recording's end afterwards. ValueError for a bad setting (the command line's line);
  // RuntimeError where ffmpeg is missing or fails, or nothing can draw.
  void animate(const std::string& path, std::vector<std::string> flags) {
    flags.insert(flags.begin(), {"--record", path});
    const Options options = parsed(flags);
    RecordingSettings settings;
    settings.path = path;
    settings.seconds = options.seconds;
    settings.fps = options.fps;
    settings.width = options.width;
    settings.height = options.height;
    settings.orbit_degrees = options.orbit;
    const auto format = recording_format(path);
    if (!format) raise(format.error());
    if (*format != RecordingFormat::png_sequence && !ffmpeg_available()) {
      fail_at_run_time(Recording::start(settings).error());  // the line that says how to install it
    }
    auto recording = Recording::start(settings);
    if (!recording) raise(recording.error());
    restart(false);  // as --record runs it: no history kept
    PictureSettings picture;
    picture.width = settings.width;
    picture.height = settings.height;
    Status recorded;
    {
      py::gil_scoped_release unlocked;
      Simulation& simulation = session_->simulation();
      recorded = record_frames(**recording, simulation, initial_camera(presentation_.scene(), simulation.cost()),
                               [&](const OrbitCamera& camera) {
                                 return draw_picture(presentation_.scene(), simulation, generation_, picture, -1,
                                                     &camera, true);
                               });
    }
    if (!recorded) fail_at_run_time(recorded.error());
  }

  // The basin map --basins computes with `flags` (--grid, --steps: read by the command line's
  // parser): a dict of numpy arrays (see _engine.pyi), the numbers --basins-csv writes, the
  // statistics panel's numbers and the picture --basins writes as PNG bytes. `python`: a Python
  // optimizer's (object, name, lr) to map instead of the scene's first ball's (MapRun).
  py::dict basins(const std::vector<std::string>& flags, const py::object& python) {
    const Options options = parsed(flags);
    const std::size_t max_steps = options.steps ? static_cast<std::size_t>(*options.steps) : 1000;
    Result<BasinMap> computed = Error{""};
    if (python.is_none()) {  // the command line's own computation
      py::gil_scoped_release unlocked;
      computed = compute_scene_basins(presentation_.scene(), options.grid, max_steps);
    } else {
      MapRun run(presentation_.scene(), python);
      BasinMap map;
      bool finished = false;
      {
        py::gil_scoped_release unlocked;
        finished =
            compute_basins(run.cost(), run.optimizer(), run.settings(options.grid, max_steps), map, run.cancel());
      }
      run.raise_failure("basin map");
      if (finished) computed = std::move(map);
    }
    if (!computed) raise(computed.error().empty() ? "basin map: cancelled" : computed.error());
    const BasinMap& map = *computed;
    const auto grid = static_cast<py::ssize_t>(map.grid);
    py::array_t<std::int32_t> labels({grid, grid});
    py::array_t<std::uint32_t> steps({grid, grid});
    for (std::size_t k = 0; k < map.label.size(); ++k) {
      labels.mutable_data()[k] = std::max(map.label[k], std::int32_t{-1});  // every other outcome: -1
      steps.mutable_data()[k] = map.steps[k];
    }
    py::list status;
    for (const BallStatus s : map.status) status.append(to_string(s));
    const auto k = static_cast<py::ssize_t>(map.minima.size());
    py::array_t<double> minima({k, py::ssize_t{2}});
    py::array_t<double> values(k);
    py::array_t<std::int64_t> starts(k);
    py::list global;
    for (py::ssize_t m = 0; m < k; ++m) {
      const BasinMinimum& b = map.minima[static_cast<std::size_t>(m)];
      minima.mutable_at(m, 0) = b.position.x;
      minima.mutable_at(m, 1) = b.position.y;
      values.mutable_at(m) = b.value;
      starts.mutable_at(m) = static_cast<std::int64_t>(b.starts);
      global.append(b.global);
    }
    const std::vector<std::uint8_t> png = encode_png(basin_image(map));
    py::dict out;
    out["labels"] = labels;
    out["steps"] = steps;
    out["status"] = status;
    out["minima"] = minima;
    out["values"] = values;
    out["starts"] = starts;
    out["global"] = global;
    out["domain"] = py::make_tuple(map.domain.x_min, map.domain.x_max, map.domain.y_min, map.domain.y_max);
    out["png"] = py::bytes(reinterpret_cast<const char*>(png.data()), png.size());
    out["statistics"] = statistics_dict(summarize(map));
    out["seconds"] = map.seconds;
    out["point_steps"] = map.point_steps;
    return out;
  }

  // The statistics panel's learning-rate sweep of the scene's first optimizer (or `python`'s, as
  // basins()): one map per learning rate, `points` of them on a log scale, each a grid x grid map
  // (`flags`: --grid, --steps) from lr/300 to 30 lr as the panel sweeps, or over `range` (lr_min,
  // lr_max) when given. A dict: optimizer (its name), lr (its own), lrs, statistics (one dict per
  // lr), seconds.
  py::dict sweep(const std::vector<std::string>& flags, int points, std::optional<std::pair<double, double>> range,
                 const py::object& python) {
    const Options options = parsed(flags);
    MapRun run(presentation_.scene(), python);
    const Optimizer& optimizer = run.optimizer();
    const auto& table = optimizer.parameter_table();
    const auto lr = std::find_if(table.begin(), table.end(), [](const ParameterSpec& p) { return p.key == "lr"; });
    if (lr == table.end()) raise("learning-rate sweep: " + optimizer.name() + " has no learning rate (lr)");
    SweepSettings settings;
    settings.points = points;
    settings.basins = run.settings(options.grid, options.steps ? static_cast<std::size_t>(*options.steps) : 1000);
    if (range) {
      settings.lr_min = range->first, settings.lr_max = range->second;
    } else {
      settings = sweep_around(optimizer.parameter("lr"), lr->min_value, lr->max_value, settings);
    }
    std::vector<SweepPoint> swept;
    bool finished = false;
    const auto started = std::chrono::steady_clock::now();
    {
      py::gil_scoped_release unlocked;
      finished = sweep_learning_rate(run.cost(), optimizer, settings, swept, run.cancel());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.raise_failure("learning-rate sweep");
    if (!finished) fail_at_run_time("learning-rate sweep: cancelled");
    py::list lrs, statistics;
    for (const SweepPoint& point : swept) {
      lrs.append(point.lr);
      statistics.append(statistics_dict(point.statistics));
    }
    py::dict out;
    out["optimizer"] = optimizer.name();
    out["lr"] = optimizer.parameter("lr");
    out["lrs"] = lrs;
    out["statistics"] = statistics;
    out["seconds"] = seconds;
    return out;
  }

  // The interactive window on this scene; RuntimeError where none can open (no display). Ctrl-C
  // (Jupyter's interrupt) closes it and raises KeyboardInterrupt: Python's handler only notes the
  // signal, so the frame loop asks after each frame. The Python optimizers race in the window too,
  // each ball on a copy.deepcopy of its object (so the window leaves this scene's balls as they
  // are), again after every edit that rebuilds the balls; the copies live until the window closes.
  int show() {
    std::vector<py::object> window_copies;
    Session::BallAdder add_balls;
    if (!python_optimizers_.empty()) {
      add_balls = [this, &window_copies](Simulation& simulation) { add_python_balls(simulation, window_copies, true); };
    }
    auto app = InteractiveApp::create(options_, presentation_, add_balls);
    if (!app) {
      PyErr_SetString(PyExc_RuntimeError, one_line(app.error()).c_str());
      throw py::error_already_set();
    }
    bool interrupted = false;
    const int code = (*app)->run([&] {
      interrupted = PyErr_CheckSignals() != 0;
      return !interrupted;
    });
    if (interrupted) throw py::error_already_set();  // the window closes as the app goes
    return code;
  }

 private:
  PythonScene(Options options, Presentation presentation)
      : options_(std::move(options)), presentation_(std::move(presentation)) {
    restart();
  }

  // What a picture was drawn from: the simulation (numbered anew by each restart(), the only way
  // Python changes it) and render()'s arguments.
  using PictureKey = std::tuple<std::uint64_t, int, int, std::string, bool, bool, int>;
  // The last picture is kept, up to 4K's 33 MB: the same arguments on the same simulation draw the
  // same pixels, so Jupyter showing a scene again, or a notebook asking twice, costs a copy (well
  // under a millisecond) instead of a drawing (20 to 150 ms of llvmpipe's at 1280x720).
  static constexpr std::size_t kKeptPictureBytes = std::size_t{3840} * 2160 * 4;

  static py::array_t<std::uint8_t> pixels_of(const Image& image) {
    py::array_t<std::uint8_t> pixels(
        {static_cast<py::ssize_t>(image.height), static_cast<py::ssize_t>(image.width), py::ssize_t{4}});
    std::memcpy(pixels.mutable_data(), image.rgba.data(), image.rgba.size());
    return pixels;
  }

  // `history`: keep each ball's path (what run() returns).
  void restart(bool history = true) {
    SimulationSettings settings;
    settings.record_history = history;
    auto session = Session::create(presentation_, settings);
    if (!session) raise(session.error());  // built once already by make_presentation: not expected
    session_ = std::move(*session);
    generation_ = next_simulation_generation();
    kept_.reset();  // of the simulation gone
    if (!python_optimizers_.empty()) {
      copies_.clear();  // of the simulation gone
      add_python_balls(session_->simulation(), copies_, false);
    }
  }

  // One ball per Python optimizer and start (the distinct starts of the scene's balls, in order):
  // the object itself at the first start (unless `copy_all`), a copy.deepcopy of it at each other,
  // so that no two balls share an optimizer's state. The copies, added to `copies`, must live as
  // long as the balls.
  void add_python_balls(Simulation& simulation, std::vector<py::object>& copies, bool copy_all) const {
    std::vector<Ball>& balls = simulation.balls();
    std::vector<glm::dvec2> starts;
    for (const Ball& ball : balls) {
      if (!ball.swarm && std::find(starts.begin(), starts.end(), ball.start) == starts.end()) {
        starts.push_back(ball.start);
      }
    }
    if (replace_methods_) balls.clear();
    const py::object deepcopy = py::module_::import("copy").attr("deepcopy");
    for (const auto& [object, name] : python_optimizers_) {
      for (std::size_t s = 0; s < starts.size(); ++s) {
        py::object driver = object;
        if (s > 0 || copy_all) {
          try {
            driver = deepcopy(object);
            copies.push_back(driver);
          } catch (py::error_already_set&) {
            if (s > 0) throw;  // two balls cannot share one object's state
            driver = object;   // the window's first ball: as run()'s, the object itself
          }
        }
        const std::size_t index = simulation.balls().size();
        simulation.add_ball(starts[s], std::make_unique<PythonOptimizer>(driver, name), ball_colour(index), name);
      }
    }
  }

  Options options_;  // what show() opens the window with (its size, its flags)
  Presentation presentation_;
  std::unique_ptr<Session> session_;
  std::uint64_t generation_ = 0;                      // which simulation the shared renderer last set up for
  std::optional<std::pair<PictureKey, Image>> kept_;  // the last picture and what it was drawn from
  // Borrowed by session_'s balls, which never touch them when destroyed (so the order does not matter).
  std::vector<std::pair<py::object, std::string>> python_optimizers_;
  std::vector<py::object> copies_;
  bool replace_methods_ = false;
};

// An (H, W, 4) uint8 array as PNG bytes (the encoder --screenshot uses).
py::bytes png_bytes(const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& pixels) {
  if (pixels.ndim() != 3 || pixels.shape(2) != 4) raise("expected an (height, width, 4) uint8 array");
  Image image;
  image.height = static_cast<int>(pixels.shape(0));
  image.width = static_cast<int>(pixels.shape(1));
  image.rgba.assign(pixels.data(), pixels.data() + pixels.size());
  const std::vector<std::uint8_t> png = encode_png(image);
  return py::bytes(reinterpret_cast<const char*>(png.data()), png.size());
}

// Where the shaders and assets are for a module inside python3, not the losscape program (whose
// own file data_paths.cpp looks beside): LOSSCAPE_DATA when set; else the installed data folder
// relative to this module's file; else (the module in the build folder) the source tree.
void find_data_folder() {
  if (const char* given = std::getenv("LOSSCAPE_DATA"); given && *given) return;
  Dl_info info{};
  std::filesystem::path data = LOSSCAPE_PYTHON_SOURCE_TREE;
  if (dladdr(reinterpret_cast<void*>(&find_data_folder), &info) && info.dli_fname) {
    const auto installed =
        (std::filesystem::path(info.dli_fname).parent_path() / LOSSCAPE_PYTHON_INSTALLED_DATA).lexically_normal();
    std::error_code ignored;
    if (std::filesystem::is_directory(installed / "shaders", ignored)) data = installed;
  }
  setenv("LOSSCAPE_DATA", data.c_str(), 0);
}

}  // namespace
}  // namespace losscape

PYBIND11_MODULE(_engine, module) {
  using losscape::PythonScene;
  module.doc() = "losscape's engine (C++): scenes, runs and headless pictures. Use losscape.Scene.";
  // LOSSCAPE_JIT mistyped: refused on import, as the command line refuses to start.
  if (const auto& jit = losscape::formula::jit_path(); !jit) losscape::raise(jit.error());
  losscape::find_data_folder();
  module.def("scene_flags", &losscape::scene_flags,
             "The command line's flags a scene may be given as keywords (--function, --start, --contours, ...).");
  module.def("picture_context", &losscape::picture_context_description,
             "What draws the pictures (EGL and the GL renderer), once one was drawn; empty before.");
  module.def(
      "picture_counts",
      [] {
        const losscape::PictureCounts counts = losscape::picture_counts();
        py::dict out;
        out["drawn"] = counts.drawn;
        out["terrains"] = counts.terrains;
        return out;
      },
      "How many pictures this process drew and terrains it built for them: {'drawn': N, 'terrains': M}.");
  module.def("png_bytes", &losscape::png_bytes, py::arg("pixels"), "An (H, W, 4) uint8 array as PNG file bytes.");
  py::class_<PythonScene>(module, "EngineScene")
      .def_static("from_arguments", &PythonScene::from_arguments, py::arg("arguments"),
                  "A scene from the command line's arguments (a scene file, or flags); ValueError or "
                  "FileNotFoundError with the command line's one line.")
      .def_static("from_json", &PythonScene::from_json, py::arg("text"), py::arg("directory"),
                  "A scene from a scene file's JSON text; data paths relative to `directory`.")
      .def("to_json", &PythonScene::to_json, "The scene as scene-file JSON.")
      .def("set_python_optimizers", &PythonScene::set_python_optimizers, py::arg("optimizers"),
           py::arg("replace_methods"),
           "Balls driven by Python objects with step(position, gradient): (object, name) pairs, one ball per "
           "start; replace_methods drops the scene's own balls.")
      .def("run", &PythonScene::run, py::arg("steps"),
           "Runs `steps` steps from the starts: per ball but a swarm's, (number, optimizer, (n, 6) array of step, "
           "x, y, f, gx, gy, status, why it stopped).")
      .def("swarm", &PythonScene::swarm,
           "How the swarm's members are spread after the last run: where, total, running, diverged, other, and "
           "minima as (x, y, f, global, members).")
      .def("render", &PythonScene::render, py::arg("size"), py::arg("camera"), py::arg("overlay"),
           py::arg("transparent"), py::arg("msaa"), "The scene drawn headless: an (H, W, 4) uint8 array.")
      .def("animate", &PythonScene::animate, py::arg("path"), py::arg("flags"),
           "Records the scene from its starts into `path` (.mp4 or .gif) as --record PATH with `flags` (--seconds, "
           "--fps, --size, --orbit) does; ValueError for a bad "
           "setting, RuntimeError without ffmpeg.")
      .def("basins", &PythonScene::basins, py::arg("flags"), py::arg("python") = py::none(),
           "The basin map --basins computes with `flags` (--grid, --steps): labels, steps, status, minima, values, "
           "starts, global, domain, png, statistics, seconds, point_steps; of `python`'s (object, name, lr) optimizer "
           "when given.")
      .def("sweep", &PythonScene::sweep, py::arg("flags"), py::arg("points"), py::arg("range") = py::none(),
           py::arg("python") = py::none(),
           "The statistics panel's learning-rate sweep: a map (`flags`: --grid, --steps) per lr; optimizer, lr, "
           "lrs, statistics, seconds.")
      .def("show", &PythonScene::show, "Opens the interactive window; returns its exit code.");
}
