// Training paths replayed as balls: loss-landscape's trajectory file (projection.py's layout,
// written by h5py exactly as that project does: tests/math/data/make_trajectories.py), the same
// with what losscape's Python package adds (true losses, accuracies, checkpoint names), a CSV, and
// --export-trajectories' own CSV; the replaying ball's steps are the file's points; scene files
// round-trip the ball; every bad file is refused in one line naming it.
#include "engine/core/optimizers/path_replay.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/scene/training_path_file.hpp"
#include "engine/scene/trajectory_csv.hpp"
#include "engine/session/session.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "math" / "data";
const fs::path kBad = fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "bad-input";

// make_trajectories.py's checkpoints, in training order.
const std::vector<glm::dvec2> kPoints = {{-0.8, 1.7},  {-0.55, 1.2}, {-0.35, 0.8},
                                         {-0.2, 0.45}, {-0.08, 0.2}, {0.0, 0.0}};
const std::vector<double> kLoss = {2.302, 1.41, 0.87, 0.52, 0.31, 0.24};
const std::vector<double> kAccuracy = {11.0, 52.0, 71.0, 83.0, 90.0, 93.0};  // percent

TrainingPath load_ok(const fs::path& path) {
  std::string error;
  TrainingPath t = losscape::testing::take(load_training_path(path.string()), error);
  EXPECT_EQ(error, "") << path;
  return t;
}

std::string load_error(const fs::path& path) {
  auto loaded = load_training_path(path.string());
  EXPECT_FALSE(loaded) << path;
  return loaded.error();
}

// A scene on the test surface with one ball replaying `trajectory`.
Scene replay_scene(const std::string& trajectory) {
  Scene scene;
  scene.function = LossSurfaceSource{(kData / "loss-surface.h5").string(), "train_loss"};
  scene.balls = {replay_ball(trajectory)};
  return scene;
}

}  // namespace

TEST(TrainingPath, ReadsLossLandscapesProjectionFileInCheckpointOrder) {
  const TrainingPath t = load_ok(kData / "trajectory-projection.h5");
  EXPECT_EQ(t.points, kPoints);  // float64 read exactly, in the file's order
  EXPECT_TRUE(t.loss.empty());
  EXPECT_TRUE(t.accuracy.empty());
  EXPECT_TRUE(t.checkpoints.empty());
  EXPECT_EQ(t.source, (kData / "trajectory-projection.h5").string());
}

TEST(TrainingPath, ReadsTheTrueLossesAccuraciesAndNamesOurPackageAdds) {
  const TrainingPath t = load_ok(kData / "trajectory-losscape.h5");
  EXPECT_EQ(t.points, kPoints);
  EXPECT_EQ(t.loss, kLoss);
  EXPECT_EQ(t.accuracy, kAccuracy);
  ASSERT_EQ(t.checkpoints.size(), 6u);
  EXPECT_EQ(t.checkpoints.front(), "model_0.t7");
  EXPECT_EQ(t.checkpoints.back(), "model_5.t7");
}

TEST(TrainingPath, ReadsACsvByItsHeaderAndItsLossColumn) {
  const TrainingPath t = load_ok(kData / "trajectory.csv");  // epoch,x,y,loss: epoch ignored
  EXPECT_EQ(t.points, kPoints);
  EXPECT_EQ(t.loss, kLoss);
  EXPECT_TRUE(t.accuracy.empty());
}

TEST(TrainingPath, ExportedTrajectoriesReplayWhenTheyHoldOneBall) {
  Scene scene;
  scene.function = BuiltinSource{"himmelblau"};
  SimulationSettings settings;
  settings.record_history = true;
  auto simulation = std::move(build_simulation(scene, settings).value());
  simulation->run_steps(7);
  const fs::path csv = fs::temp_directory_path() / ("losscape_replay_" + std::to_string(::getpid()) + ".csv");
  ASSERT_TRUE(write_trajectories_csv(csv.string(), *simulation));
  const TrainingPath t = load_ok(csv);
  const Ball& ball = simulation->balls().front();
  ASSERT_EQ(t.points.size(), ball.history.size());
  for (std::size_t k = 0; k < t.points.size(); ++k) EXPECT_EQ(t.points[k], ball.history[k].position) << k;
  EXPECT_TRUE(t.loss.empty()) << "f is the surface's value, not a network's loss";
  fs::remove(csv);
}

TEST(TrainingPath, TheReplayingBallStepsThroughTheFilesPointsAndFinishesOnTheLast) {
  for (const char* file : {"trajectory-projection.h5", "trajectory-losscape.h5", "trajectory.csv"}) {
    SimulationSettings settings;
    settings.record_history = true;
    auto built = build_simulation(replay_scene((kData / file).string()), settings);
    ASSERT_TRUE(built) << built.error();
    Simulation& simulation = **built;
    ASSERT_EQ(simulation.balls().size(), 1u);
    const Ball& ball = simulation.balls().front();
    EXPECT_EQ(ball.start, kPoints.front());
    EXPECT_EQ(ball.label, "training path (projected)");
    EXPECT_EQ(ball.optimizer->name(), "replay");
    simulation.run_steps(100);  // stops once the ball rests
    EXPECT_EQ(ball.steps, kPoints.size() - 1) << file;
    ASSERT_EQ(ball.history.size(), kPoints.size()) << file;
    for (std::size_t k = 0; k < kPoints.size(); ++k) {
      EXPECT_EQ(ball.history[k].position, kPoints[k]) << file << " checkpoint " << k;
      EXPECT_EQ(ball.history[k].value, simulation.cost().value(kPoints[k])) << "the slice's loss there";
    }
    EXPECT_EQ(ball.position, kPoints.back());
    EXPECT_STREQ(status_text(ball), "finished");
    // --export-trajectories writes its steps as any ball's, and that file replays the same path.
    const fs::path csv = fs::temp_directory_path() / ("losscape_replayed_" + std::to_string(::getpid()) + ".csv");
    ASSERT_TRUE(write_trajectories_csv(csv.string(), simulation));
    EXPECT_EQ(load_ok(csv).points, kPoints) << file;
    fs::remove(csv);
    EXPECT_EQ(as_replay(*ball.optimizer)->index(), kPoints.size() - 1);
    simulation.step_all();  // at rest on the last point
    EXPECT_EQ(ball.position, kPoints.back());
    simulation.reset();  // and from the start again
    EXPECT_EQ(ball.position, kPoints.front());
    EXPECT_EQ(as_replay(*ball.optimizer)->index(), 0u);
  }
}

TEST(TrainingPath, AReplayIsNeverTheMethodOfASwarmOrABasinMap) {
  Scene scene = replay_scene((kData / "trajectory.csv").string());
  const auto cost = std::move(find_function(scene).value());
  EXPECT_EQ(analysis_optimizer_spec(scene, *cost).name, "gd");  // none runs a method: the default
  scene.balls.push_back(BallSpec{});
  scene.balls.back().optimizer.name = "adam";
  EXPECT_EQ(analysis_optimizer_spec(scene, *cost).name, "adam");
  scene.swarm = SceneSwarm{};
  scene.swarm->layout.count = 4;
  auto built = build_simulation(scene, {});
  ASSERT_TRUE(built) << built.error();
  for (const Ball& ball : (*built)->balls()) {
    if (ball.swarm) {
      EXPECT_EQ(ball.optimizer->name(), "adam");
    }
  }
}

TEST(TrainingPath, ASceneFileRoundTripsTheBallAndFindsItsFileBesideIt) {
  const std::string text = R"({"function": "bowl", "balls": [{"trajectory": "path.csv", "colour": "#ff8800"}]})";
  const fs::path dir = fs::temp_directory_path() / ("losscape_replay_scene_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(kData / "trajectory.csv", dir / "path.csv", fs::copy_options::overwrite_existing);
  std::string error;
  const Scene scene = losscape::testing::take(read_scene(text, "x.json", dir.string()), error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(scene.balls.size(), 1u);
  EXPECT_EQ(scene.balls[0].trajectory, "path.csv");
  EXPECT_TRUE(replays_path(scene.balls[0]));
  const std::string written = write_scene(scene);
  EXPECT_NE(written.find("\"trajectory\": \"path.csv\""), std::string::npos) << written;
  EXPECT_EQ(written.find("optimizer"), std::string::npos) << "a replay has no method to save: " << written;
  EXPECT_EQ(losscape::testing::take(read_scene(written, "x.json", dir.string()), error), scene) << error;
  auto built = build_simulation(scene, {});  // path.csv is found beside the scene, not in the current folder
  ASSERT_TRUE(built) << built.error();
  EXPECT_EQ((*built)->balls().front().start, kPoints.front());
  fs::remove_all(dir);
}

TEST(TrainingPath, ASceneFileBallCannotBothReplayAndRunAMethod) {
  auto read =
      read_scene(R"({"function": "bowl", "balls": [{"trajectory": "p.csv", "optimizer": "adam"}]})", "x.json", "");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error(),
            "x.json:1:69: balls[0].optimizer: a ball replaying a trajectory has no optimizer (it steps through the "
            "file's checkpoints)");
  read = read_scene(R"({"function": "bowl", "balls": [{"trajectory": 3}]})", "x.json", "");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error(), "x.json:1:47: balls[0].trajectory: expected a string in quotes, got 3");
  const auto built = build_simulation(replay_scene("/nonexistent/t.h5"), {});
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error(), "balls[0].trajectory: cannot open /nonexistent/t.h5: No such file or directory");
}

TEST(TrainingPath, EveryBadFileIsOneLineNamingTheFile) {
  const auto bad = [](const char* name) { return (kBad / name).string(); };
  EXPECT_EQ(load_error(bad("not-hdf5.h5")), bad("not-hdf5.h5") + ": not an HDF5 file");
  EXPECT_EQ(load_error(bad("trajectory-no-y.h5")),
            bad("trajectory-no-y.h5") +
                ": no 'proj_ycoord' dataset: not a loss-landscape trajectory file (projection.py writes proj_xcoord "
                "and proj_ycoord)");
  EXPECT_EQ(load_error(kData / "loss-surface.h5"),
            (kData / "loss-surface.h5").string() +
                ": no 'proj_xcoord' dataset: not a loss-landscape trajectory file (projection.py writes proj_xcoord "
                "and proj_ycoord)");
  EXPECT_EQ(load_error(bad("trajectory-lengths.h5")),
            bad("trajectory-lengths.h5") + ": 'proj_xcoord' has 6 values, 'proj_ycoord' 5: one per checkpoint in each");
  EXPECT_EQ(load_error(bad("trajectory-empty.h5")),
            bad("trajectory-empty.h5") + ": no checkpoints ('proj_xcoord' and 'proj_ycoord' are empty)");
  EXPECT_EQ(load_error(bad("trajectory-nan.h5")),
            bad("trajectory-nan.h5") + ": checkpoint 2 is at (-0.35, nan): not a finite point");
  EXPECT_EQ(
      load_error(bad("trajectory-no-y.csv")),
      bad("trajectory-no-y.csv") +
          ":1: the header names no 'y' column (a training path's CSV has columns x and y, one row per checkpoint)");
  EXPECT_EQ(load_error(bad("trajectory-bad-number.csv")),
            bad("trajectory-bad-number.csv") + ":3: 'y' is not a finite number: '1.2x'");
  EXPECT_EQ(load_error(bad("trajectory-two-balls.csv")),
            bad("trajectory-two-balls.csv") + ":3: a second ball ('1' after '0'): a training path is one ball's steps");
  EXPECT_EQ(load_error("/nonexistent/t.csv"), "cannot open /nonexistent/t.csv: No such file or directory");
}

TEST(TrainingPath, TheOptionalListsMustHaveOneValuePerCheckpoint) {
  TrainingPath t;
  t.source = "t.h5";
  t.points = kPoints;
  t.loss = {1.0, 2.0};
  EXPECT_EQ(check_training_path(t, "proj_xcoord", "proj_ycoord").error(),
            "t.h5: 'train_loss' has 2 values, expected 6 (one per checkpoint)");
  t.loss = kLoss;
  t.loss[4] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(check_training_path(t, "proj_xcoord", "proj_ycoord").error(), "t.h5: 'train_loss' has inf at checkpoint 4");
  t.loss = kLoss;
  t.checkpoints = {"a"};
  EXPECT_EQ(check_training_path(t, "proj_xcoord", "proj_ycoord").error(),
            "t.h5: 'checkpoints' has 1 values, expected 6 (one per checkpoint)");
}

TEST(TrainingPath, TheStepSectionExplainsTheNextCheckpointAndLandsOnIt) {
  auto built = build_simulation(replay_scene((kData / "trajectory.csv").string()), {});
  ASSERT_TRUE(built) << built.error();
  Simulation& simulation = **built;
  const Ball& ball = simulation.balls().front();
  simulation.step_all();
  const StepExplanation explained = simulation.explain_next_step(ball);
  EXPECT_EQ(explained.from, kPoints[1]);
  EXPECT_EQ(explained.to, kPoints[2]);
  ASSERT_EQ(explained.lines.size(), 2u);
  EXPECT_EQ(to_text(explained.lines[0]), "k, the next checkpoint (of 5) = 2");
  simulation.step_all();
  EXPECT_EQ(ball.position, explained.to) << "the step explained is the step taken";
}

TEST(TrainingPath, DroppingBallsLeavesThePathWhereItsFileSaysAndMapsUseAMethod) {
  Scene scene = replay_scene((kData / "trajectory.csv").string());
  scene.balls.insert(scene.balls.begin(), BallSpec{});  // gradient descent first
  auto session = Session::create(Presentation(scene), {});
  ASSERT_TRUE(session) << session.error();
  (*session)->drop_balls_at({0.5, -0.25});
  const auto& balls = (*session)->simulation().balls();
  EXPECT_EQ(balls[0].start, glm::dvec2(0.5, -0.25));
  EXPECT_EQ(balls[1].start, kPoints.front()) << "the replay starts where its file does";
  ASSERT_NE((*session)->analysis_ball(), nullptr);
  EXPECT_EQ((*session)->analysis_ball()->optimizer->name(), "gd");
  // A scene with only the path: no method to map.
  auto alone = Session::create(Presentation(replay_scene((kData / "trajectory.csv").string())), {});
  ASSERT_TRUE(alone) << alone.error();
  EXPECT_EQ((*alone)->analysis_ball(), nullptr);
  // Saved as it is now: the replay is still a replay, without a start of its own.
  const Scene saved = (*alone)->current_state();
  const std::string text = write_scene(saved);
  EXPECT_NE(text.find("\"trajectory\""), std::string::npos) << text;
  EXPECT_EQ(text.find("\"start\""), std::string::npos) << text;
}
