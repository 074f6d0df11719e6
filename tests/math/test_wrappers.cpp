// The methods that wrap another (Lookahead, SAM): against their papers' rules worked out by hand,
// against their inner method where they reduce to it, and how they are named. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/lookahead.hpp"
#include "engine/core/optimizers/sam.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/scene/suggested_learning_rate.hpp"
#include "engine/sim/basins.hpp"
#include "engine/sim/simulation.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace losscape;

namespace {

// f = (x^2 + 10 y^2) / 2.
class Quadratic final : public CostFunction {
 public:
  double value(glm::dvec2 p) const override { return 0.5 * (p.x * p.x + 10.0 * p.y * p.y); }
  glm::dvec2 gradient(glm::dvec2 p) const override { return grad(p); }
  glm::dmat2 hessian(glm::dvec2) const override { return glm::dmat2(1.0, 0.0, 0.0, 10.0); }
  const std::string& name() const override { return text; }
  const std::string& title() const override { return text; }
  const std::string& formula() const override { return text; }
  Domain domain() const override { return {-5, 5, -5, 5}; }
  static glm::dvec2 grad(glm::dvec2 p) { return {p.x, 10.0 * p.y}; }
  std::string text = "quadratic";
};

std::unique_ptr<Optimizer> make(const std::string& name, const std::vector<std::pair<std::string, double>>& params) {
  auto o = make_optimizer(name);
  EXPECT_NE(o, nullptr) << name;
  if (!o) return nullptr;
  for (const auto& [key, value] : params) EXPECT_EQ(o->set_parameter(key, value).error(), "") << key;
  return o;
}

void expect_near(glm::dvec2 got, glm::dvec2 expected, const std::string& what) {
  EXPECT_NEAR(got.x, expected.x, 1e-14 * std::max(1.0, std::abs(expected.x))) << what;
  EXPECT_NEAR(got.y, expected.y, 1e-14 * std::max(1.0, std::abs(expected.y))) << what;
}

// `a` and `b` from the same start on Himmelblau, `steps` steps: the same points, bit for bit.
void expect_same_trajectory(Optimizer& a, Optimizer& b, int steps) {
  auto himmelblau = make_builtin_function("himmelblau");
  glm::dvec2 p(-0.4, 1.3), q = p;
  for (int i = 0; i < steps; ++i) {
    p = a.step(*himmelblau, p);
    q = b.step(*himmelblau, q);
    ASSERT_EQ(p.x, q.x) << a.name() << " vs " << b.name() << " step " << i + 1;
    ASSERT_EQ(p.y, q.y) << a.name() << " vs " << b.name() << " step " << i + 1;
  }
}

}  // namespace

TEST(Lookahead, OneStepAndAlphaOneIsItsInnerMethodBitForBit) {
  for (const std::string inner : {"gd", "momentum", "adam", "rmsprop", "rprop", "lbfgs"}) {
    auto wrapped = make("lookahead:" + inner, {{"lookahead_k", 1}, {"lookahead_alpha", 1.0}, {"lr", 0.01}});
    auto bare = make(inner, {{"lr", 0.01}});
    expect_same_trajectory(*wrapped, *bare, 200);
  }
}

TEST(Lookahead, SlowWeightsByHandOnAQuadratic) {
  // Lookahead over gradient descent, k = 2, alpha = 0.5, from (1, 1).
  const double lr = 0.05, alpha = 0.5;
  auto o = make("lookahead:gd", {{"lookahead_k", 2}, {"lookahead_alpha", alpha}, {"lr", lr}});
  Quadratic f;
  glm::dvec2 phi(1.0, 1.0), p = phi;
  for (int sync = 1; sync <= 3; ++sync) {
    glm::dvec2 theta = phi;
    theta = theta - lr * Quadratic::grad(theta);  // the first fast step
    p = o->step(f, p);
    expect_near(p, theta, "fast step 1 of sync " + std::to_string(sync));
    expect_near(dynamic_cast<const Lookahead&>(*o).slow_weights(), phi, "slow weights between syncs");
    theta = theta - lr * Quadratic::grad(theta);  // the second, then phi += alpha (theta - phi)
    phi = alpha * theta + (1.0 - alpha) * phi;
    p = o->step(f, p);
    expect_near(p, phi, "the ball at sync " + std::to_string(sync));
    expect_near(dynamic_cast<const Lookahead&>(*o).slow_weights(), phi, "slow weights at sync");
  }
}

TEST(Lookahead, TheInnerMethodKeepsItsMomentumAcrossSyncs) {
  // Over heavy-ball momentum (torch's SGD: b_1 = g_1, b_t = mu b_{t-1} + g_t), k = 2, alpha = 0.5:
  // the buffer carries on from the fast weights into the restart at phi.
  const double lr = 0.05, mu = 0.9, alpha = 0.5;
  auto o = make("lookahead:momentum", {{"lookahead_k", 2}, {"lookahead_alpha", alpha}, {"lr", lr}, {"momentum", mu}});
  Quadratic f;
  glm::dvec2 phi(1.0, 1.0), theta = phi, b = Quadratic::grad(theta), p = phi;
  theta = theta - lr * b;
  b = mu * b + Quadratic::grad(theta);
  theta = theta - lr * b;
  phi = alpha * theta + (1.0 - alpha) * phi;
  b = mu * b + Quadratic::grad(phi);  // step 3, from phi with the kept buffer
  const glm::dvec2 third = phi - lr * b;
  for (int i = 0; i < 3; ++i) p = o->step(f, p);
  expect_near(p, third, "third step");
}

TEST(Lookahead, SlowWeightsAreACompanionFromTheFirstStep) {
  auto o = make_optimizer("lookahead:adam");
  EXPECT_TRUE(o->companions().empty());
  Quadratic f;
  static_cast<void>(o->step(f, {1.0, 2.0}));
  const auto companions = o->companions();
  ASSERT_EQ(companions.size(), 1u);
  EXPECT_EQ(companions[0].kind, Optimizer::Companion::Kind::slow);
  EXPECT_EQ(companions[0].position, glm::dvec2(1.0, 2.0));  // phi_0 = theta_0 until the first sync
  o->reset();
  EXPECT_TRUE(o->companions().empty());
}

TEST(Sam, RhoZeroIsItsInnerMethodBitForBit) {
  for (const std::string inner : {"gd", "momentum", "adam", "lbfgs"}) {
    auto wrapped = make("sam:" + inner, {{"sam_rho", 0.0}, {"lr", 0.01}});
    auto bare = make(inner, {{"lr", 0.01}});
    expect_same_trajectory(*wrapped, *bare, 200);
  }
}

TEST(Sam, FirstStepsByHandOnAQuadratic) {
  const double lr = 0.05, rho = 0.1;
  auto o = make("sam", {{"sam_rho", rho}, {"lr", lr}});
  Quadratic f;
  glm::dvec2 p(1.0, 1.0), q = p;
  for (int t = 1; t <= 3; ++t) {
    const glm::dvec2 g = Quadratic::grad(q);
    const glm::dvec2 e = rho * g / std::sqrt(g.x * g.x + g.y * g.y);
    const glm::dvec2 ascent = q + e;
    q = q - lr * Quadratic::grad(ascent);
    p = o->step(f, p);
    expect_near(p, q, "SAM step " + std::to_string(t));
    expect_near(dynamic_cast<const Sam&>(*o).ascent_point(), ascent, "ascent point");
  }
  const auto companions = o->companions();
  ASSERT_EQ(companions.size(), 1u);
  EXPECT_EQ(companions[0].kind, Optimizer::Companion::Kind::ascent);
}

TEST(Sam, AdaptiveFirstStepByHand) {
  // ASAM: e = rho T^2 g / ||T g|| with T = |w| per coordinate.
  const double lr = 0.05, rho = 0.5;
  auto o = make("sam:gd", {{"sam_rho", rho}, {"sam_adaptive", 1}, {"lr", lr}});
  Quadratic f;
  const glm::dvec2 w(2.0, -0.5), g = Quadratic::grad(w), t(2.0, 0.5), tg = t * g;
  const glm::dvec2 e = rho * (t * tg) / std::sqrt(tg.x * tg.x + tg.y * tg.y);
  expect_near(o->step(f, w), w - lr * Quadratic::grad(w + e), "ASAM step");
}

TEST(Sam, MaximizingTheAscentIsUphillOfMinusF) {
  // With the inner method's maximize, the loss is -f: e = rho (-g) / ||g||, the ascent of -f.
  const double lr = 0.05, rho = 0.1;
  auto o = make("sam", {{"sam_rho", rho}, {"lr", lr}, {"maximize", 1}});
  Quadratic f;
  const glm::dvec2 w(1.0, 1.0), g = Quadratic::grad(w);
  const glm::dvec2 e = -rho * g / std::sqrt(g.x * g.x + g.y * g.y);
  expect_near(o->step(f, w), w + lr * Quadratic::grad(w + e), "SAM climbing f");
  expect_near(dynamic_cast<const Sam&>(*o).ascent_point(), w + e, "its ascent point, downhill of f");
}

TEST(Sam, AtAStationaryPointTheAscentIsNoneNotNaN) {
  auto o = make("sam", {{"sam_rho", 0.5}});
  Quadratic f;
  const glm::dvec2 p = o->step(f, {0.0, 0.0});
  EXPECT_EQ(p, glm::dvec2(0.0, 0.0));
  EXPECT_EQ(dynamic_cast<const Sam&>(*o).ascent_point(), glm::dvec2(0.0, 0.0));
}

TEST(Wrappers, BareNamesWrapTheirDefaultAndNamesAreKeptAsGiven) {
  auto lookahead = make_optimizer("lookahead");
  ASSERT_NE(lookahead, nullptr);
  EXPECT_EQ(lookahead->name(), "lookahead");
  EXPECT_EQ(lookahead->title(), "Lookahead (Adam)");
  EXPECT_EQ(dynamic_cast<const WrapperOptimizer&>(*lookahead).inner().name(), "adam");
  auto sam = make_optimizer("sam");
  ASSERT_NE(sam, nullptr);
  EXPECT_EQ(sam->title(), "SAM (Gradient descent)");
  EXPECT_EQ(make_optimizer("sam:nesterov")->name(), "sam:nesterov");
  const auto& names = optimizer_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "lookahead"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "sam"), names.end());
  const auto& inner = wrappable_optimizer_names();
  EXPECT_EQ(std::find(inner.begin(), inner.end(), "sam"), inner.end());
  EXPECT_EQ(inner.size() + 2, names.size());
}

TEST(Wrappers, MistypedNamesAreRefusedNamingTheValidOnes) {
  for (const char* bad :
       {"lookahead:adamm", "lookahead:", "sam:lookahead", "lookahead:sam:gd", "lookahaed:adam", "adam:gd"}) {
    EXPECT_EQ(make_optimizer(bad), nullptr) << bad;
  }
  EXPECT_EQ(unknown_optimizer("lookahead:adamm"),
            "unknown optimizer 'adamm' inside 'lookahead:adamm' (valid after 'lookahead:': gd, momentum, nesterov, "
            "adagrad, rmsprop, adam, adamw, adamax, nadam, radam, adadelta, asgd, rprop, lion, signsgd, signum, "
            "adabelief, lbfgs, newton, ball, bfgs, cg, neldermead, flow, schedulefree_sgd, schedulefree_adamw, sophia, "
            "shampoo, sgld, anneal)");
  EXPECT_EQ(unknown_optimizer("sam:lookahead")
                .rfind("optimizer 'sam:lookahead': a wrapper wraps a method that is "
                       "not itself a wrapper (valid after 'sam:': gd, ",
                       0),
            0u);
  EXPECT_EQ(unknown_optimizer("lookahead:sam:gd").rfind("optimizer 'lookahead:sam:gd': a wrapper wraps", 0), 0u);
  const std::string plain = unknown_optimizer("lookahaed:adam");
  EXPECT_EQ(plain.rfind("unknown optimizer 'lookahaed:adam' (valid: gd, ", 0), 0u) << plain;
  EXPECT_NE(plain.find(", lookahead, sam)"), std::string::npos) << plain;
}

TEST(Wrappers, OwnKeysNeverCollideWithTheInnerMethodsAndAreCheckedAsAnyOther) {
  auto o = make_optimizer("lookahead:rmsprop");
  std::vector<std::string> keys;
  for (const ParameterSpec& spec : o->parameter_table()) keys.push_back(spec.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"lookahead_alpha", "lookahead_k", "lr", "alpha", "eps", "weight_decay",
                                            "momentum", "centered", "maximize"}));
  EXPECT_EQ(o->parameter("alpha"), 0.99);  // RMSprop's own default
  EXPECT_EQ(o->parameter("lookahead_alpha"), 0.5);
  EXPECT_EQ(o->parameter("lookahead_k"), 5.0);
  EXPECT_EQ(o->set_parameter("lookahead_k", 2.5).error(), "lookahead_k: must be a whole number, got 2.5");
  EXPECT_EQ(o->set_parameter("lookahead_alpha", 0.0).error(), "lookahead_alpha: must be > 0, got 0");
  EXPECT_EQ(o->set_parameter("k", 3).error(),
            "unknown parameter 'k' for optimizer 'lookahead:rmsprop' (valid: lookahead_alpha, lookahead_k, lr, alpha, "
            "eps, weight_decay, momentum, centered, maximize)");
  auto sam = make_optimizer("sam:adadelta");
  EXPECT_EQ(sam->parameter("sam_rho"), 0.05);
  EXPECT_EQ(sam->parameter("rho"), 0.9);  // Adadelta's
  EXPECT_EQ(sam->set_parameter("sam_rho", -1).error(), "sam_rho: must be >= 0, got -1");
}

TEST(Wrappers, TheInnerMethodTakesItsParametersFromTheWrappersTable) {
  // Set on the wrapper, before the run and during it: the inner method steps with them.
  auto wrapped =
      make("lookahead:rmsprop", {{"lookahead_k", 1}, {"lookahead_alpha", 1.0}, {"alpha", 0.5}, {"lr", 0.02}});
  auto bare = make("rmsprop", {{"alpha", 0.5}, {"lr", 0.02}});
  expect_same_trajectory(*wrapped, *bare, 20);
  EXPECT_TRUE(wrapped->set_parameter("lr", 0.001));
  EXPECT_TRUE(bare->set_parameter("lr", 0.001));
  expect_same_trajectory(*wrapped, *bare, 20);
}

TEST(Wrappers, CloneIsDeepAndResetStartsAfresh) {
  auto himmelblau = make_builtin_function("himmelblau");
  for (const char* name : {"lookahead:momentum", "sam:adam"}) {
    auto o = make(name, {{"lr", 0.01}});
    glm::dvec2 p(-0.4, 1.3);
    for (int i = 0; i < 7; ++i) p = o->step(*himmelblau, p);
    auto copy = o->clone();
    EXPECT_EQ(copy->name(), name);
    expect_same_trajectory(*o, *copy, 30);  // the same state, and stepping one leaves the other alone
    o->reset();
    auto fresh = make(name, {{"lr", 0.01}});
    expect_same_trajectory(*o, *fresh, 30);
    EXPECT_EQ(o->lanes(), nullptr);  // basin maps run it one start at a time
  }
}

TEST(Wrappers, ASceneFileKeepsTheWrappedNameAndEveryKey) {
  const std::string text = R"({"function": "bowl", "balls": [{"optimizer": {"name": "lookahead:adam",
      "lookahead_k": 3, "lookahead_alpha": 0.7, "lr": 0.05, "amsgrad": 1}}]})";
  Scene scene;
  std::string error;
  ASSERT_TRUE(losscape::testing::take_into(read_scene(text, "x.json", ""), scene, error)) << error;
  const std::string written = write_scene(scene);
  EXPECT_NE(written.find("\"name\": \"lookahead:adam\""), std::string::npos) << written;
  EXPECT_NE(written.find("\"lookahead_k\": 3,"), std::string::npos) << written;  // a whole number, not 3.0
  Scene again;
  ASSERT_TRUE(losscape::testing::take_into(read_scene(written, "x.json", ""), again, error)) << error;
  EXPECT_EQ(again, scene);
  auto built = build_optimizer(again.balls.at(0).optimizer);
  ASSERT_TRUE(built) << built.error();
  EXPECT_EQ(built.value()->parameter("lookahead_alpha"), 0.7);
  EXPECT_EQ(built.value()->parameter("amsgrad"), 1.0);

  EXPECT_FALSE(losscape::testing::take_into(
      read_scene(R"({"function": "bowl", "balls": [{"optimizer": "sam:gdd"}]})", "x.json", ""), scene, error));
  EXPECT_NE(error.find("balls[0].optimizer: unknown optimizer 'gdd' inside 'sam:gdd' (valid after 'sam:': gd, "),
            std::string::npos)
      << error;
  EXPECT_FALSE(losscape::testing::take_into(
      read_scene(R"({"function": "bowl", "balls": [{"optimizer": {"name": "sam", "rho": 0.1}}]})", "x.json", ""), scene,
      error));
  EXPECT_NE(
      error.find("unknown parameter 'rho' for optimizer 'sam' (valid: name, schedule, sam_rho, sam_adaptive, lr, "),
      std::string::npos)
      << error;
}

namespace {

// The gallery scene at `name` run `steps` steps: where each ball ends.
std::vector<glm::dvec2> run_gallery_scene(const std::string& name, int steps) {
  Scene scene;
  std::string error;
  EXPECT_TRUE(
      losscape::testing::take_into(load_scene_file(std::string(LOSSCAPE_SOURCE_DIR) + "/scenes/" + name), scene, error))
      << error;
  std::unique_ptr<Simulation> simulation;
  EXPECT_TRUE(losscape::testing::take_into(build_simulation(scene, {}), simulation, error)) << error;
  std::vector<glm::dvec2> out;
  if (!simulation) return out;
  for (int i = 0; i < steps; ++i) simulation->step_all();
  for (const Ball& ball : simulation->balls()) out.push_back(ball.position);
  return out;
}

}  // namespace

TEST(WrapperGallery, SamPassesTheSharpMinimumByWhereMomentumStays) {
  const auto end = run_gallery_scene("18-sam-wide-minimum.json", 300);
  ASSERT_EQ(end.size(), 2u);
  EXPECT_LT(glm::length(end[0] - glm::dvec2(0.6, 0.3)), 0.05) << "momentum rests in the sharp minimum";
  EXPECT_LT(glm::length(end[1] - glm::dvec2(-1.2, 0.0)), 0.05) << "SAM rests in the wide one";
}

TEST(WrapperGallery, LookaheadIsCalmerThanTheMomentumItWraps) {
  // After 30 steps Lookahead is near the minimum while plain momentum still swings across the valley.
  const auto end = run_gallery_scene("17-lookahead-vs-momentum.json", 30);
  ASSERT_EQ(end.size(), 2u);
  EXPECT_GT(glm::length(end[0]), 1.0);
  EXPECT_LT(glm::length(end[1]), 0.3);
}

TEST(Wrappers, AWrappedMethodsLearningRateIsSuggestedAsItsInnerMethods) {
  auto rosenbrock = make_builtin_function("rosenbrock");
  const glm::dvec2 start(-1.5, 2.0);
  OptimizerSpec gd{"gd", {}}, sam{"sam", {}}, lookahead_gd{"lookahead:gd", {}}, lookahead_adam{"lookahead", {}};
  const double suggested = suggest_learning_rate(gd, *rosenbrock, start);
  EXPECT_GT(suggested, 0.0);
  EXPECT_EQ(suggest_learning_rate(sam, *rosenbrock, start), suggested);
  EXPECT_EQ(suggest_learning_rate(lookahead_gd, *rosenbrock, start), suggested);
  EXPECT_EQ(suggest_learning_rate(lookahead_adam, *rosenbrock, start), 0.0);  // Adam's lr is no step size per slope
}

TEST(Wrappers, BasinMapsRunAWrappedMethodOneStartAtATimeGivingItsInnerMethodsMap) {
  // Lookahead with k = 1 and alpha = 1, and SAM with rho = 0, are gradient descent: their maps
  // (one start at a time, wrappers have no lanes) are gd's lockstep map exactly.
  auto himmelblau = make_builtin_function("himmelblau");
  BasinSettings settings;
  settings.grid = 24;
  settings.max_steps = 400;
  BasinMap reference;
  ASSERT_TRUE(compute_basins(*himmelblau, *make("gd", {{"lr", 0.01}}), settings, reference));
  for (const auto& wrapped : {make("lookahead:gd", {{"lookahead_k", 1}, {"lookahead_alpha", 1.0}, {"lr", 0.01}}),
                              make("sam", {{"sam_rho", 0.0}, {"lr", 0.01}})}) {
    BasinMap map;
    ASSERT_TRUE(compute_basins(*himmelblau, *wrapped, settings, map));
    EXPECT_EQ(map.label, reference.label) << wrapped->name();
    EXPECT_EQ(map.steps, reference.steps) << wrapped->name();
    EXPECT_EQ(map.end, reference.end) << wrapped->name();
  }
  // With their defaults they make a map too, every start accounted for.
  BasinMap sam_map;
  ASSERT_TRUE(compute_basins(*himmelblau, *make("sam", {{"sam_rho", 0.2}, {"lr", 0.01}}), settings, sam_map));
  EXPECT_EQ(sam_map.label.size(), reference.label.size());
}

TEST(WrapperRecordings, LookaheadAndSamAroundTorchsMethodsBitForBit) {
  // tests/math/data/wrapped_*.csv: each wrapper written from its paper around a real torch.optim
  // method by scripts/record_wrapper_trajectories.py; the header line says what ran, the rows
  // are step, x, y.
  const auto field = [](const std::string& line, const std::string& key) {
    const std::size_t begin = line.find(key + "=") + key.size() + 1;
    return line.substr(begin, line.find(' ', begin) - begin);
  };
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(LOSSCAPE_SOURCE_DIR) + "/tests/math/data")) {
    if (entry.path().filename().string().rfind("wrapped_", 0) != 0) continue;
    ++files;
    const std::string file = entry.path().filename().string();
    std::ifstream in(entry.path());
    std::unique_ptr<Optimizer> o;
    std::shared_ptr<const CostFunction> cost;
    glm::dvec2 p{0.0};
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("# optimizer=", 0) == 0) {
        o = make_optimizer(field(line, "optimizer"));
        ASSERT_NE(o, nullptr) << file;
        std::istringstream settings(field(line, "params"));
        for (std::string setting; std::getline(settings, setting, ',');) {
          const std::size_t eq = setting.find('=');
          ASSERT_TRUE(o->set_parameter(setting.substr(0, eq), std::strtod(setting.c_str() + eq + 1, nullptr))) << file;
        }
        cost = make_builtin_function(field(line, "function"));
        const std::string start = field(line, "start");
        p = {std::strtod(start.c_str(), nullptr), std::strtod(start.c_str() + start.find(',') + 1, nullptr)};
        continue;
      }
      if (line.empty() || line[0] == '#' || line.rfind("step", 0) == 0) continue;
      ASSERT_TRUE(o && cost) << file << ": no header line";
      const std::size_t first = line.find(','), second = line.find(',', first + 1);
      const glm::dvec2 expected(std::strtod(line.c_str() + first + 1, nullptr),
                                std::strtod(line.c_str() + second + 1, nullptr));
      if (rows++ > 0) p = o->step(*cost, p);
      ASSERT_EQ(p.x, expected.x) << file << ", step " << rows - 1;
      ASSERT_EQ(p.y, expected.y) << file << ", step " << rows - 1;
    }
    EXPECT_EQ(rows, 201u) << file;
  }
  EXPECT_EQ(files, 5u);
}
