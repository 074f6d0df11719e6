#include "engine/app/window/interactive_app.hpp"

#include "engine/app/capture/screenshot_names.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/window/key_bindings.hpp"
#include "engine/platform/gl_context.hpp"
#include "engine/render/compute/use_gpu_swarms.hpp"
#include "engine/render/shader.hpp"
#include "engine/scene/data_paths.hpp"
#include "engine/scene/trajectory_csv.hpp"
#include "engine/sim/swarm_accelerator.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

namespace losscape {

Result<std::unique_ptr<InteractiveApp>> InteractiveApp::create(const Options& options, Presentation presentation,
                                                               const Session::BallAdder& add_balls) {
  std::unique_ptr<InteractiveApp> app(new InteractiveApp());
  // The scene is built before anything opens, so bad input fails fast and plainly (a big swarm's
  // once the context is there, see open_surface).
  std::optional<Presentation> later;  // a big swarm's scene waits for the context
  if (swarm_wants_gpu_context(presentation.scene())) {
    later = std::move(presentation);
  } else if (Status opened = app->open_session(std::move(presentation), add_balls); !opened) {
    return Error{opened.error()};
  }
  WindowOptions window_options;
  window_options.fullscreen = options.fullscreen;
  auto surface = make_window_surface(window_options);
  if (!surface) return Error{surface.error()};
  app->surface_ = std::move(*surface);
  if (Status opened = app->open_surface(std::move(later), options.swarm_device, add_balls); !opened) {
    return Error{opened.error()};
  }
  return start(std::move(app), options.msaa);
}

Result<std::unique_ptr<InteractiveApp>> InteractiveApp::create_offscreen(const Options& options,
                                                                         Presentation presentation, int width,
                                                                         int height) {
  std::unique_ptr<InteractiveApp> app(new InteractiveApp());
  std::optional<Presentation> later;  // a big swarm's scene waits for the context
  if (swarm_wants_gpu_context(presentation.scene())) {
    later = std::move(presentation);
  } else if (Status opened = app->open_session(std::move(presentation)); !opened) {
    return Error{opened.error()};
  }
  auto surface = OffscreenSurface::create(width, height);
  if (!surface) return Error{surface.error()};
  app->offscreen_ = surface->get();
  app->surface_ = std::move(*surface);
  if (Status opened = app->open_surface(std::move(later), options.swarm_device); !opened) return Error{opened.error()};
  return start(std::move(app), options.msaa);
}

Status InteractiveApp::open_surface(std::optional<Presentation> later, const std::string& swarm_device,
                                    const Session::BallAdder& add_balls) {
  // Swarms launched later (the panel's S) find out too whether this context steps them.
  const ComputeDevice device = parse_compute_device(swarm_device).value_or(ComputeDevice::automatic);
  if (Status on = use_gpu_swarms_in_this_context(device, current_gl_is_software()); !on) return on;
  if (later) {
    if (Status opened = open_session(std::move(*later), add_balls); !opened) return opened;
  }
  if (const std::string& note = session_->simulation().swarm_note(); !note.empty()) {
    std::fprintf(stderr, "losscape: %s\n", note.c_str());
  }
  return {};
}

Status InteractiveApp::open_session(Presentation presentation, const Session::BallAdder& add_balls) {
  SimulationSettings settings;
  settings.record_history = true;  // for "Export trajectories" (capped per ball)
  auto session = Session::create(std::move(presentation), settings);
  if (!session) return Error{session.error()};
  session_ = std::move(*session);
  if (add_balls) session_->set_ball_adder(add_balls);
  return {};
}

Result<std::unique_ptr<InteractiveApp>> InteractiveApp::start(std::unique_ptr<InteractiveApp> app, int msaa) {
  const Scene& scene = app->session_->scene();
  const Simulation& simulation = app->session_->simulation();
  app->surface_->set_title(app->window_title());
  app->rig_.camera() = initial_camera(scene, simulation.cost());
  if (Status ready = app->renderer_.init(); !ready) return Error{ready.error()};
  app->render_options_ = render_options_for(scene, true);
  if (msaa >= 0) app->render_options_.msaa_samples = msaa;
  if (scene.swarm) app->analysis_panel_.swarm = scene.swarm->layout;
  app->renderer_.set_cost(simulation.cost(), app->render_options_);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the panel always opens where the README's screenshot shows it
  app->set_ui_scale(std::max(app->surface_->content_scale(), 1.0f));  // a HiDPI screen starts with larger text
  app->surface_->init_imgui();
  ImGui_ImplOpenGL3_Init(kGlslVersion);
  app->apply_ui_style();
  app->last_time_ = app->surface_->time_seconds();
  std::snprintf(app->function_panel_.formula_text, sizeof app->function_panel_.formula_text, "%s",
                simulation.cost().formula().c_str());
  // The Open box starts at the scene's own file, else at the gallery: scenes/ in the current folder
  // (the source tree), else the shipped one, which is where an installed binary has it.
  std::error_code ec;
  const std::string gallery =
      std::filesystem::is_directory("scenes", ec) ? "scenes/" : (data_directory() / "scenes/").string();
  std::snprintf(
      app->scene_panel_.open_path, sizeof app->scene_panel_.open_path, "%s",
      app->session_->presentation().has_file() ? app->session_->presentation().path().c_str() : gallery.c_str());
  return app;
}

InteractiveApp::~InteractiveApp() {
  capture_.wait_for_files();
  // Swarms built after the window (Python's scenes once show() returns) have no context of its to
  // step them on: the CPU lanes, said so.
  set_swarm_acceleration({nullptr, "the window whose OpenGL context stepped swarms has closed"});
  if (ImGui::GetCurrentContext()) {
    ImGui_ImplOpenGL3_Shutdown();
    surface_->shutdown_imgui();
    ImGui::DestroyContext();
  }
}

int InteractiveApp::run(const std::function<bool()>& keep_going) {
  while (!surface_->should_close()) {
    frame();
    if (keep_going && !keep_going()) break;
  }
  capture_.wait_for_files();
  return 0;
}

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point from) {
  return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
}

}  // namespace

void InteractiveApp::frame() {
  const auto frame_start = Clock::now();
  int width = 0, height = 0;
  handle_input(width, height);  // 1. events, camera input, keys, files
  // 2. simulation: whole fixed steps from the accumulator
  const auto simulation_start = Clock::now();
  advance();
  frame_times_.simulation = milliseconds_since(simulation_start);
  // 3. UI (what it asks for is done, and the scene changed, once it is built)
  const auto ui_start = Clock::now();
  build_ui();
  const double ui_ms = milliseconds_since(ui_start);
  carry_out_requests();
  apply_edits();
  rig_.apply_lens_shift();  // a new scene's camera has none
  // 4. the scene, then the UI on top
  const auto scene_start = Clock::now();
  draw_scene(width, height);
  frame_times_.scene = milliseconds_since(scene_start);
  const auto ui_draw_start = Clock::now();
  draw_ui(width, height);
  frame_times_.ui = ui_ms + milliseconds_since(ui_draw_start);
  if (measure_frames_) gpu_timeline_.end_frame();
  // 5. screenshot, recording, present
  if (capture_.screenshot_requested()) take_screenshot(width, height);
  capture_.record_frame(capture_frame(), rig_.camera());
  surface_->present();
  frame_times_.total = milliseconds_since(frame_start);
}

void InteractiveApp::handle_input(int& width, int& height) {
  apply_ui_style();  // between frames: a new scale rebakes the fonts
  surface_->begin_frame();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  surface_->framebuffer_size(width, height);
  handle_camera_input(width, height);
  handle_shortcuts();
  for (const std::string& path : surface_->take_dropped_paths()) open_file(path);
  reload_changed_files();
  rig_.update_glide(surface_->time_seconds());
  if (Status reloaded = renderer_.reload_changed_shaders(); !reloaded) toast(reloaded.error(), true);
}

void InteractiveApp::advance() {
  const double now = surface_->time_seconds();
  // A recording's frames are each exactly 1/fps of simulation, however long they take to draw.
  const double elapsed = capture_.frame_seconds().value_or(now - last_time_);
  session_->simulation().advance(elapsed);
  update_automatic_camera(elapsed);
  update_lens_shift(elapsed);
  last_time_ = now;
  update_analysis();  // starts or picks up background basin maps; never waits
}

void InteractiveApp::draw_scene(int width, int height) {
  if (measure_frames_) gpu_timeline_.mark("start");
  if (width > 0 && height > 0) {
    if (render_options_.msaa_samples == 0 && surface_->framebuffer_has_depth()) {
      // Nothing to resolve: straight onto the surface, with no buffer of our own to make and no
      // full-screen copy each frame (both dear on a software renderer, which runs without MSAA).
      target_.release();
      glBindFramebuffer(GL_FRAMEBUFFER, surface_->framebuffer());
      glViewport(0, 0, width, height);
      renderer_.render(session_->simulation(), rig_.camera(), width, height, render_options_);
    } else if (target_.resize(width, height, render_options_.msaa_samples)) {
      target_.bind_for_scene();
      renderer_.render(session_->simulation(), rig_.camera(), width, height, render_options_);
      target_.resolve_onto(surface_->framebuffer(), width, height);
    }
  }
  if (measure_frames_) {
    gpu_timeline_.mark("resolve");
    glFinish();  // waits for the GPU, so a stage's time is its own (only when measuring)
  }
}

void InteractiveApp::draw_ui(int width, int height) {
  ImGui::Render();
  if (measure_frames_) gpu_timeline_.resume();  // the GPU waited while the CPU laid out the UI
  glBindFramebuffer(GL_FRAMEBUFFER, surface_->framebuffer());
  glViewport(0, 0, width, height);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (measure_frames_) {
    gpu_timeline_.mark("UI");
    glFinish();
  }
}

void InteractiveApp::update_lens_shift(double elapsed_seconds) {
  // The free area's middle is half the panel's width right of the window's: in normalized
  // device coordinates (2 across), the panel's width over the window's.
  const float window_width = ImGui::GetIO().DisplaySize.x;
  const bool panel = show_ui_ && !presenter_ && panel_right_ > 0.0f && window_width > 0.0f;
  const float wanted = panel ? std::min(panel_right_ / window_width, 0.5f) : 0.0f;
  rig_.ease_lens_shift(wanted, panel || !show_ui_ || presenter_, elapsed_seconds);
}

void InteractiveApp::handle_camera_input(int width, int height) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureMouse) return;
  const bool dragging = ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsMouseDown(ImGuiMouseButton_Right) ||
                        ImGui::IsMouseDown(ImGuiMouseButton_Middle);
  if (dragging || io.MouseWheel != 0.0f) rig_.stop_gliding();  // the user takes over
  OrbitCamera& camera = rig_.camera();
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    camera = initial_camera(session_->scene(), session_->simulation().cost());
    return;
  }
  // On the press frame MouseDelta holds the pointer's jump to where it was pressed, not a drag.
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    mouse_down_travel_ = 0.0f;
  } else if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    mouse_down_travel_ += std::abs(io.MouseDelta.x) + std::abs(io.MouseDelta.y);
    // The flat view is a map: dragging moves it, as in any map viewer.
    if (camera.orthographic) {
      camera.pan(io.MouseDelta.x * sx, io.MouseDelta.y * sy, height);
    } else {
      camera.orbit(-0.3f * io.MouseDelta.x, 0.3f * io.MouseDelta.y);
    }
  }
  // A click that did not drag drops the balls where it hits the terrain.
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && mouse_down_travel_ < 3.0f) {
    const Ray ray = camera.ray_through_pixel(io.MousePos.x * sx, io.MousePos.y * sy, width, height);
    if (auto hit = pick_terrain(ray, renderer_.mapping(), session_->simulation().cost())) session_->drop_balls_at(*hit);
  }
  const bool pan_pressed =
      ImGui::IsMouseClicked(ImGuiMouseButton_Right) || ImGui::IsMouseClicked(ImGuiMouseButton_Middle);
  if (!pan_pressed && (ImGui::IsMouseDown(ImGuiMouseButton_Right) || ImGui::IsMouseDown(ImGuiMouseButton_Middle))) {
    camera.pan(io.MouseDelta.x * sx, io.MouseDelta.y * sy, height);
  }
  if (io.MouseWheel != 0.0f) camera.zoom(io.MouseWheel);
}

void InteractiveApp::handle_shortcuts() {
  const bool typing = ImGui::GetIO().WantCaptureKeyboard;  // letters are text, not commands
  for (const Window::KeyPress& press : surface_->take_key_presses()) {
    const std::optional<KeyCommand> command = key_command(press.key, press.mods, press.repeat, typing);
    if (!command) continue;
    switch (command->action) {
      case Action::none: break;  // a mouse gesture's row: no key has it
      case Action::play_pause: session_->simulation().set_playing(!session_->simulation().playing()); break;
      case Action::step: session_->simulation().step_all(); break;
      case Action::reset: session_->simulation().reset(); break;
      case Action::swarm: session_->launch_swarm(analysis_panel_.swarm); break;
      case Action::basins: toggle_basin_map(render_options_); break;
      case Action::minima_pins: render_options_.show_markers = !render_options_.show_markers; break;
      case Action::theme: toggle_theme(); break;
      case Action::next_slide: session_->show_slide(session_->current_slide() + 1); break;
      case Action::previous_slide:
        if (session_->current_slide() > 0) session_->show_slide(session_->current_slide() - 1);
        break;
      case Action::first_slide: session_->show_slide(0); break;
      case Action::last_slide: session_->show_slide(session_->presentation().size() - 1); break;
      case Action::presenter_mode: toggle_presenter_mode(); break;
      case Action::auto_orbit: rig_.toggle_auto_orbit(); break;
      case Action::follow_ball:
        toast(rig_.toggle_follow() ? "following the ball: F again to stop" : "camera free");
        break;
      case Action::top_down: toggle_top_down_view(); break;
      case Action::recall_bookmark: recall_bookmark(command->number); break;
      case Action::store_bookmark: store_bookmark(command->number); break;
      case Action::larger_text: set_ui_scale(ui_scale_ * 1.15f); break;
      case Action::smaller_text: set_ui_scale(ui_scale_ / 1.15f); break;
      case Action::save_scene: save_scene(); break;
      case Action::screenshot: capture_.request_screenshot(); break;
      case Action::toggle_recording: toggle_recording(); break;
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

void InteractiveApp::carry_out_requests() {
  const WindowRequests requests = std::exchange(requests_, {});
  if (requests.screenshot) capture_.request_screenshot();
  if (requests.toggle_recording) toggle_recording();
  if (requests.top_down) toggle_top_down_view();
  if (requests.save_scene) save_scene();
  if (requests.export_trajectories) export_trajectories();
  if (requests.open) open_file(*requests.open);
  if (requests.copy_link && host_.copy_link) host_.copy_link(current_scene_text());
}

void InteractiveApp::update_analysis() {
  if (session_->update_analysis(render_options_.basin_grid, render_options_.basin_steps,
                                basin_map_opacity(render_options_).has_value() || analysis_panel_.statistics_open,
                                analysis_panel_.sweep_open)) {
    renderer_.set_basin_overlay(session_->analysis().map());
  }
}

std::string InteractiveApp::file_stem(const Scene& scene) const {
  return scene.title.empty() ? session_->simulation().cost().name() : slug(scene.title);
}

std::string InteractiveApp::window_title() const {
  const Scene& scene = session_->scene();
  return "losscape - " + (scene.title.empty() ? session_->simulation().cost().title() : scene.title);
}

void InteractiveApp::apply_edits() {
  const Session::Applied applied = session_->apply_edits();
  if (!applied.error.empty()) toast(applied.error, true);  // the scene on screen stays
  if (!applied.rebuilt) return;
  const Scene& scene = session_->scene();
  const CostFunction& cost = session_->simulation().cost();
  if (applied.new_slide) {
    // A slide brings its own look, swarm settings and view; the window's other settings stay.
    static_cast<ViewSettings&>(render_options_) = scene.view;
    analysis_panel_.swarm = scene.swarm ? scene.swarm->layout : SwarmSpec{};
    if (!applied.keep_camera) rig_.glide_to(initial_camera(scene, cost), surface_->time_seconds());
  }
  if (applied.surface_changed) {
    renderer_.set_cost(cost, render_options_);
    function_panel_.show_formula_of(scene, cost);
  }
  if (applied.new_slide || applied.surface_changed) surface_->set_title(window_title());
  if (applied.new_function && !applied.new_slide) rig_.camera() = initial_camera(scene, cost);
}

void InteractiveApp::export_trajectories() {
  const std::string path = next_output_path(".", session_->simulation().cost().name(), ".csv");
  const Status written = write_trajectories_csv(path, session_->simulation());
  toast(written ? "saved " + path : written.error(), !written);
}

}  // namespace losscape
