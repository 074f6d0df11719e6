// A ball driven by an external process (engine/scene/external_solver.hpp, docs/solver-protocol.md):
// the lines it is sent, reset, and each failure stopping the ball with its own line, never the
// program; no process left behind. The process is tests/solver/solver.py (Debian's python3).
#include "engine/scene/external_solver.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/scene_factory.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace losscape {
namespace {

const std::string kSolver = std::string(LOSSCAPE_SOURCE_DIR) + "/tests/solver/solver.py";

// Himmelblau with one solver ball from (1, 1) (and a gd ball with the same learning rate first,
// when `with_gd`); the scene's folder is the temporary one, where the command runs.
std::unique_ptr<Simulation> simulation_with(const std::string& command, bool with_gd = false,
                                            const std::string& timeout = "10") {
  const std::string gd = R"({"start": [1, 1], "optimizer": {"name": "gd", "lr": 0.0078125}}, )";
  const std::string text = R"({"function": "himmelblau", "balls": [)" + (with_gd ? gd : std::string()) +
                           R"({"start": [1, 1], "solver": )" + nlohmann::json(command).dump() +
                           R"(, "solver_timeout": )" + timeout + "}]}";
  auto scene = read_scene(text, "solver.json", std::filesystem::temp_directory_path().string());
  EXPECT_TRUE(scene) << scene.error();
  SimulationSettings settings;
  settings.record_history = true;
  auto simulation = build_simulation(*scene, settings);
  EXPECT_TRUE(simulation) << simulation.error();
  return std::move(*simulation);
}

const ExternalSolver& solver_of(const Ball& ball) {
  const ExternalSolver* solver = as_external_solver(*ball.optimizer);
  EXPECT_NE(solver, nullptr);
  return *solver;
}

std::vector<nlohmann::json> lines_in(const std::string& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

// No child of this test is left running or unreaped.
void expect_no_children() {
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1) << "a solver process was left behind";
  EXPECT_EQ(errno, ECHILD);
}

TEST(ExternalSolver, PlainGradientDescentInPythonEqualsTheBuiltInGdBitForBit) {
  auto simulation = simulation_with("/usr/bin/python3 " + kSolver + " gd 0.0078125", true);
  simulation->run_steps(200);
  const auto& balls = simulation->balls();
  ASSERT_EQ(balls.size(), 2u);
  EXPECT_EQ(balls[1].label, "solver: /usr/bin/python3 " + kSolver + " gd 0.0078125");
  EXPECT_TRUE(solver_of(balls[1]).failure().empty()) << solver_of(balls[1]).failure();
  ASSERT_GT(balls[0].history.size(), 50u);
  ASSERT_EQ(balls[1].history.size(), balls[0].history.size());
  for (std::size_t i = 0; i < balls[0].history.size(); ++i) {
    ASSERT_EQ(balls[1].history[i].position.x, balls[0].history[i].position.x) << "step " << i;
    ASSERT_EQ(balls[1].history[i].position.y, balls[0].history[i].position.y) << "step " << i;
  }
  EXPECT_EQ(balls[1].status, balls[0].status);
  EXPECT_EQ(solver_of(balls[1]).message(), "step " + std::to_string(balls[1].steps - 1));
}

TEST(ExternalSolver, SaysHelloThenEachStepAndTellsAReset) {
  const std::string log = (std::filesystem::temp_directory_path() / "losscape-solver-log.jsonl").string();
  std::filesystem::remove(log);
  {
    auto simulation = simulation_with("/usr/bin/python3 " + kSolver + " gd 0.0078125 " + log);
    EXPECT_FALSE(std::filesystem::exists(log)) << "building a scene starts no process";
    simulation->run_steps(3);
    simulation->reset();
    simulation->run_steps(2);
  }
  expect_no_children();
  const std::vector<nlohmann::json> lines = lines_in(log);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], nlohmann::json::parse(R"({"protocol": 1, "function": "himmelblau", "domain": [-5, 5, -5, 5],
                                                 "start": [1, 1]})"));
  // Himmelblau at (1, 1): f = 106, grad = (-46, -38).
  EXPECT_EQ(lines[1], nlohmann::json::parse(R"({"step": 0, "x": 1, "y": 1, "f": 106, "gx": -46, "gy": -38})"));
  EXPECT_EQ(lines[2]["step"], 1);
  EXPECT_EQ(lines[2]["x"].get<double>(), 1.0 + 0.0078125 * 46.0);
  EXPECT_EQ(lines[3]["step"], 2);
  EXPECT_EQ(lines[4], nlohmann::json::parse(R"({"reset": true})"));
  EXPECT_EQ(lines[5], lines[1]) << "after a reset the steps count from 0 at the start again";
  EXPECT_EQ(lines[6], lines[2]);
}

TEST(ExternalSolver, DoneStopsTheBallAndShowsTheMessage) {
  auto simulation = simulation_with("/usr/bin/python3 " + kSolver + " done");
  simulation->run_steps(10);
  const Ball& ball = simulation->balls()[0];
  EXPECT_EQ(ball.steps, 3u);
  EXPECT_STREQ(status_text(ball), "done");
  EXPECT_EQ(solver_of(ball).message(), "good enough");
  EXPECT_TRUE(solver_of(ball).failure().empty());
  simulation->reset();  // the process is told, and the ball runs again
  simulation->run_steps(10);
  EXPECT_EQ(simulation->balls()[0].steps, 3u);
}

struct Failure {
  std::string command;  // after the solver's path
  std::string line;     // why the ball stopped
};

TEST(ExternalSolver, EachFailureStopsTheBallWithItsOwnLineAndLeavesNoProcess) {
  const std::string python = "/usr/bin/python3 " + kSolver + " ";
  const std::vector<Failure> failures = {
      {"no-such-solver-command",
       "step 0: the solver could not start (exit status 127), its last line on stderr: \"sh: 1: "
       "no-such-solver-command: not found\""},
      {python + "exit", "step 0: the solver exited with status 3, its last line on stderr: \"giving up: no idea\""},
      {"exec " + python + "signal", "step 0: the solver was killed by signal 9 (Killed)"},
      {python + "hang", "step 0: no answer within 0.5 s (the solver was stopped)"},
      {python + "garbage", "step 0: the solver answered \"hello there\": not a JSON object like {\"x\": 1, \"y\": 2}"},
      {python + "no-y", "step 0: the solver answered \"{\"x\": 1.5}\": no \"y\""},
      {python + "nan",
       "step 0: the solver answered \"{\"x\": NaN, \"y\": 0.0}\": a number is not finite (NaN or Infinity)"},
      {python + "text-x", "step 0: the solver answered \"{\"x\": \"1\", \"y\": 2}\": \"x\" is not a finite number"},
      {python + "long", "step 0: an answer longer than 65536 bytes on one line (the solver was stopped)"},
  };
  for (const Failure& failure : failures) {
    SCOPED_TRACE(failure.command);
    // Short only where the wait is the point: Python may take a while to start on a busy machine.
    const bool hangs = failure.command.ends_with("hang");
    auto simulation = simulation_with(failure.command, false, hangs ? "0.5" : "10");
    simulation->run_steps(5);  // never throws, never ends the test program
    const Ball& ball = simulation->balls()[0];
    EXPECT_EQ(solver_of(ball).failure(), failure.line);
    EXPECT_STREQ(status_text(ball), "stopped");
    EXPECT_EQ(ball.position, glm::dvec2(1.0, 1.0)) << "the ball stays where it was";
    expect_no_children();  // reaped as soon as it failed, before the ball goes
  }
}

TEST(ExternalSolver, AResetAfterAFailureStartsTheProcessAfresh) {
  const std::string flag = (std::filesystem::temp_directory_path() / "losscape-solver-flag").string();
  std::filesystem::remove(flag);
  // Fails the first time (no flag yet: it leaves one), runs gradient descent the second.
  const std::string command =
      "if [ -e " + flag + " ]; then exec /usr/bin/python3 " + kSolver + " gd; else touch " + flag + "; exit 4; fi";
  auto simulation = simulation_with(command);
  simulation->run_steps(3);
  EXPECT_EQ(solver_of(simulation->balls()[0]).failure(), "step 0: the solver exited with status 4");
  simulation->reset();
  simulation->run_steps(3);
  EXPECT_EQ(simulation->balls()[0].steps, 3u);
  EXPECT_TRUE(solver_of(simulation->balls()[0]).failure().empty());
  std::filesystem::remove(flag);
}

TEST(ExternalSolver, GoingAwayKillsAndReapsARunningProcess) {
  {
    auto simulation = simulation_with("/usr/bin/python3 " + kSolver + " gd");
    simulation->run_steps(2);
    ASSERT_TRUE(solver_of(simulation->balls()[0]).failure().empty());
  }
  expect_no_children();
}

// A solver started by a thread that then ends (a Python thread, a background job) lives on: the
// kernel's parent-death signal, which follows the thread that forked, would kill it (`exec`: the
// solver is the shell's process itself, which that signal reached).
TEST(ExternalSolver, ASolverStartedByAThreadThatEndsLivesOn) {
  auto simulation = simulation_with("exec /usr/bin/python3 " + kSolver + " gd");
  std::thread([&] { simulation->run_steps(1); }).join();        // starts the process, then the thread ends
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a signal would come as the thread goes
  simulation->run_steps(4);
  const Ball& ball = simulation->balls()[0];
  EXPECT_TRUE(solver_of(ball).failure().empty()) << solver_of(ball).failure();
  EXPECT_EQ(ball.steps, 5u);
  EXPECT_EQ(solver_of(ball).message(), "step 4");
}

// The processes of process group `group` still running (zombies, waiting for whoever adopted them,
// are not).
std::vector<pid_t> running_in_group(pid_t group) {
  std::vector<pid_t> running;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    if (!std::getline(stat, text) || text.rfind(')') == std::string::npos) continue;
    std::istringstream fields(text.substr(text.rfind(')') + 2));  // state ppid pgrp ...
    char state = 0;
    pid_t parent = 0, pgrp = 0;
    if (fields >> state >> parent >> pgrp && pgrp == group && state != 'Z') running.push_back(std::stoi(name));
  }
  return running;
}

// A process that started a solver and is then killed takes the solver's whole process group with
// it: the shell, the command the shell runs, and what that command started (here a `sleep`, which
// no end of input would stop, as it stops the solver itself).
TEST(ExternalSolver, ASolverDiesWithTheProcessThatStartedItShellAndAll) {
  const auto folder = std::filesystem::temp_directory_path();
  const std::string shell_pid = (folder / ("losscape-solver-shell-" + std::to_string(::getpid()))).string();
  const std::string group = shell_pid + "-group";
  std::filesystem::remove(shell_pid), std::filesystem::remove(group);
  const pid_t losscape = ::fork();
  ASSERT_GE(losscape, 0);
  if (losscape == 0) {  // the losscape that dies: no gtest here, only files and an exit status
    auto simulation = simulation_with("sleep 60 & echo $$ > " + shell_pid + " && /usr/bin/python3 " + kSolver + " gd");
    simulation->run_steps(1);
    pid_t shell = 0;
    std::ifstream(shell_pid) >> shell;
    std::ofstream(group) << ::getpgid(shell) << "\n";
    ::kill(::getpid(), SIGKILL);  // no destructor tells the solver: only its guard can
  }
  int status = 0;
  ASSERT_EQ(::waitpid(losscape, &status, 0), losscape);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the process that started the solver did not get as far as its end";
  pid_t solver_group = 0;
  ASSERT_TRUE(std::ifstream(group) >> solver_group) << "the solver took no step";
  ASSERT_GT(solver_group, 1);
  ASSERT_NE(solver_group, ::getpgrp()) << "the solver is in the test's own process group";
  std::filesystem::remove(shell_pid), std::filesystem::remove(group);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!running_in_group(solver_group).empty() && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const std::vector<pid_t> left = running_in_group(solver_group);
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) of the solver outlived the process that started it";
  ::kill(-solver_group, SIGKILL);
}

TEST(ExternalSolver, ACopyNeverTalksToTheProcess) {
  auto simulation = simulation_with("/usr/bin/python3 " + kSolver + " gd");
  simulation->set_compute_preview(true);  // the preview steps a copy
  simulation->run_steps(2);
  const Ball& ball = simulation->balls()[0];
  EXPECT_EQ(ball.next_position, ball.position) << "a copy stays put";
  EXPECT_EQ(solver_of(ball).message(), "step 1") << "the process saw the ball's own steps only";
}

TEST(ExternalSolver, SceneFilesKeepTheSolverAndRefuseWhatItCannotHave) {
  const std::string text =
      R"({"function": "himmelblau", "balls": [{"start": [1, 2], "solver": "python3 s.py", "solver_timeout": 0.5}]})";
  auto scene = read_scene(text, "s.json", ".");
  ASSERT_TRUE(scene) << scene.error();
  ASSERT_EQ(scene->balls.size(), 1u);
  EXPECT_EQ(scene->balls[0].solver, "python3 s.py");
  EXPECT_EQ(scene->balls[0].solver_timeout, 0.5);
  auto again = read_scene(write_scene(*scene), "s.json", ".");
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(again->balls, scene->balls);
  const auto refused = [](const std::string& ball) {
    auto read = read_scene(R"({"function": "bowl", "balls": [)" + ball + "]}", "s.json", ".");
    return read ? std::string("accepted") : read.error();
  };
  EXPECT_EQ(refused(R"({"solver": "x", "optimizer": "adam"})"),
            "s.json:1:61: balls[0].optimizer: a ball driven by a solver has no optimizer (the process is its method)");
  EXPECT_EQ(refused(R"({"solver": ""})"), "s.json:1:43: balls[0].solver: expected a command, got \"\"");
  EXPECT_EQ(refused(R"({"optimizer": "gd", "solver_timeout": 1})"),
            "s.json:1:70: balls[0].solver_timeout: only a ball with a \"solver\" has a timeout");
  EXPECT_EQ(refused(R"({"solver": "x", "solver_timeout": 0})"),
            "s.json:1:66: balls[0].solver_timeout: must be 0.001 to 3600, got 0");
}

TEST(ExternalSolver, NoSwarmOrBasinMapRunsASolver) {
  const std::string text =
      R"({"function": "himmelblau", "balls": [{"solver": "python3 s.py"}], "swarm": {"count": 4}})";
  auto scene = read_scene(text, "s.json", ".");
  ASSERT_TRUE(scene) << scene.error();
  EXPECT_EQ(analysis_optimizer_spec(*scene, *find_function(*scene).value()).name, "gd");
}

}  // namespace
}  // namespace losscape
