// The session without any window or GL: the edits a front-end records, what applying them does,
// and that an edit which cannot be built changes nothing.
#include "engine/session/session.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace losscape;

namespace {

std::unique_ptr<Session> make_session(Scene scene) {
  auto session = Session::create(Presentation(std::move(scene)), {});
  EXPECT_TRUE(session) << session.error();
  return session ? std::move(*session) : nullptr;
}

Scene himmelblau_with_gd() {
  Scene scene;
  scene.balls.push_back(BallSpec{glm::dvec2(1.0, 1.0), OptimizerSpec{"gd", {{"lr", 0.01}}}, std::nullopt, ""});
  return scene;
}

}  // namespace

TEST(Session, ASceneThatCannotBeBuiltIsRefusedWithItsReason) {
  Scene scene;
  scene.function = BuiltinSource{"nosuch"};
  const auto session = Session::create(Presentation(scene), {});
  EXPECT_FALSE(session);
  EXPECT_NE(session.error().find("unknown function 'nosuch'"), std::string::npos) << session.error();
}

TEST(Session, AnEditWaitsForApplyEditsThenRebuildsOnce) {
  auto session = make_session(himmelblau_with_gd());
  const Simulation* before = &session->simulation();
  session->select_function(BuiltinSource{"rosenbrock"});
  EXPECT_EQ(function_source_text(session->edited_scene().function), "rosenbrock");
  EXPECT_EQ(function_source_text(session->scene().function), "himmelblau") << "nothing changes while the UI is built";
  EXPECT_EQ(&session->simulation(), before);

  const Session::Applied applied = session->apply_edits();
  EXPECT_TRUE(applied.rebuilt);
  EXPECT_TRUE(applied.surface_changed);
  EXPECT_TRUE(applied.new_function);
  EXPECT_FALSE(applied.new_slide);
  EXPECT_TRUE(applied.error.empty());
  EXPECT_EQ(function_source_text(session->scene().function), "rosenbrock");
  EXPECT_EQ(session->simulation().cost().name(), "rosenbrock");
  EXPECT_FALSE(session->scene().balls.front().start) << "another function starts from its own default";
  EXPECT_FALSE(session->apply_edits().rebuilt) << "applied once";
}

TEST(Session, AnEditThatCannotBeBuiltKeepsTheSceneAndSaysWhy) {
  auto session = make_session(himmelblau_with_gd());
  session->select_function(BuiltinSource{"nosuch"});
  const Session::Applied applied = session->apply_edits();
  EXPECT_FALSE(applied.rebuilt);
  EXPECT_NE(applied.error.find("unknown function 'nosuch'"), std::string::npos) << applied.error;
  EXPECT_EQ(function_source_text(session->scene().function), "himmelblau");
  EXPECT_EQ(function_source_text(session->edited_scene().function), "himmelblau");
}

// The panel's height and clamp: the same surface reshaped, the scene's view and labels kept; a zmax
// that would flatten it changes nothing and says why.
TEST(Session, ALossSurfacesHeightIsReshapedInPlace) {
  Scene scene;
  scene.function = LossSurfaceSource{std::string(LOSSCAPE_SOURCE_DIR) + "/tests/math/data/loss-surface.h5"};
  scene.camera.view = "top";
  scene.annotations.push_back({"the valley", glm::dvec2(0.0, 0.0), std::nullopt});
  auto session = make_session(scene);
  ASSERT_TRUE(session);
  session->set_surface_height({SurfaceScale::log, 2.0});
  EXPECT_TRUE(session->apply_edits().rebuilt);
  EXPECT_EQ(session->simulation().cost().title(), "log(min(train_loss, 2) + 0.1) of loss-surface.h5");
  EXPECT_EQ(session->scene().camera.view, "top");
  EXPECT_EQ(session->scene().annotations.size(), 1u);
  session->set_surface_height({SurfaceScale::linear, 0.1});
  const Session::Applied refused = session->apply_edits();
  EXPECT_FALSE(refused.rebuilt);
  EXPECT_NE(refused.error.find("zmax 0.1 is not above the lowest value"), std::string::npos) << refused.error;
  EXPECT_EQ(std::get<LossSurfaceSource>(session->scene().function).height, (SurfaceHeight{SurfaceScale::log, 2.0}));
}

TEST(Session, ATypoInAFormulaChangesNothingAndSaysWhere) {
  auto session = make_session(himmelblau_with_gd());
  formula::CompileError error;
  EXPECT_FALSE(session->apply_formula("x^2 + 2y", error));
  EXPECT_EQ(error.column, 8);  // at the y
  EXPECT_FALSE(session->apply_edits().rebuilt);

  EXPECT_TRUE(session->apply_formula("x^2 + 2*y^2", error));
  const Session::Applied applied = session->apply_edits();
  EXPECT_TRUE(applied.rebuilt && applied.surface_changed);
  EXPECT_EQ(session->simulation().cost().name(), "formula");
}

TEST(Session, FormulaParametersKeepTheBallsWhereTheyWereDropped) {
  auto session = make_session(himmelblau_with_gd());
  formula::CompileError error;
  ASSERT_TRUE(session->apply_formula("a*x^2 + y^2 where a = 1", error));
  session->apply_edits();
  session->drop_balls_at({2.0, -1.0});
  session->set_formula_parameter("a", 3.0);
  session->apply_edits();
  ASSERT_EQ(session->scene().formula_parameters.size(), 1u);
  EXPECT_EQ(session->scene().formula_parameters.front().second, 3.0);
  EXPECT_EQ(session->simulation().balls().front().start, glm::dvec2(2.0, -1.0));
}

TEST(Session, TickingAnOptimizerRacesItFromEveryStartInTheRegistrysOrder) {
  Scene scene = himmelblau_with_gd();
  scene.balls.push_back(BallSpec{glm::dvec2(-2.0, 2.0), OptimizerSpec{"gd", {}}, std::nullopt, ""});
  auto session = make_session(scene);
  session->set_optimizer_enabled("adam", true);
  session->apply_edits();
  const auto& balls = session->scene().balls;
  ASSERT_EQ(balls.size(), 4u);
  EXPECT_EQ(balls[0].optimizer.name, "gd");
  EXPECT_EQ(balls[2].optimizer.name, "adam");
  EXPECT_EQ(balls[2].start, glm::dvec2(1.0, 1.0));
  EXPECT_EQ(balls[3].start, glm::dvec2(-2.0, 2.0));

  session->set_optimizer_enabled("gd", false);
  session->apply_edits();
  EXPECT_EQ(session->simulation().balls().size(), 2u);
  session->set_optimizer_enabled("adam", false);  // never the last one
  session->apply_edits();
  EXPECT_EQ(session->simulation().balls().size(), 2u);
}

TEST(Session, AWrappersInnerMethodIsChangedKeepingTheParametersBothHave) {
  Scene scene = himmelblau_with_gd();
  scene.balls.front().optimizer = OptimizerSpec{"lookahead:adam", {{"lookahead_k", 3}, {"lr", 0.05}, {"amsgrad", 1}}};
  auto session = make_session(scene);
  session->set_inner_method("lookahead:adam", "Lookahead (Adam)", "momentum");
  session->apply_edits();
  const OptimizerSpec& spec = session->scene().balls.front().optimizer;
  EXPECT_EQ(spec.name, "lookahead:momentum");
  EXPECT_EQ(spec.parameters, (std::vector<std::pair<std::string, double>>{{"lookahead_k", 3}, {"lr", 0.05}}));
  EXPECT_EQ(session->simulation().balls().front().optimizer->name(), "lookahead:momentum");
  EXPECT_EQ(session->simulation().balls().front().label, "Lookahead (Momentum)");
}

TEST(Session, AParameterTakesEffectAtOnceAndIsRemembered) {
  auto session = make_session(himmelblau_with_gd());
  const std::string label = session->simulation().balls().front().label;
  session->set_optimizer_enabled("adam", true);  // pending: the parameter reaches its scene too
  session->set_parameter("gd", label, "lr", 0.002);
  EXPECT_EQ(session->simulation().balls().front().optimizer->parameter("lr"), 0.002);
  session->apply_edits();
  EXPECT_EQ(session->simulation().balls().front().optimizer->parameter("lr"), 0.002);
  const auto& parameters = session->scene().balls.front().optimizer.parameters;
  ASSERT_EQ(parameters.size(), 1u);
  EXPECT_EQ(parameters.front(), std::make_pair(std::string("lr"), 0.002));
}

TEST(Session, TheCurrentStateStartsWhereTheBallsWereDroppedAndPlaysAtTheSpeedSet) {
  auto session = make_session(himmelblau_with_gd());
  session->drop_balls_at({-3.0, 2.5});
  session->simulation().settings().steps_per_second = 90.0;
  session->simulation().set_playing(false);
  const Scene state = session->current_state();
  EXPECT_EQ(state.balls.front().start, glm::dvec2(-3.0, 2.5));
  EXPECT_EQ(state.playback.steps_per_second, 90.0);
  EXPECT_FALSE(state.playback.playing);
  // An edit keeps the speed the user set.
  session->set_optimizer_enabled("momentum", true);
  session->apply_edits();
  EXPECT_EQ(session->simulation().settings().steps_per_second, 90.0);
  EXPECT_FALSE(session->simulation().playing());
}

TEST(Session, ASwarmRunsTheAnalysisOptimizerWithItsCurrentParameters) {
  auto session = make_session(himmelblau_with_gd());
  session->set_parameter("gd", session->simulation().balls().front().label, "lr", 0.004);
  SwarmSpec layout;
  layout.count = 25;
  layout.layout = SwarmLayout::grid;
  session->launch_swarm(layout);
  session->apply_edits();
  EXPECT_EQ(session->simulation().swarm_size(), 25u);
  ASSERT_TRUE(session->scene().swarm && session->scene().swarm->optimizer);
  EXPECT_EQ(session->scene().swarm->optimizer->name, "gd");
  EXPECT_EQ(session->analysis_ball()->optimizer->parameter("lr"), 0.004);
  session->clear_swarm();
  session->apply_edits();
  EXPECT_EQ(session->simulation().swarm_size(), 0u);
}

TEST(Session, SlidesOfADeckShowOnApplyWithTheirOwnPlayback) {
  auto deck = Presentation::open(std::filesystem::path(LOSSCAPE_SOURCE_DIR) / "scenes/decks/intro.json");
  ASSERT_TRUE(deck) << deck.error();
  auto created = Session::create(*deck, {});
  ASSERT_TRUE(created) << created.error();
  const auto session = std::move(*created);
  session->show_slide(1);
  session->show_slide(2);
  EXPECT_EQ(session->current_slide(), 2u) << "two Page Downs in one frame each count";
  EXPECT_EQ(session->presentation().index(), 0u);
  const Session::Applied applied = session->apply_edits();
  EXPECT_TRUE(applied.new_slide && applied.surface_changed);
  EXPECT_FALSE(applied.keep_camera);
  EXPECT_EQ(session->presentation().index(), 2u);
  EXPECT_EQ(session->scene(), session->presentation().scene());
  session->show_slide(99);  // past the end: nothing
  EXPECT_FALSE(session->apply_edits().rebuilt);
}

TEST(Session, AFileWhoseFirstSceneCannotBeBuiltLeavesEverythingAsItWas) {
  auto session = make_session(himmelblau_with_gd());
  const auto folder = std::filesystem::temp_directory_path() / ("losscape-session-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto broken = folder / "broken.json";
  std::ofstream(broken) << R"({"title": "missing data", "function": "mse:nowhere.csv"})";
  const auto opened = session->open(broken.string());
  ASSERT_TRUE(opened) << "the file itself reads: " << opened.error();
  EXPECT_EQ(*opened, 1u);
  const Session::Applied applied = session->apply_edits();
  EXPECT_FALSE(applied.rebuilt);
  EXPECT_NE(applied.error.find("nowhere.csv"), std::string::npos) << applied.error;
  EXPECT_FALSE(session->presentation().has_file()) << "the presentation is still the one before";
  EXPECT_EQ(function_source_text(session->scene().function), "himmelblau");

  const auto good = folder / "good.json";
  std::ofstream(good) << R"({"title": "a bowl", "function": "bowl"})";
  ASSERT_TRUE(session->open(good.string()));
  EXPECT_TRUE(session->apply_edits().new_slide);
  EXPECT_EQ(session->presentation().path(), good.string());
  EXPECT_EQ(session->scene().title, "a bowl");
  std::filesystem::remove_all(folder);
}

TEST(Session, APickedScheduleRestartsTheBallsUnderItAndASwarmLaunchedFromThemRunsItToo) {
  auto session = make_session(himmelblau_with_gd());
  session->simulation().run_steps(5);
  const std::string label = session->simulation().balls().front().label;
  session->set_schedule("gd", label, parse_schedule("StepLR:step_size=2").value());
  session->apply_edits();
  const Ball& ball = session->simulation().balls().front();
  ASSERT_NE(ball.optimizer->schedule(), nullptr);
  EXPECT_EQ(ball.steps, 0u);
  EXPECT_EQ(format_schedule(*session->scene().balls.front().optimizer.schedule), "StepLR:step_size=2");
  SwarmSpec layout;
  layout.count = 10;
  session->launch_swarm(layout);
  session->apply_edits();
  ASSERT_TRUE(session->scene().swarm && session->scene().swarm->optimizer);
  EXPECT_EQ(session->scene().swarm->optimizer->schedule, session->scene().balls.front().optimizer.schedule);
  const Ball& member = session->simulation().balls().back();
  ASSERT_TRUE(member.swarm);
  EXPECT_NE(member.optimizer->schedule(), nullptr);
  session->set_schedule("gd", label, std::nullopt);
  session->apply_edits();
  EXPECT_EQ(session->simulation().balls().front().optimizer->schedule(), nullptr);
}

TEST(Session, NoiseSetInThePanelRebuildsTheRunAndABadBatchSizeChangesNothing) {
  auto session = make_session(himmelblau_with_gd());
  GradientNoise noise;
  noise.sigma = 2.0;
  noise.seed = 5;
  session->set_noise(noise);
  EXPECT_TRUE(session->apply_edits().rebuilt);
  EXPECT_EQ(session->scene().noise, noise);
  EXPECT_EQ(session->simulation().settings().noise, noise);
  session->simulation().run_steps(50);
  const glm::dvec2 noisy = session->simulation().balls()[0].position;
  session->set_noise(noise);  // the same noise again: the same run from the start
  session->apply_edits();
  session->simulation().run_steps(50);
  EXPECT_EQ(session->simulation().balls()[0].position, noisy);
  noise.batch_size = 4;  // Himmelblau has no data points
  session->set_noise(noise);
  const Session::Applied applied = session->apply_edits();
  EXPECT_FALSE(applied.rebuilt);
  EXPECT_EQ(applied.error,
            "batch_size: needs a data-backed cost (mse:FILE.csv); Himmelblau has no samples to draw from");
  EXPECT_FALSE(session->scene().noise.batch_size);
}

TEST(Session, ABallAdderAddsItsBallsNowAndToEverySimulationAnEditBuilds) {
  // What Python's show() relies on: balls no scene file can name (its optimizer objects) race on
  // after an edit rebuilds the balls.
  auto session = make_session(himmelblau_with_gd());
  int calls = 0;
  session->set_ball_adder([&calls](Simulation& simulation) {
    ++calls;
    simulation.add_ball({-1.0, 2.0}, make_optimizer("adam"), {0.1f, 0.2f, 0.9f}, "added");
  });
  ASSERT_EQ(calls, 1) << "the current simulation at once";
  ASSERT_EQ(session->simulation().balls().size(), 2u);
  EXPECT_EQ(session->simulation().balls().back().label, "added");

  session->select_function(BuiltinSource{"rosenbrock"});
  ASSERT_TRUE(session->apply_edits().rebuilt);
  EXPECT_EQ(calls, 2);
  ASSERT_EQ(session->simulation().balls().size(), 2u);
  EXPECT_EQ(session->simulation().balls().back().label, "added");
  EXPECT_EQ(session->simulation().cost().name(), "rosenbrock");

  session->select_function(BuiltinSource{"nosuch"});
  EXPECT_FALSE(session->apply_edits().error.empty());
  EXPECT_EQ(calls, 2) << "an edit that cannot be built adds nothing";
  EXPECT_EQ(session->simulation().balls().size(), 2u);
}

TEST(Session, TheMapsFollowTheFirstBallWhoseMethodMapsNotAReplayedPathOrASolver) {
  auto session = make_session(himmelblau_with_gd());
  ASSERT_NE(session->analysis_ball(), nullptr);
  EXPECT_EQ(session->analysis_ball()->optimizer->name(), "gd");
  EXPECT_TRUE(make_optimizer("adam")->maps());
}
