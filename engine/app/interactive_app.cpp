#include "engine/app/interactive_app.hpp"

#include "engine/app/imgui_helpers.hpp"
#include "engine/app/key_bindings.hpp"
#include "engine/app/print_error.hpp"
#include "engine/app/screenshot_names.hpp"
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/one_line.hpp"
#include "engine/scene/data_paths.hpp"
#include "engine/scene/suggested_learning_rate.hpp"
#include "engine/scene/trajectory_csv.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace losscape {

std::unique_ptr<InteractiveApp> InteractiveApp::create(const Options& options, Presentation presentation,
                                                       std::string& error) {
  std::unique_ptr<InteractiveApp> app(new InteractiveApp());
  app->presentation_ = std::move(presentation);
  // Check the scene before opening anything, so bad input fails fast and plainly.
  std::unique_ptr<Simulation> probe;
  if (error = build_simulation(app->presentation_.scene(), {}, probe); !error.empty()) return nullptr;
  WindowOptions window_options;
  window_options.fullscreen = options.fullscreen;
  app->surface_ = make_window_surface(window_options, error);
  if (!app->surface_) return nullptr;
  return start(std::move(app), options.msaa, error);
}

std::unique_ptr<InteractiveApp> InteractiveApp::create_offscreen(const Options& options, Presentation presentation,
                                                                 int width, int height, std::string& error) {
  std::unique_ptr<InteractiveApp> app(new InteractiveApp());
  app->presentation_ = std::move(presentation);
  auto surface = OffscreenSurface::create(width, height, error);
  if (!surface) return nullptr;
  app->offscreen_ = surface.get();
  app->surface_ = std::move(surface);
  return start(std::move(app), options.msaa, error);
}

std::unique_ptr<InteractiveApp> InteractiveApp::start(std::unique_ptr<InteractiveApp> app, int msaa,
                                                      std::string& error) {
  const Scene& scene = app->presentation_.scene();
  app->scene_ = scene;
  app->slide_as_read_ = scene;
  SimulationSettings settings;
  settings.record_history = true;  // for "Export trajectories" (capped per ball)
  if (error = build_simulation(scene, settings, app->simulation_); !error.empty()) return nullptr;
  app->surface_->set_title("losscape - " + (scene.title.empty() ? app->simulation_->cost().title() : scene.title));
  app->camera_ = initial_camera(scene, app->simulation_->cost());
  if (error = app->renderer_.init(); !error.empty()) return nullptr;
  app->render_options_ = render_options_for(scene, true);
  if (msaa >= 0) app->render_options_.msaa_samples = msaa;
  if (scene.swarm) app->swarm_settings_ = scene.swarm->layout;
  app->renderer_.set_cost(app->simulation_->cost(), app->render_options_);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the panel always opens where the README's screenshot shows it
  app->set_ui_scale(std::max(app->surface_->content_scale(), 1.0f));  // a HiDPI screen starts with larger text
  app->surface_->init_imgui();
  ImGui_ImplOpenGL3_Init("#version 330 core");
  app->apply_ui_style();
  app->last_time_ = app->surface_->time_seconds();
  std::snprintf(app->formula_text_, sizeof app->formula_text_, "%s", app->simulation_->cost().formula().c_str());
  // The Open box starts at the scene's own file, else at the gallery: scenes/ in the current folder
  // (the source tree), else the shipped one, which is where an installed binary has it.
  std::error_code ec;
  const std::string gallery =
      std::filesystem::is_directory("scenes", ec) ? "scenes/" : (data_directory() / "scenes/").string();
  std::snprintf(app->open_path_, sizeof app->open_path_, "%s",
                app->presentation_.has_file() ? app->presentation_.path().c_str() : gallery.c_str());
  return app;
}

InteractiveApp::~InteractiveApp() {
  png_writer_.wait_idle();
  if (ImGui::GetCurrentContext()) {
    ImGui_ImplOpenGL3_Shutdown();
    surface_->shutdown_imgui();
    ImGui::DestroyContext();
  }
}

int InteractiveApp::run() {
  while (!surface_->should_close()) frame();
  png_writer_.wait_idle();
  return 0;
}

void InteractiveApp::frame() {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point from) {
    return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
  };
  // Waits for the GPU, so a stage's time is its own (only when measuring).
  const auto finish = [this] {
    if (measure_frames_) glFinish();
  };
  const auto frame_start = Clock::now();
  double ui_ms = 0.0;

  // 1. events and camera input
  apply_ui_style();  // between frames: a new scale rebakes the fonts
  surface_->begin_frame();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  int width = 0, height = 0;
  surface_->framebuffer_size(width, height);
  handle_camera_input(width, height);
  handle_shortcuts();
  for (const std::string& path : surface_->take_dropped_paths()) open_file(path);
  reload_changed_files();
  update_camera_move();
  if (std::string error = renderer_.reload_changed_shaders(); !error.empty()) toast(error, true);

  // 2. simulation: whole fixed steps from the accumulator
  const auto simulation_start = Clock::now();
  const double now = surface_->time_seconds();
  // A recording's frames are each exactly 1/fps of simulation, however long they take to draw.
  const double elapsed = recording_ ? recording_->frame_seconds() : now - last_time_;
  simulation_->advance(elapsed);
  update_automatic_camera(elapsed);
  update_lens_shift(elapsed);
  last_time_ = now;
  update_analysis();  // starts or picks up background basin maps; never waits
  frame_times_.simulation = ms(simulation_start);

  // 3. UI (may ask to change the scene: applied once the UI is built)
  auto ui_start = Clock::now();
  build_ui();
  ui_ms += ms(ui_start);
  apply_pending_rebuild();
  camera_.lens_shift = glm::vec2(std::max(lens_shift_, 0.0f), 0.0f);  // a new scene's camera has none

  // 4. scene into the multisampled target, resolved onto the surface
  const auto scene_start = Clock::now();
  if (measure_frames_) gpu_timeline_.mark("start");
  if (width > 0 && height > 0) {
    std::string error;
    if (render_options_.msaa_samples == 0 && surface_->framebuffer_has_depth()) {
      // Nothing to resolve: straight onto the surface, with no buffer of our own to make and no
      // full-screen copy each frame (both dear on a software renderer, which runs without MSAA).
      target_.release();
      glBindFramebuffer(GL_FRAMEBUFFER, surface_->framebuffer());
      glViewport(0, 0, width, height);
      renderer_.render(*simulation_, camera_, width, height, render_options_);
    } else if (target_.resize(width, height, render_options_.msaa_samples, error)) {
      target_.bind_for_scene();
      renderer_.render(*simulation_, camera_, width, height, render_options_);
      target_.resolve_onto(surface_->framebuffer(), width, height);
    }
  }
  if (measure_frames_) gpu_timeline_.mark("resolve");
  finish();
  frame_times_.scene = ms(scene_start);
  // 5. UI on top, screenshot, present
  ui_start = Clock::now();
  ImGui::Render();
  if (measure_frames_) gpu_timeline_.resume();  // the GPU waited while the CPU laid out the UI
  glBindFramebuffer(GL_FRAMEBUFFER, surface_->framebuffer());
  glViewport(0, 0, width, height);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (measure_frames_) gpu_timeline_.mark("UI");
  finish();
  frame_times_.ui = ui_ms + ms(ui_start);
  if (measure_frames_) gpu_timeline_.end_frame();
  if (screenshot_requested_) take_screenshot(width, height);
  record_frame();
  surface_->present();
  frame_times_.total = ms(frame_start);
}

void InteractiveApp::update_lens_shift(double elapsed_seconds) {
  // The free area's middle is half the panel's width right of the window's: in normalized
  // device coordinates (2 across), the panel's width over the window's.
  const float window_width = ImGui::GetIO().DisplaySize.x;
  const bool panel = show_ui_ && !presenter_ && panel_right_ > 0.0f && window_width > 0.0f;
  const float wanted = panel ? std::min(panel_right_ / window_width, 0.5f) : 0.0f;
  if (lens_shift_ < 0.0f) {
    if (panel || !show_ui_ || presenter_) lens_shift_ = wanted;  // the first picture already in place
  } else {
    lens_shift_ += (wanted - lens_shift_) * static_cast<float>(1.0 - std::exp(-12.0 * elapsed_seconds));
  }
  camera_.lens_shift = glm::vec2(std::max(lens_shift_, 0.0f), 0.0f);
}

void InteractiveApp::handle_camera_input(int width, int height) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureMouse) return;
  const bool dragging = ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsMouseDown(ImGuiMouseButton_Right) ||
                        ImGui::IsMouseDown(ImGuiMouseButton_Middle);
  if (camera_move_ && (dragging || io.MouseWheel != 0.0f)) camera_move_.reset();  // the user takes over
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    camera_ = initial_camera(scene_, simulation_->cost());
    return;
  }
  // On the press frame MouseDelta holds the pointer's jump to where it was pressed, not a drag.
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    mouse_down_travel_ = 0.0f;
  } else if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    mouse_down_travel_ += std::abs(io.MouseDelta.x) + std::abs(io.MouseDelta.y);
    // The flat view is a map: dragging moves it, as in any map viewer.
    if (camera_.orthographic) {
      camera_.pan(io.MouseDelta.x * sx, io.MouseDelta.y * sy, height);
    } else {
      camera_.orbit(-0.3f * io.MouseDelta.x, 0.3f * io.MouseDelta.y);
    }
  }
  // A click that did not drag drops the balls where it hits the terrain.
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && mouse_down_travel_ < 3.0f) {
    const Ray ray = camera_.ray_through_pixel(io.MousePos.x * sx, io.MousePos.y * sy, width, height);
    if (auto hit = pick_terrain(ray, renderer_.mapping(), simulation_->cost())) drop_balls_at(*hit);
  }
  const bool pan_pressed =
      ImGui::IsMouseClicked(ImGuiMouseButton_Right) || ImGui::IsMouseClicked(ImGuiMouseButton_Middle);
  if (!pan_pressed && (ImGui::IsMouseDown(ImGuiMouseButton_Right) || ImGui::IsMouseDown(ImGuiMouseButton_Middle))) {
    camera_.pan(io.MouseDelta.x * sx, io.MouseDelta.y * sy, height);
  }
  if (io.MouseWheel != 0.0f) camera_.zoom(io.MouseWheel);
}

void InteractiveApp::handle_shortcuts() {
  const bool typing = ImGui::GetIO().WantCaptureKeyboard;  // letters are text, not commands
  for (const Window::KeyPress& press : surface_->take_key_presses()) {
    const std::optional<KeyCommand> command = key_command(press.key, press.mods, press.repeat, typing);
    if (!command) continue;
    switch (command->action) {
      case Action::none: break;  // a mouse gesture's row: no key has it
      case Action::play_pause: simulation_->set_playing(!simulation_->playing()); break;
      case Action::step: simulation_->step_all(); break;
      case Action::reset: simulation_->reset(); break;
      case Action::swarm: launch_swarm(); break;
      case Action::basins: toggle_basin_map(render_options_); break;
      case Action::minima_pins: render_options_.show_markers = !render_options_.show_markers; break;
      case Action::theme: toggle_theme(); break;
      case Action::next_slide: show_slide(current_slide() + 1); break;
      case Action::previous_slide:
        if (current_slide() > 0) show_slide(current_slide() - 1);
        break;
      case Action::first_slide: show_slide(0); break;
      case Action::last_slide: show_slide(presentation_.size() - 1); break;
      case Action::presenter_mode: toggle_presenter_mode(); break;
      case Action::auto_orbit: auto_orbit_ = !auto_orbit_; break;
      case Action::follow_ball:
        follow_ball_ = !follow_ball_;
        toast(follow_ball_ ? "following the ball: F again to stop" : "camera free");
        break;
      case Action::top_down: toggle_top_down_view(); break;
      case Action::recall_bookmark: recall_bookmark(command->number); break;
      case Action::store_bookmark: store_bookmark(command->number); break;
      case Action::larger_text: set_ui_scale(ui_scale_ * 1.15f); break;
      case Action::smaller_text: set_ui_scale(ui_scale_ / 1.15f); break;
      case Action::save_scene: save_scene(); break;
      case Action::screenshot: request_screenshot(); break;
      case Action::toggle_recording: recording_ ? stop_recording() : start_recording(); break;
      case Action::fullscreen: surface_->toggle_fullscreen(); break;
      case Action::toggle_panel: show_ui_ = !show_ui_; break;
      case Action::help: show_help_ = !show_help_; break;
      // The innermost thing first; never quitting (a lecture must not vanish): Ctrl+Q quits.
      case Action::escape:
        if (show_help_) {
          show_help_ = false;
        } else if (presenter_) {
          toggle_presenter_mode();
        } else if (surface_->is_fullscreen()) {
          surface_->toggle_fullscreen();
        }
        break;
      case Action::quit: surface_->request_close(); break;
    }
  }
}

void InteractiveApp::toast(const std::string& text, bool error) {
  if (error) print_error(text);
  toasts_.push_back({one_line(text), error, ImGui::GetTime() + (error ? 8.0 : 4.0)});
  while (toasts_.size() > 4) toasts_.pop_front();
}

void InteractiveApp::request_rebuild(const Scene& scene, bool surface_changed) {
  if (pending_) {  // an earlier request this frame (a slide change too) keeps what it asked for
    pending_->scene = scene;
    pending_->surface_changed = pending_->surface_changed || surface_changed;
    return;
  }
  pending_ = PendingRebuild{scene, surface_changed, std::nullopt, false};
}

void InteractiveApp::apply_pending_rebuild() {
  if (!pending_) return;
  const PendingRebuild request = std::move(*pending_);
  pending_.reset();
  std::unique_ptr<Simulation> next;
  Scene scene = request.scene;
  // An edit keeps the speed the user set; a new slide plays at its own.
  if (!request.slide) scene.playback = {simulation_->settings().steps_per_second, simulation_->playing()};
  if (std::string error = build_simulation(scene, simulation_->settings(), next); !error.empty()) {
    Presentation where = presentation_;  // a slide's data file that cannot be read: say where
    if (request.slide && where.go_to(*request.slide)) error = where.function_error_prefix() + error;
    toast(error, true);  // keep the current scene
    return;
  }
  const bool new_kind = next->cost().name() != simulation_->cost().name();
  simulation_ = std::move(next);
  ++simulation_generation_;  // the basin map's minima are adopted again (update_analysis)
  scene_ = scene;
  if (request.slide) {
    // A slide brings its own look, swarm settings and view; the window's other settings stay.
    static_cast<ViewSettings&>(render_options_) = scene.view;
    swarm_settings_ = scene.swarm ? scene.swarm->layout : SwarmSpec{};
    analysis_optimizer_.clear();
    presentation_.go_to(*request.slide);
    slide_as_read_ = presentation_.scene();
    if (!request.keep_camera) move_camera_to(initial_camera(scene_, simulation_->cost()));
    surface_->set_title("losscape - " + (scene.title.empty() ? simulation_->cost().title() : scene.title));
  }
  if (request.surface_changed) {
    renderer_.set_cost(simulation_->cost(), render_options_);
    if (!request.slide) surface_->set_title("losscape - " + simulation_->cost().title());
    // A built-in shows its formula in the box, ready to be edited into one's own.
    if (!std::holds_alternative<FormulaSource>(scene_.function)) {
      std::snprintf(formula_text_, sizeof formula_text_, "%s", simulation_->cost().formula().c_str());
    }
  }
  if (new_kind && !request.slide) camera_ = initial_camera(scene_, simulation_->cost());
}

namespace {

// The ordinary balls start where the simulation's do now (clicked there, or a default start).
void keep_current_starts(Scene& scene, const Simulation& simulation) {
  std::size_t i = 0;
  for (const Ball& ball : simulation.balls()) {
    if (!ball.swarm && i < scene.balls.size()) scene.balls[i++].start = ball.start;
  }
}

// The label a ball shows: its own, else its optimizer's title.
std::string label_of(const BallSpec& ball) {
  if (!ball.label.empty()) return ball.label;
  auto optimizer = make_optimizer(ball.optimizer.name);
  return optimizer ? optimizer->title() : ball.optimizer.name;
}

}  // namespace

void InteractiveApp::select_function(const FunctionSource& source) {
  Scene scene = current_scene();
  scene.function = source;
  scene.formula_parameters.clear();
  for (BallSpec& ball : scene.balls) ball.start.reset();  // each function has its own sensible start...
  forget_learning_rates(scene);                           // ...learning rate (suggested_learning_rate.hpp)...
  scene.camera = {};                                      // ...and view;
  scene.annotations.clear();                              // the labels were about the old one
  scene.title.clear();
  formula_error_.clear();
  request_rebuild(scene, true);
}

void InteractiveApp::apply_formula(const std::string& text) {
  // Check the text at once, so a typo shows under the box with a caret and changes nothing.
  formula::CompileError compile_error;
  if (!make_builtin_function(text) && !FormulaFunction::create(text, {-5, 5, -5, 5}, compile_error)) {
    formula_error_ = compile_error.message;
    formula_error_column_ = compile_error.column;
    return;
  }
  formula_error_.clear();
  Scene scene = current_scene();
  scene.function = parse_function_source(text);
  scene.formula_parameters.clear();  // the where clause says
  scene.camera = {};
  scene.annotations.clear();
  // Keep the balls where they were dropped when only the formula changes.
  if (std::holds_alternative<FormulaSource>(scene_.function)) {
    keep_current_starts(scene, *simulation_);
  } else {
    for (BallSpec& ball : scene.balls) ball.start.reset();
  }
  forget_learning_rates(scene);
  request_rebuild(scene, true);
}

void InteractiveApp::set_formula_parameter(const std::string& name, double value) {
  Scene scene = current_scene();
  auto& params = scene.formula_parameters;
  params.erase(std::remove_if(params.begin(), params.end(), [&](const auto& p) { return p.first == name; }),
               params.end());
  params.emplace_back(name, value);
  keep_current_starts(scene, *simulation_);
  request_rebuild(scene, true);
}

void InteractiveApp::set_optimizer_enabled(const std::string& name, bool enabled) {
  Scene scene = current_scene();
  keep_current_starts(scene, *simulation_);
  auto& balls = scene.balls;
  if (balls.empty()) balls.push_back(BallSpec{});
  const auto uses = [&](const BallSpec& b) { return b.optimizer.name == name; };
  if (enabled && std::none_of(balls.begin(), balls.end(), uses)) {
    // A new racer at each place a ball starts from; balls stay in the registry's order, so
    // colours and the legend stay put as boxes are ticked.
    std::vector<std::optional<glm::dvec2>> starts;
    for (const BallSpec& b : balls) {
      if (std::find(starts.begin(), starts.end(), b.start) == starts.end()) starts.push_back(b.start);
    }
    for (const auto& start : starts) balls.push_back(BallSpec{start, OptimizerSpec{name, {}}, std::nullopt, ""});
    const auto& names = optimizer_names();
    auto rank = [&](const BallSpec& b) {
      return std::find(names.begin(), names.end(), b.optimizer.name) - names.begin();
    };
    std::stable_sort(balls.begin(), balls.end(),
                     [&](const BallSpec& a, const BallSpec& b) { return rank(a) < rank(b); });
  } else if (!enabled && std::any_of(balls.begin(), balls.end(), [&](const BallSpec& b) { return !uses(b); })) {
    balls.erase(std::remove_if(balls.begin(), balls.end(), uses), balls.end());  // never the last one
  }
  request_rebuild(scene, false);
}

void InteractiveApp::set_parameter(const std::string& optimizer, const std::string& label, const std::string& key,
                                   double value) {
  // Running balls take the new value at once (changing lr mid-run is part of the fun)...
  for (Ball& ball : simulation_->balls()) {
    if (!ball.swarm && ball.optimizer->name() == optimizer && ball.label == label)
      ball.optimizer->set_parameter(key, value);
  }
  // ...and the scene remembers it for rebuilds (and saving), a pending rebuild too.
  for (Scene* scene : {&scene_, pending_ ? &pending_->scene : nullptr}) {
    if (!scene) continue;
    for (BallSpec& ball : scene->balls) {
      if (ball.optimizer.name != optimizer || label_of(ball) != label) continue;
      auto& params = ball.optimizer.parameters;
      params.erase(std::remove_if(params.begin(), params.end(), [&](const auto& p) { return p.first == key; }),
                   params.end());
      params.emplace_back(key, value);
    }
  }
}

void InteractiveApp::drop_balls_at(glm::dvec2 point) {
  for (Scene* scene : {&scene_, pending_ ? &pending_->scene : nullptr}) {
    if (!scene) continue;
    for (BallSpec& ball : scene->balls) ball.start = point;
  }
  for (Ball& ball : simulation_->balls()) {
    if (!ball.swarm) simulation_->reset_ball(ball, point);  // the swarm stays spread out
  }
}

void InteractiveApp::export_trajectories() {
  const std::string path = next_output_path(".", simulation_->cost().name(), ".csv");
  const std::string error = write_trajectories_csv(path, *simulation_);
  toast(error.empty() ? "saved " + path : error, !error.empty());
}

void InteractiveApp::take_screenshot(int width, int height) {
  screenshot_requested_ = false;
  const std::string scene_name = scene_.title.empty() ? simulation_->cost().name() : slug(scene_.title);
  const std::string path = output_path(screenshot_.name_template, scene_name, ".png");
  last_screenshot_ = path;
  if (screenshot_.with_panel) {
    // The window as it is, panel and all: only the read-back happens here.
    png_writer_.submit(path, surface_->read_frame());
  } else {
    // The scene alone, at the window's size or a larger one, drawn offscreen (the panel's settings).
    PictureSettings settings;
    const auto& size = kPictureSizes[screenshot_.size];
    settings.width = size.width ? size.width : width;
    settings.height = size.height ? size.height : height;
    settings.transparent = screenshot_.transparent;
    RenderOptions options = render_options_;
    options.msaa_samples = 4;  // pictures are always anti-aliased, even when the window is not
    Image image;
    std::string error;
    if (!pictures_.make(renderer_, *simulation_, scene_, camera_, options, settings, image, error)) {
      toast(error, true);
      return;
    }
    png_writer_.submit(path, std::move(image));
  }
  toast("writing " + path + "...");
}

std::string InteractiveApp::screenshot_now(int size_index, bool with_panel, bool transparent,
                                           const std::string& folder) {
  screenshot_.size = std::clamp(size_index, 0, static_cast<int>(std::size(kPictureSizes)) - 1);
  screenshot_.with_panel = with_panel;
  screenshot_.transparent = transparent;
  const ScreenshotSettings kept = screenshot_;
  if (!folder.empty()) {
    std::snprintf(screenshot_.name_template, sizeof screenshot_.name_template, "%s",
                  (std::filesystem::path(folder) / "losscape-{scene}-{n}").string().c_str());
  }
  request_screenshot();
  frame();
  std::snprintf(screenshot_.name_template, sizeof screenshot_.name_template, "%s", kept.name_template);
  return last_screenshot_;
}

void InteractiveApp::build_screenshot_section() {
  if (!ImGui::CollapsingHeader("Screenshot")) return;
  ImGui::SetNextItemWidth(170.0f);
  if (ImGui::BeginCombo("size##shot", kPictureSizes[screenshot_.size].label)) {
    for (int i = 0; i < static_cast<int>(std::size(kPictureSizes)); ++i) {
      if (ImGui::Selectable(kPictureSizes[i].label, i == screenshot_.size)) screenshot_.size = i;
    }
    ImGui::EndCombo();
  }
  tooltip("Larger pictures are drawn offscreen, tile by tile: sharp on a projector or in print.");
  ImGui::Checkbox("with the panel", &screenshot_.with_panel);
  tooltip("The window as you see it, panel and all (at the window's size). Without: the scene alone,\n"
          "with its title, labels and legend.");
  ImGui::SameLine();
  ImGui::BeginDisabled(screenshot_.with_panel);
  ImGui::Checkbox("transparent", &screenshot_.transparent);
  ImGui::EndDisabled();
  tooltip("No sky: the picture goes over a slide's own background.");
  ImGui::SetNextItemWidth(260.0f);
  ImGui::InputText("name", screenshot_.name_template, sizeof screenshot_.name_template);
  tooltip("{scene}: the title or function, {date}, {time}, {n}: a counter. Never overwrites a file.");
  if (ImGui::Button("Take screenshot (F12)")) request_screenshot();
}
}  // namespace losscape
