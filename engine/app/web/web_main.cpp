// losscape in a browser page: the same app as the desktop window (InteractiveApp), on the page's
// canvas, one frame per animation frame. The page (site/page.js) hands the program its scene as a
// command line, as the desktop's: a gallery scene or a link's scene as a file argument. What the
// app writes to its current folder (screenshots, saved scenes, trajectories) becomes a download.
#include "engine/app/cli/command_line_scene.hpp"
#include "engine/app/cli/options.hpp"
#include "engine/app/cli/print_error.hpp"
#include "engine/app/window/interactive_app.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>

using namespace losscape;

namespace {

std::unique_ptr<InteractiveApp> app;

// The page's files: the data (shaders, fonts, gallery) lie at the root of its file system
// (--preload-file); the app's own files go to /downloads, which the page hands to the browser.
constexpr const char* kDownloads = "/downloads";

// The canvas's drawing buffer follows its size on the page times the screen's pixel ratio, so a
// HiDPI screen gets sharp pictures and the window follows the page when it is resized.
void fit_canvas() {
  double css_width = 0.0, css_height = 0.0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = std::max(1, static_cast<int>(css_width * ratio + 0.5));
  const int height = std::max(1, static_cast<int>(css_height * ratio + 0.5));
  int current_width = 0, current_height = 0;
  emscripten_get_canvas_element_size("#canvas", &current_width, &current_height);
  if (width != current_width || height != current_height) {
    EM_ASM({ Module.resizeCanvas($0, $1); }, width, height);
  }
}

// Every file the app finished writing this frame, handed to the page as a download.
void hand_over_downloads() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(kDownloads, ec)) {
    EM_ASM({ Module.download(UTF8ToString($0)); }, entry.path().c_str());
  }
}

void frame() {
  try {
    fit_canvas();
    app->frame();
    hand_over_downloads();
    const InteractiveApp::FrameTimes& times = app->last_frame_times();
    EM_ASM({ Module.frameDrawn($0, $1, $2, $3); }, times.total, times.simulation, times.scene, times.ui);
  } catch (const std::exception& e) {
    print_error(std::string("unexpected error (please report it): ") + e.what());
  }
}

// The scene the page asked for (page.js: a link's scene file first, then the address's flags);
// where the flags are wrong, the message and the scene file alone; where that is wrong too, the
// default scene.
Presentation first_presentation(int argc, char** argv, Options& options) {
  if (parse_options(argc, argv, options) == ParseOutcome::run) {
    if (auto made = make_presentation(options); made) return std::move(*made);
    else print_error(made.error());
  }
  const std::string scene_file = argc > 1 && argv[1][0] != '-' ? argv[1] : "";
  options = Options{};
  options.scene_file = scene_file;
  if (!scene_file.empty()) {
    if (auto made = make_presentation(options); made) return std::move(*made);
    options.scene_file.clear();
  }
  auto made = make_presentation(options);
  return made ? std::move(*made) : Presentation();
}

// ImGui's clipboard in the page: Emscripten's GLFW has none (its clipboard calls do nothing), so
// Ctrl+C and Ctrl+V copy and paste between the panel's text boxes through this string.
std::string clipboard;
void keep_a_clipboard() {
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = [](void*, const char* text) { clipboard = text ? text : ""; };
  io.GetClipboardTextFn = [](void*) { return clipboard.c_str(); };
}

}  // namespace

// Called by the page (page.js): a scene or deck file it wrote (a link, a dropped file).
extern "C" EMSCRIPTEN_KEEPALIVE void losscape_open(const char* path) {
  if (app) app->open_file(path);
}

// What the page (and its tests) can ask: the scene on screen as a scene file's text, and whether
// it plays, how many balls and swarm members it has, whether a basin map is computed. JSON; valid
// until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* losscape_state() {
  static std::string text;
  if (!app) return "{}";
  const auto& balls = app->simulation().balls();
  // Ball members, or a big swarm's members in the CPU's lanes (the page has no GPU swarms).
  const std::size_t swarm = app->simulation().swarm_size();
  // Each ordinary ball's step count and point (doubles in JSON keep every bit): a test compares a
  // seeded run with the desktop's, step for step.
  nlohmann::json points = nlohmann::json::array();
  for (const Ball& ball : balls) {
    if (!ball.swarm) points.push_back({{"steps", ball.steps}, {"x", ball.position.x}, {"y", ball.position.y}});
  }
  nlohmann::json state = {{"playing", app->simulation().playing()},
                          {"points", points},
                          {"balls", balls.size()},
                          {"swarm", swarm},
                          {"basin_map", app->basin_map() != nullptr},
                          {"presenter", app->presenter_mode()},
                          {"scene", nlohmann::json::parse(app->current_scene_text())}};
  text = state.dump();
  return text.c_str();
}

int main(int argc, char** argv) {
  setenv("LOSSCAPE_DATA", "/", 0);
  std::filesystem::create_directories(kDownloads);
  std::filesystem::current_path(kDownloads);
  Options options;
  Presentation presentation = first_presentation(argc, argv, options);
  auto made = InteractiveApp::create(options, std::move(presentation));
  if (!made) {
    print_error(made.error());
    return 1;
  }
  app = std::move(*made);
  keep_a_clipboard();
  InteractiveApp::HostActions host;
  host.copy_link = [](const std::string& scene_text) {
    EM_ASM({ Module.copyLink(UTF8ToString($0)); }, scene_text.c_str());
  };
  host.toggle_recording = [] { return EM_ASM_INT({ return Module.toggleRecording(); }) != 0; };
  app->set_host_actions(std::move(host));
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
