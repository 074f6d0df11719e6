// Learning-rate schedules: torch 1.13's recorded values replayed (scripts/record_torch_schedules.py),
// the text form parsed and refused, and a scheduled ball's steps. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/scheduled.hpp"
#include "engine/core/schedule.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace losscape;
namespace fs = std::filesystem;

namespace {

struct Recording {
  std::string schedule, optimizer;
  double ball_lr = 0.0;
  std::vector<double> lr;
  std::vector<std::optional<double>> momentum;
};

Recording read_recording(const fs::path& path) {
  std::ifstream in(path);
  Recording r;
  std::string line;
  std::getline(in, line);  // # SCHEDULE OPTIMIZER BALL_LR
  std::istringstream header(line.substr(2));
  header >> r.schedule >> r.optimizer >> r.ball_lr;
  std::getline(in, line);  // step,lr,momentum
  while (std::getline(in, line)) {
    const std::size_t a = line.find(','), b = line.find(',', a + 1);
    r.lr.push_back(std::strtod(line.substr(a + 1, b - a - 1).c_str(), nullptr));
    const std::string m = line.substr(b + 1);
    r.momentum.push_back(m.empty() ? std::nullopt : std::optional<double>(std::strtod(m.c_str(), nullptr)));
  }
  return r;
}

std::vector<fs::path> recordings() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(LOSSCAPE_SOURCE_DIR) / "tests" / "math" / "data")) {
    if (entry.path().filename().string().rfind("lr_scheduler_", 0) == 0) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

double relative(double a, double b) { return a == b ? 0.0 : std::fabs(a - b) / std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

TEST(Schedules, EveryScheduleMatchesTorchsRecordedValues) {
  const auto files = recordings();
  ASSERT_GE(files.size(), 18u);
  std::set<std::string> covered;
  std::size_t values = 0, identical = 0;
  double worst = 0.0;
  for (const fs::path& file : files) {
    const Recording r = read_recording(file);
    SCOPED_TRACE(file.filename().string() + ": " + r.schedule);
    auto spec = parse_schedule(r.schedule);
    ASSERT_TRUE(spec) << spec.error();
    covered.insert(spec->name);
    auto schedule = Schedule::make(*spec);
    ASSERT_TRUE(schedule) << schedule.error();
    // Through the wrapper, as a ball runs it: the method's lr (and momentum) at each step.
    auto method = make_optimizer(r.optimizer);
    ASSERT_TRUE(method->set_parameter("lr", r.ball_lr));
    auto scheduled = ScheduledOptimizer::make(std::move(method), *spec);
    ASSERT_TRUE(scheduled) << scheduled.error();
    const Schedule* running = (*scheduled)->schedule();
    ASSERT_NE(running, nullptr);
    const auto bowl = make_builtin_function("bowl");
    glm::dvec2 p(1.0, 1.0);
    for (std::size_t k = 0; k < r.lr.size(); ++k) {
      ASSERT_LE(relative(running->lr(), r.lr[k]), 1e-12) << "step " << k << ": " << running->lr() << " vs " << r.lr[k];
      worst = std::max(worst, relative(running->lr(), r.lr[k]));
      identical += running->lr() == r.lr[k];
      ++values;
      if (r.momentum[k]) {
        ASSERT_TRUE(running->momentum()) << "step " << k;
        EXPECT_LE(relative(*running->momentum(), *r.momentum[k]), 1e-12) << "momentum, step " << k;
      } else {
        EXPECT_FALSE(running->cycles_momentum());
      }
      p = (*scheduled)->step(*bowl, p);
    }
  }
  EXPECT_EQ(covered.size(), schedule_kinds().size()) << "every schedule has a recording";
  std::printf("[ schedules ] %zu learning rates, %zu bit for bit, the largest difference %.3g relative\n", values,
              identical, worst);
}

TEST(Schedules, TheTextFormReadsBackToTheSameSpec) {
  for (const char* text : {"StepLR:step_size=100", "MultiStepLR:milestones=100;250,gamma=0.5", "LinearLR",
                           "OneCycleLR:total_steps=400,anneal_strategy=linear,three_phase=1",
                           "SequentialLR:warmup=50,T_max=450,eta_min=0.0001"}) {
    auto spec = parse_schedule(text);
    ASSERT_TRUE(spec) << text << ": " << spec.error();
    EXPECT_EQ(format_schedule(*spec), text);
  }
  // The panel's starting point for each schedule is itself valid.
  for (const ScheduleKind& kind : schedule_kinds()) {
    EXPECT_TRUE(check_schedule(suggested_schedule(kind))) << kind.name;
    for (const ScheduleKey& key : kind.keys) EXPECT_FALSE(key.help.empty()) << kind.name << "." << key.key;
  }
}

TEST(Schedules, MistypedNamesKeysAndBadValuesAreRefusedInOneLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"Cosine:T_max=5", "unknown schedule 'Cosine' (valid: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, "
                         "CosineAnnealingWarmRestarts, LinearLR, CyclicLR, OneCycleLR, SequentialLR)"},
      {"CosineAnnealingLR:Tmax=5", "unknown key 'Tmax' for schedule CosineAnnealingLR (valid: T_max, eta_min)"},
      {"CosineAnnealingLR", "CosineAnnealingLR: T_max is required (e.g. T_max=500)"},
      {"CosineAnnealingLR:T_max=0", "CosineAnnealingLR: T_max must be >= 1, got 0"},
      {"CosineAnnealingLR:T_max=2.5", "CosineAnnealingLR: T_max must be a whole number, got 2.5"},
      {"StepLR:step_size=10,gamma=0", "StepLR: gamma must be > 0, got 0"},
      {"StepLR:step_size=10,gamma=x", "StepLR: gamma expected a number, got 'x'"},
      {"StepLR:step_size=10,step_size=5", "StepLR: step_size is given twice"},
      {"StepLR:step_size", "schedule 'StepLR:step_size': expected KEY=VALUE after the name, got 'step_size' (e.g. "
                           "CosineAnnealingLR:T_max=500)"},
      {"MultiStepLR:milestones=10;x", "MultiStepLR: milestones expected whole numbers >= 1 separated by ';', got "
                                      "'10;x'"},
      {"LinearLR:start_factor=0", "LinearLR: start_factor must be > 0 and <= 1, got 0"},
      {"CyclicLR:max_lr=0.1,mode=tri", "CyclicLR: mode must be one of triangular, triangular2, exp_range, got 'tri'"},
      {"OneCycleLR:total_steps=10,three_phase=2", "OneCycleLR: three_phase must be 0 or 1, got 2"},
      {"OneCycleLR:total_steps=10,pct_start=0.1",
       "OneCycleLR: pct_start=0.1 with total_steps=10 gives a phase of no steps (torch divides by zero)"},
  };
  for (const auto& [text, message] : cases) {
    auto spec = parse_schedule(text);
    ASSERT_FALSE(spec) << text;
    EXPECT_EQ(spec.error(), message);
  }
  // cycle_momentum written out for a method with nothing to cycle, as torch refuses it.
  auto gd = ScheduledOptimizer::make(make_optimizer("gd"), *parse_schedule("CyclicLR:max_lr=0.1,cycle_momentum=1"));
  ASSERT_FALSE(gd);
  EXPECT_EQ(gd.error(),
            "schedule CyclicLR: cycle_momentum=1 but optimizer 'gd' has no momentum to cycle (write cycle_momentum=0)");
  // Left at torch's default it leaves such a method alone; Adam's beta1 is OneCycleLR's to cycle.
  EXPECT_TRUE(ScheduledOptimizer::make(make_optimizer("gd"), *parse_schedule("CyclicLR:max_lr=0.1")));
  EXPECT_TRUE(ScheduledOptimizer::make(make_optimizer("adam"), *parse_schedule("OneCycleLR:total_steps=100")));
}

TEST(Schedules, AStepLRBallHalvesItsStepEveryTenSteps) {
  // Gradient descent's step is lr * grad: the step's length over |grad| is the scheduled lr,
  // halved at steps 10, 20 and 30.
  std::shared_ptr<const CostFunction> bowl = make_builtin_function("bowl");
  auto method = make_optimizer("gd");
  ASSERT_TRUE(method->set_parameter("lr", 0.04));
  auto scheduled = ScheduledOptimizer::make(std::move(method), *parse_schedule("StepLR:step_size=10,gamma=0.5"));
  ASSERT_TRUE(scheduled);
  Simulation simulation(bowl);
  simulation.add_ball({3.0, -2.0}, std::move(*scheduled));
  Ball& ball = simulation.balls().front();
  for (int run = 0; run < 2; ++run) {  // reset() starts the schedule again
    for (int k = 0; k < 35; ++k) {
      const glm::dvec2 before = ball.position, gradient = ball.gradient;
      simulation.step_all();
      const double lr = glm::length(ball.position - before) / glm::length(gradient);
      EXPECT_NEAR(lr, 0.04 * std::pow(0.5, k / 10), 1e-12) << "run " << run << ", step " << k;
    }
    EXPECT_DOUBLE_EQ(ball.optimizer->parameter("lr"), 0.04) << "the ball's lr stays the base lr";
    simulation.reset();
  }
  // A clone (the preview ghost, a swarm member) keeps its place in the schedule.
  for (int k = 0; k < 12; ++k) simulation.step_all();
  auto copy = ball.optimizer->clone();
  EXPECT_EQ(copy->schedule()->step(), 12u);
  EXPECT_DOUBLE_EQ(copy->schedule()->lr(), 0.02);
}

TEST(Schedules, TheWrapperSetsTheMethodsLrAndCycledMomentumBeforeEachStep) {
  // The same run by hand: set lr and momentum (Adam: beta1) from the schedule, step, advance.
  std::shared_ptr<const CostFunction> f = make_builtin_function("himmelblau");
  for (const char* name : {"momentum", "adam"}) {
    const ScheduleSpec spec = parse_schedule("OneCycleLR:total_steps=80,three_phase=1").value();
    auto wrapped = ScheduledOptimizer::make(make_optimizer(name), spec).value();
    auto by_hand = make_optimizer(name);
    Schedule schedule = Schedule::make(spec).value();
    schedule.start(by_hand->parameter("lr"));
    const std::string cycled = std::string(name) == "adam" ? "beta1" : "momentum";
    glm::dvec2 a(-0.3, -0.9), b = a;
    for (int k = 0; k < 100; ++k) {
      ASSERT_TRUE(by_hand->set_parameter("lr", schedule.lr()));
      ASSERT_TRUE(by_hand->set_parameter(cycled, *schedule.momentum()));
      a = wrapped->step(*f, a);
      b = by_hand->step(*f, b);
      schedule.advance();
      ASSERT_EQ(a, b) << name << ", step " << k;
    }
  }
}

TEST(Schedules, AScheduledMethodExplainsItsStepWithTheScheduledLr) {
  // The Step section looks through the schedule: the method's own table, with the lr the next
  // step uses, and the new point step() lands on.
  std::shared_ptr<const CostFunction> f = make_builtin_function("himmelblau");
  auto scheduled = ScheduledOptimizer::make(make_optimizer("adam"), *parse_schedule("StepLR:step_size=3,gamma=0.5"));
  ASSERT_TRUE(scheduled);
  Optimizer& adam = **scheduled;
  glm::dvec2 p(-0.3, -0.9);
  for (int k = 0; k < 8; ++k) {
    const StepExplanation explained = adam.explain(*f, p);
    EXPECT_TRUE(explained.full) << "step " << k;
    p = adam.step(*f, p);
    EXPECT_EQ(explained.to, p) << "step " << k;
  }
}
