// The interactive app itself, run on an offscreen surface: the keys a lecturer presses, presenter
// mode, the panel on the frame. The same code as the window, with no display.
#include "engine/app/window/interactive_app.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/scene/files/scene_file.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<InteractiveApp> open_app(const std::string& file, int width = 960, int height = 540) {
  Presentation presentation;
  if (!file.empty()) {
    auto opened = Presentation::open(file);
    EXPECT_TRUE(opened) << opened.error();
    if (opened) presentation = std::move(*opened);
  }
  auto app = InteractiveApp::create_offscreen(Options{}, std::move(presentation), width, height);
  EXPECT_TRUE(app) << app.error();
  return app ? std::move(*app) : nullptr;
}

std::string intro_deck() { return (fs::path(LOSSCAPE_SOURCE_DIR) / "scenes" / "decks" / "intro.json").string(); }

// The share of pixels in a rectangle that are the panel's near-black.
double dark_share(const Image& image, int x0, int y0, int x1, int y1) {
  int dark = 0, all = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x, ++all) {
      const std::uint8_t* p = image.pixel(x, y);
      dark += p[0] < 40 && p[1] < 40 && p[2] < 45;
    }
  }
  return static_cast<double>(dark) / all;
}

}  // namespace

TEST(WindowOffscreen, ClickerKeysMoveThroughTheDeck) {
  auto app = open_app(intro_deck());
  app->frame();
  ASSERT_GE(app->presentation().size(), 12u);
  app->offscreen()->press_key(GLFW_KEY_PAGE_DOWN);
  app->offscreen()->press_key(GLFW_KEY_PAGE_DOWN);  // two in one frame: both count
  app->frame();
  EXPECT_EQ(app->presentation().index(), 2u);
  EXPECT_EQ(app->scene().title, app->presentation().scene().title);
  app->offscreen()->press_key(GLFW_KEY_LEFT);
  app->frame();
  EXPECT_EQ(app->presentation().index(), 1u);
  app->offscreen()->press_key(GLFW_KEY_END);
  app->frame();
  EXPECT_EQ(app->presentation().index(), app->presentation().size() - 1);
  app->offscreen()->press_key(GLFW_KEY_PAGE_DOWN);  // past the end: stays
  app->frame();
  EXPECT_EQ(app->presentation().index(), app->presentation().size() - 1);
  EXPECT_EQ(app->offscreen()->title(), "losscape - " + app->scene().title);
}

TEST(WindowOffscreen, PresenterModeHidesThePanelAndEscLeavesItWithoutQuitting) {
  auto app = open_app("");
  app->frame();
  app->frame();
  const Image with_panel = app->offscreen()->read_frame();
  EXPECT_GT(dark_share(with_panel, 30, 80, 300, 400), 0.5) << "the panel is drawn on the left";
  app->offscreen()->press_key(GLFW_KEY_F5);
  app->frame();
  app->frame();
  EXPECT_TRUE(app->presenter_mode());
  EXPECT_FALSE(app->panel_shown());
  EXPECT_TRUE(app->offscreen()->is_fullscreen());
  EXPECT_LT(dark_share(app->offscreen()->read_frame(), 30, 80, 300, 400), 0.1) << "no panel in presenter mode";
  app->offscreen()->press_key(GLFW_KEY_ESCAPE);
  app->frame();
  EXPECT_FALSE(app->presenter_mode());
  EXPECT_TRUE(app->panel_shown());
  EXPECT_FALSE(app->offscreen()->is_fullscreen());
  EXPECT_FALSE(app->offscreen()->should_close()) << "Esc never quits";
  app->offscreen()->press_key(GLFW_KEY_Q, GLFW_MOD_CONTROL);
  app->frame();
  EXPECT_TRUE(app->offscreen()->should_close());
}

TEST(WindowOffscreen, QuestionMarkShowsTheKeysInPresenterModeAndEscClosesThemFirst) {
  auto app = open_app("");
  app->offscreen()->press_key(GLFW_KEY_F5);
  app->frame();
  app->frame();
  const Image plain = app->offscreen()->read_frame();
  app->offscreen()->press_key(GLFW_KEY_SLASH, GLFW_MOD_SHIFT);  // '?'
  app->frame();
  app->frame();
  EXPECT_TRUE(app->help_shown());
  const Image help = app->offscreen()->read_frame();
  int changed = 0, all = 0;
  for (int y = help.height / 2 - 100; y < help.height / 2 + 100; ++y) {
    for (int x = help.width / 2 - 200; x < help.width / 2 + 200; ++x, ++all) {
      changed += std::abs(help.pixel(x, y)[0] - plain.pixel(x, y)[0]) > 30;
    }
  }
  EXPECT_GT(changed, all / 4) << "the table of keys over the middle of the picture";
  app->offscreen()->press_key(GLFW_KEY_ESCAPE);
  app->frame();
  EXPECT_FALSE(app->help_shown());
  EXPECT_TRUE(app->presenter_mode()) << "Esc closes the help before leaving presenter mode";
  app->offscreen()->press_key(GLFW_KEY_ESCAPE);
  app->frame();
  EXPECT_FALSE(app->presenter_mode());
}

TEST(WindowOffscreen, LSwitchesBetweenTheDarkAndTheLightThemeSkyAndPanelAlike) {
  auto app = open_app("");
  app->frame();
  app->frame();
  auto sky = [&](const Image& frame) { return frame.pixel(frame.width / 2, 3); };
  const Image dark = app->offscreen()->read_frame();
  EXPECT_GT(dark_share(dark, 30, 80, 300, 400), 0.5) << "the dark panel";
  EXPECT_LT(sky(dark)[0], 90);
  app->offscreen()->press_key(GLFW_KEY_L);
  app->frame();
  app->frame();
  const Image light = app->offscreen()->read_frame();
  EXPECT_GT(sky(light)[0], 200) << "a sky for paper";
  EXPECT_LT(dark_share(light, 30, 80, 300, 400), 0.1) << "the panel is light too";
  app->offscreen()->press_key(GLFW_KEY_L);
  app->frame();
  app->frame();
  EXPECT_GT(dark_share(app->offscreen()->read_frame(), 30, 80, 300, 400), 0.5) << "and back";
}

TEST(WindowOffscreen, TheFrameIsTheSameDrawnStraightOntoTheScreenOrResolvedOntoIt) {
  // Without multisampling (a software renderer's default) the scene goes straight into the
  // surface's framebuffer; with it, into a target of its own resolved onto the surface. One
  // picture either way, but for anti-aliased edges.
  std::vector<Image> frames;
  GLint max_samples = 0;
  for (const int msaa : {0, 4}) {
    Options options;
    options.msaa = msaa;
    auto created = InteractiveApp::create_offscreen(options, Presentation{}, 480, 270);
    ASSERT_TRUE(created) << created.error();
    const auto app = std::move(*created);
    app->frame();
    app->frame();
    frames.push_back(app->offscreen()->read_frame());
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);  // while its context is current
  }
  ASSERT_EQ(frames[0].rgba.size(), frames[1].rgba.size());
  double difference = 0.0;
  for (std::size_t i = 0; i < frames[0].rgba.size(); ++i) difference += std::abs(frames[0].rgba[i] - frames[1].rgba[i]);
  difference /= static_cast<double>(frames[0].rgba.size());
  if (max_samples >= 4) {
    EXPECT_GT(difference, 0.0) << "4x multisampling smooths some edges";
    EXPECT_LT(difference, 1.0) << "but draws the same picture";
  } else {
    EXPECT_EQ(difference, 0.0) << "a driver without multisampling draws both without";
  }
}

// A scene with the step terms on: the Step section opens with the first ball's step explained
// (the panel builds, on the frame), and the arrows are drawn at the ball in their colours: none
// of the step's green without them.
TEST(WindowOffscreen, TheStepTermsAreDrawnAtTheBallAndTheStepSectionBuilds) {
  const fs::path dir = fs::temp_directory_path() / ("losscape_step_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto scene = [&](bool terms) {
    const fs::path path = dir / (terms ? "terms.json" : "plain.json");
    std::ofstream(path) << R"({"function": "rosenbrock", "camera": {"view": "top"}, "playback": {"playing": false},
      "balls": [{"start": [-1.5, 2.5], "optimizer": {"name": "adam", "lr": 0.05}}],
      "render": {"arrows": {"terms": )"
                        << (terms ? "true" : "false") << "}}}";
    return path.string();
  };
  // Pixels of the step arrow's green (term_colours.hpp: 0.45, 1, 0.35), which viridis never shows.
  const auto step_green = [](const Image& image) {
    int count = 0;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        const std::uint8_t* p = image.pixel(x, y);
        count += p[1] > 225 && std::abs(p[0] - 115) < 35 && std::abs(p[2] - 89) < 35;
      }
    }
    return count;
  };
  auto with_terms = open_app(scene(true));
  ASSERT_TRUE(with_terms);
  with_terms->frame();
  with_terms->frame();
  const Image image = with_terms->offscreen()->read_frame();
  EXPECT_GT(step_green(image), 30) << "the step's arrow";
  const std::string shot = with_terms->screenshot_now(0, true, false, dir.string());
  with_terms->wait_for_files();
  std::cout << "the picture: " << (dir / shot).string() << "\n";
  with_terms.reset();  // one app at a time: each owns the current ImGui context
  auto plain = open_app(scene(false));
  ASSERT_TRUE(plain);
  plain->frame();
  plain->frame();
  EXPECT_EQ(step_green(plain->offscreen()->read_frame()), 0);
}

// A loss-landscape surface file opens in the window, and the function section offers the file's
// surfaces (LOSSCAPE_PANEL_PICTURE=PATH.png writes the frame, to look at).
TEST(WindowOffscreen, ALossSurfaceFileOpensWithItsSurfacesOffered) {
  Scene scene;
  scene.function = LossSurfaceSource{
      (fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "math" / "data" / "loss-surface.h5").string(), "test_loss"};
  auto app = InteractiveApp::create_offscreen(Options{}, Presentation(std::move(scene)), 960, 540);
  ASSERT_TRUE(app) << app.error();
  (*app)->frame();
  (*app)->frame();
  EXPECT_EQ((*app)->simulation().cost().title(), "test_loss of loss-surface.h5");
  const Image frame = (*app)->offscreen()->read_frame();
  // Under 0.1 without the panel; the surface's rows (surface, height, clamp) are lighter widgets.
  EXPECT_GT(dark_share(frame, 30, 80, 300, 400), 0.3) << "the panel is drawn";
  if (const char* picture = std::getenv("LOSSCAPE_PANEL_PICTURE")) {
    EXPECT_TRUE(write_png(picture, frame));
  }
}

// A solver process's ball runs in the window, its message under the balls; one that fails stops
// with its line there (in red), and the frames go on (LOSSCAPE_PANEL_PICTURE=PATH.png to look).
TEST(WindowOffscreen, SolverBallsShowTheirMessageOrWhyTheyStopped) {
  const std::string solver = (fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "solver" / "solver.py").string();
  const std::string text = R"({"function": "himmelblau", "balls": [{"start": [1, 1], "solver": "/usr/bin/python3 )" +
                           solver + R"( gd"}, {"start": [-1, 1], "solver": "/usr/bin/python3 )" + solver +
                           R"( exit"}]})";
  auto scene = read_scene(text, "solvers.json", ".");
  ASSERT_TRUE(scene) << scene.error();
  auto app = InteractiveApp::create_offscreen(Options{}, Presentation(std::move(*scene)), 960, 720);
  ASSERT_TRUE(app) << app.error();
  for (int i = 0; i < 40 && ((*app)->simulation().balls()[0].steps < 3 || (*app)->simulation().balls()[1].steps < 1);
       ++i) {
    (*app)->frame();
  }
  const auto& balls = (*app)->simulation().balls();
  ASSERT_GE(balls[0].steps, 3u);
  EXPECT_STREQ(status_text(balls[0]), "running");
  EXPECT_STREQ(status_text(balls[1]), "stopped");
  (*app)->frame();
  const Image frame = (*app)->offscreen()->read_frame();
  EXPECT_GT(dark_share(frame, 30, 80, 300, 400), 0.3) << "the panel is drawn";
  if (const char* picture = std::getenv("LOSSCAPE_PANEL_PICTURE")) {
    EXPECT_TRUE(write_png(picture, frame));
  }
}
