// Randomness a lecture controls (issue 16): the portable generator, gradient noise, minibatches,
// Langevin dynamics and simulated annealing; every one reproducible from its seed. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/optimizers/annealing.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/core/optimizers/langevin.hpp"
#include "engine/core/random.hpp"
#include "engine/core/stochastic_cost.hpp"
#include "engine/scene/data_costs.hpp"
#include "engine/scene/files/scene_file.hpp"
#include "engine/scene/scene_factory.hpp"
#include "engine/sim/simulation.hpp"
#include "tests/take_result.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>

using namespace losscape;

namespace {

const std::filesystem::path kSourceDir = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::unique_ptr<LineFitMse> shipped_line_fit() {
  std::string error;
  auto mse = losscape::testing::take(load_line_fit_csv((kSourceDir / "assets" / "line_fit.csv").string()), error);
  EXPECT_TRUE(mse) << error;
  return mse;
}

// A scene's balls' positions after `steps` steps, every step, in order.
std::vector<glm::dvec2> trajectory(const Scene& scene, std::size_t steps) {
  SimulationSettings settings;
  settings.record_history = true;
  std::string error;
  auto simulation = losscape::testing::take(build_simulation(scene, settings), error);
  EXPECT_TRUE(simulation) << error;
  if (!simulation) return {};
  simulation->run_steps(steps);
  std::vector<glm::dvec2> out;
  for (const Ball& ball : simulation->balls()) {
    for (const TrajectorySample& s : ball.history) out.push_back(s.position);
  }
  return out;
}

bool identical(const std::vector<glm::dvec2>& a, const std::vector<glm::dvec2>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_bits(a[i].x, b[i].x) || !same_bits(a[i].y, b[i].y)) return false;
  }
  return true;
}

Scene noisy_scene(const std::string& optimizer, double sigma, std::uint64_t seed) {
  Scene scene;
  scene.function = BuiltinSource{"himmelblau"};
  scene.balls = {BallSpec{glm::dvec2(-1.0, 1.0), OptimizerSpec{optimizer, {}}, {}, {}},
                 BallSpec{glm::dvec2(1.0, -1.0), OptimizerSpec{optimizer, {}}, {}, {}}};
  scene.noise.sigma = sigma;
  scene.noise.seed = seed;
  return scene;
}

}  // namespace

// --- The generator ---------------------------------------------------------------------------

TEST(Random, TheFirstNumbersOfASeedArePinned) {
  // If these change, every seeded trajectory of every saved scene changes: don't.
  Random random(1);
  EXPECT_EQ(random.next(), 10451216379200822465ULL);
  EXPECT_EQ(random.next(), 13757245211066428519ULL);
  EXPECT_TRUE(same_bits(random.uniform(), 0x1.f12745ddf664ap-1));
  const glm::dvec2 g = Random(1).gaussian2();
  EXPECT_TRUE(same_bits(g.x, 0x1.b7c251a5470ccp-2)) << g.x;
  EXPECT_TRUE(same_bits(g.y, 0x1.95f5305298699p+0)) << g.y;
  const glm::dvec2 k = Random::for_key(7, 3, 5).gaussian2();
  EXPECT_TRUE(same_bits(k.x, 0x1.37a98d9b53a39p+0)) << k.x;
  EXPECT_TRUE(same_bits(k.y, -0x1.95c41dd73cf3dp-3)) << k.y;
}

TEST(Random, KeysGiveDifferentStreams) {
  std::set<std::uint64_t> firsts;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    for (std::uint64_t a = 0; a < 4; ++a) {
      for (std::uint64_t b = 0; b < 4; ++b) firsts.insert(Random::for_key(seed, a, b).next());
    }
  }
  EXPECT_EQ(firsts.size(), 64u);
}

TEST(Random, PortableLogIsWithinFourUlpOfLibm) {
  Random random(11);
  for (int i = 0; i < 200000; ++i) {
    // Across the range the polar method feeds it, (0, 1), and well beyond.
    const double x = i % 2 ? random.uniform() + 0x1.0p-60
                           : std::ldexp(random.uniform() + 0.5, static_cast<int>(random.below(200)) - 100);
    const double expected = std::log(x);
    const double ulp = std::abs(std::nextafter(expected, 0.0) - expected);
    EXPECT_LE(std::abs(portable_log(x) - expected), 4.0 * ulp + 1e-300) << x;
  }
  EXPECT_EQ(portable_log(1.0), 0.0);
}

TEST(Random, GaussiansHaveMeanZeroVarianceOneAndNoCorrelation) {
  Random random(5);
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const glm::dvec2 g = random.gaussian2();
    sx += g.x, sy += g.y, sxx += g.x * g.x, syy += g.y * g.y, sxy += g.x * g.y;
  }
  // Standard errors: 1/sqrt(n) = 0.0022 for the means, sqrt(2/n) = 0.0032 for the variances.
  EXPECT_NEAR(sx / n, 0.0, 0.01);
  EXPECT_NEAR(sy / n, 0.0, 0.01);
  EXPECT_NEAR(sxx / n, 1.0, 0.015);
  EXPECT_NEAR(syy / n, 1.0, 0.015);
  EXPECT_NEAR(sxy / n, 0.0, 0.01);
}

// --- Gradient noise --------------------------------------------------------------------------

TEST(GradientNoise, AddsSigmaTimesAStandardNormalFixedByTheKey) {
  auto bowl = make_builtin_function("bowl");
  GradientNoise noise;
  noise.sigma = 0.5;
  noise.seed = 9;
  const glm::dvec2 p(1.0, 2.0);
  const StochasticCost a(*bowl, noise, 0, 3), again(*bowl, noise, 0, 3);
  EXPECT_EQ(a.gradient(p), bowl->gradient(p) + a.noise());
  EXPECT_EQ(a.gradient(p), again.gradient(p));
  EXPECT_EQ(a.value(p), bowl->value(p)) << "gradient noise leaves f alone";
  EXPECT_EQ(a.gradient({-3.0, 0.5}), bowl->gradient({-3.0, 0.5}) + a.noise()) << "one fixed vector within a step";
  EXPECT_NE(a.noise(), StochasticCost(*bowl, noise, 0, 4).noise()) << "another step";
  EXPECT_NE(a.noise(), StochasticCost(*bowl, noise, 1, 3).noise()) << "another ball";
  noise.seed = 10;
  EXPECT_NE(a.noise(), StochasticCost(*bowl, noise, 0, 3).noise()) << "another seed";
  // Over many steps: mean 0, standard deviation sigma in each coordinate.
  noise.seed = 9;
  double s = 0, ss = 0;
  const int n = 50000;
  for (int step = 0; step < n; ++step) {
    const glm::dvec2 e = StochasticCost(*bowl, noise, 2, static_cast<std::uint64_t>(step)).noise();
    s += e.x + e.y;
    ss += e.x * e.x + e.y * e.y;
  }
  EXPECT_NEAR(s / (2 * n), 0.0, 0.01);
  EXPECT_NEAR(std::sqrt(ss / (2 * n)), 0.5, 0.01);
}

TEST(GradientNoise, TheSameSeedGivesTheSameTrajectoryBitForBitAndAnotherSeedAnother) {
  for (const char* method : {"gd", "adam", "lbfgs", "momentum"}) {
    const auto first = trajectory(noisy_scene(method, 2.0, 42), 300);
    EXPECT_GT(first.size(), 300u) << method;  // L-BFGS's curvature pairs may not survive the noise: one step
    EXPECT_TRUE(identical(first, trajectory(noisy_scene(method, 2.0, 42), 300))) << method;
    EXPECT_FALSE(identical(first, trajectory(noisy_scene(method, 2.0, 43), 300))) << method;
  }
}

TEST(GradientNoise, ZeroNoiseIsTheNoiselessTrajectoryBitForBit) {
  Scene plain = noisy_scene("adam", 0.0, 1);
  plain.noise = GradientNoise{};
  const auto expected = trajectory(plain, 500);
  EXPECT_TRUE(identical(expected, trajectory(noisy_scene("adam", 0.0, 12345), 500)));
}

TEST(GradientNoise, ABallsTrajectoryIgnoresTheFrameRateAndTheBallsAddedAfterIt) {
  const Scene scene = noisy_scene("gd", 3.0, 7);
  std::string error;
  auto by_steps = losscape::testing::take(build_simulation(scene, {}), error);
  ASSERT_TRUE(by_steps) << error;
  by_steps->run_steps(200);
  // 200 steps at 20 steps/s as 10 s of uneven frames.
  auto by_frames = losscape::testing::take(build_simulation(scene, {}), error);
  ASSERT_TRUE(by_frames) << error;
  double elapsed = 0.0;
  for (int frame = 0; elapsed < 10.0 - 1e-9; ++frame) {
    const double dt = frame % 3 == 0 ? 1.0 / 144.0 : 1.0 / 30.0;
    by_frames->advance(std::min(dt, 10.0 - elapsed));
    elapsed += dt;
  }
  ASSERT_EQ(by_frames->balls()[0].steps, 200u);
  EXPECT_EQ(by_frames->balls()[0].position, by_steps->balls()[0].position);
  // A third ball after the two: the first two go exactly as before.
  Scene more = scene;
  more.balls.push_back(BallSpec{glm::dvec2(0.0, 0.0), OptimizerSpec{"gd", {}}, {}, {}});
  auto with_more = losscape::testing::take(build_simulation(more, {}), error);
  ASSERT_TRUE(with_more) << error;
  with_more->run_steps(200);
  EXPECT_EQ(with_more->balls()[0].position, by_steps->balls()[0].position);
  EXPECT_EQ(with_more->balls()[1].position, by_steps->balls()[1].position);
}

TEST(GradientNoise, ThePreviewShowsTheVeryStepTheBallWillTake) {
  std::string error;
  auto simulation = losscape::testing::take(build_simulation(noisy_scene("gd", 3.0, 7), {}), error);
  ASSERT_TRUE(simulation) << error;
  simulation->set_compute_preview(true);
  for (int i = 0; i < 20; ++i) {
    const glm::dvec2 preview = simulation->balls()[0].next_position;
    simulation->step_all();
    EXPECT_EQ(simulation->balls()[0].position, preview) << i;
  }
}

// --- Minibatches -------------------------------------------------------------------------------

TEST(Minibatch, TheWholeDataIsTheFullGradientExactly) {
  const auto mse = shipped_line_fit();
  ASSERT_TRUE(mse);
  GradientNoise noise;
  noise.batch_size = mse->sample_count();
  const glm::dvec2 p(0.5, -1.0);
  const StochasticCost all(*mse, noise, 0, 0);
  EXPECT_TRUE(all.batch().empty());
  EXPECT_EQ(all.gradient(p), mse->gradient(p));
  EXPECT_EQ(all.value(p), mse->value(p));
  // The batch formula over every sample is the same gradient, summed another way.
  std::vector<std::size_t> every(mse->sample_count());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
  EXPECT_NEAR(mse->batch_gradient(every, p).x, mse->gradient(p).x, 1e-12 * glm::length(mse->gradient(p)));
  EXPECT_NEAR(mse->batch_gradient(every, p).y, mse->gradient(p).y, 1e-12 * glm::length(mse->gradient(p)));
  EXPECT_NEAR(mse->batch_value(every, p), mse->value(p), 1e-12 * mse->value(p));
}

TEST(Minibatch, DrawsDistinctSamplesReproduciblyAndAveragesToTheFullGradient) {
  const auto mse = shipped_line_fit();
  ASSERT_TRUE(mse);
  GradientNoise noise;
  noise.batch_size = 4;
  noise.seed = 3;
  const glm::dvec2 p(0.5, -1.0);
  glm::dvec2 sum{0.0};
  const int steps = 40000;
  for (int step = 0; step < steps; ++step) {
    const StochasticCost batch(*mse, noise, 0, static_cast<std::uint64_t>(step));
    ASSERT_EQ(batch.batch().size(), 4u);
    EXPECT_EQ(std::set<std::size_t>(batch.batch().begin(), batch.batch().end()).size(), 4u);
    EXPECT_TRUE(std::is_sorted(batch.batch().begin(), batch.batch().end()));
    EXPECT_LT(batch.batch().back(), mse->sample_count());
    sum += batch.gradient(p);
  }
  EXPECT_EQ(StochasticCost(*mse, noise, 0, 17).batch(), StochasticCost(*mse, noise, 0, 17).batch());
  EXPECT_NE(StochasticCost(*mse, noise, 0, 17).batch(), StochasticCost(*mse, noise, 0, 18).batch());
  // Sampling without replacement is unbiased: the mean of the minibatch gradients is the full one.
  const glm::dvec2 full = mse->gradient(p);
  EXPECT_NEAR(sum.x / steps, full.x, 0.02 * glm::length(full));
  EXPECT_NEAR(sum.y / steps, full.y, 0.02 * glm::length(full));
}

TEST(Minibatch, ASeededMinibatchRunIsReproducible) {
  Scene scene;
  scene.function = parse_function_source("mse");
  scene.directory = (kSourceDir / "assets").string();
  scene.balls = {BallSpec{glm::dvec2(-1.0, 3.0), OptimizerSpec{"gd", {{"lr", 0.05}}}, {}, {}}};
  scene.noise.batch_size = 3;
  scene.noise.seed = 5;
  const auto first = trajectory(scene, 200);
  EXPECT_TRUE(identical(first, trajectory(scene, 200)));
  scene.noise.seed = 6;
  EXPECT_FALSE(identical(first, trajectory(scene, 200)));
}

TEST(GradientNoise, BadValuesAreRefusedInOneLine) {
  const auto mse = shipped_line_fit();
  ASSERT_TRUE(mse);
  auto bowl = make_builtin_function("bowl");
  auto refused = [](const GradientNoise& noise, const CostFunction& cost) {
    return check_gradient_noise(noise, cost).error();
  };
  GradientNoise noise;
  EXPECT_EQ(refused(noise, *bowl), "");
  noise.sigma = -1.0;
  EXPECT_EQ(refused(noise, *bowl), "noise sigma: must be 0 to 1e+06, got -1");
  noise.sigma = 2e6;
  EXPECT_EQ(refused(noise, *bowl), "noise sigma: must be 0 to 1e+06, got 2e+06");
  noise.sigma = std::nan("");
  EXPECT_EQ(refused(noise, *bowl), "noise sigma: must be 0 to 1e+06, got nan");
  noise.sigma = 0.0;
  noise.seed = kMaxSeed + 1;
  EXPECT_EQ(refused(noise, *bowl), "invalid seed: must be 0 to 2^53 (9007199254740992)");
  noise.seed = 1;
  noise.batch_size = 0;
  EXPECT_EQ(refused(noise, *mse), "batch_size: must be 1 to 30 (the samples in Line fit (MSE)), got 0");
  noise.batch_size = 31;
  EXPECT_EQ(refused(noise, *mse), "batch_size: must be 1 to 30 (the samples in Line fit (MSE)), got 31");
  noise.batch_size = 30;
  EXPECT_EQ(refused(noise, *mse), "");
  noise.batch_size = 4;
  EXPECT_EQ(refused(noise, *bowl),
            "batch_size: needs a data-backed cost (mse:FILE.csv); Bowl has no samples to draw from");
}

// --- Langevin dynamics -------------------------------------------------------------------------

TEST(Sgld, OneStepIsTheLangevinUpdate) {
  auto bowl = make_builtin_function("bowl");
  Sgld sgld;
  ASSERT_EQ(sgld.set_parameter("lr", 0.1).error(), "");
  ASSERT_EQ(sgld.set_parameter("temperature", 0.5).error(), "");
  sgld.set_seed(77);
  sgld.reset();
  const glm::dvec2 p(1.0, -2.0);
  const glm::dvec2 xi = Random::for_key(77, 0).gaussian2();
  // p - lr grad f + sqrt(2 lr T) xi, grad (x^2 + y^2) = (2x, 2y)
  const glm::dvec2 expected = p - 0.1 * glm::dvec2(2.0, -4.0) + std::sqrt(2.0 * 0.1 * 0.5) * xi;
  EXPECT_EQ(sgld.step(*bowl, p), expected);
  EXPECT_NE(sgld.step(*bowl, p), expected) << "the next step draws anew";
  sgld.reset();
  EXPECT_EQ(sgld.step(*bowl, p), expected) << "reset starts the stream again";
  ASSERT_EQ(sgld.set_parameter("temperature", 0.0).error(), "");
  EXPECT_EQ(sgld.step(*bowl, p), p - 0.1 * glm::dvec2(2.0, -4.0)) << "T = 0: gradient descent";
}

TEST(Sgld, SamplesTheGibbsDensityOfABowl) {
  // On f = x^2 + y^2 the step is x' = (1 - 2 lr) x + sqrt(2 lr T) xi: its stationary variance is
  // T / (2 (1 - lr)), close to exp(-f/T)'s T / 2 for small lr.
  auto bowl = make_builtin_function("bowl");
  Sgld sgld;
  const double lr = 0.05, temperature = 0.8;
  ASSERT_EQ(sgld.set_parameter("lr", lr).error(), "");
  ASSERT_EQ(sgld.set_parameter("temperature", temperature).error(), "");
  sgld.set_seed(3);
  sgld.reset();
  glm::dvec2 p(0.0);
  double ss = 0.0;
  const int burn_in = 1000, n = 400000;
  for (int i = 0; i < burn_in + n; ++i) {
    p = sgld.step(*bowl, p);
    if (i >= burn_in) ss += p.x * p.x + p.y * p.y;
  }
  EXPECT_NEAR(ss / (2.0 * n), temperature / (2.0 * (1.0 - lr)), 0.02);
}

TEST(Sgld, ReproducibleBySeedInAScene) {
  const auto first = trajectory(noisy_scene("sgld", 0.0, 4), 300);
  EXPECT_TRUE(identical(first, trajectory(noisy_scene("sgld", 0.0, 4), 300)));
  EXPECT_FALSE(identical(first, trajectory(noisy_scene("sgld", 0.0, 5), 300)));
}

// --- Simulated annealing -----------------------------------------------------------------------

TEST(Annealing, DownhillProposalsAreAlwaysTakenUphillOnesByTheMetropolisRule) {
  auto bowl = make_builtin_function("bowl");
  Annealing anneal;
  ASSERT_EQ(anneal.set_parameter("t0", 2.0).error(), "");
  ASSERT_EQ(anneal.set_parameter("cooling", 0.5).error(), "");
  ASSERT_EQ(anneal.set_parameter("step", 0.3).error(), "");
  anneal.set_seed(8);
  anneal.reset();
  glm::dvec2 p(1.0, 1.0);
  double temperature = 2.0;
  for (std::uint64_t t = 0; t < 40; ++t) {
    Random random = Random::for_key(8, t);
    const glm::dvec2 q = p + 0.3 * random.gaussian2();
    const double rise = bowl->value(q) - bowl->value(p);
    const bool accept = rise <= 0.0 || portable_log(1.0 - random.uniform()) < -rise / temperature;
    EXPECT_EQ(anneal.temperature(), temperature);
    const glm::dvec2 next = anneal.step(*bowl, p);
    EXPECT_EQ(next, accept ? q : p) << t;
    ASSERT_EQ(anneal.companions().size(), 1u);
    EXPECT_EQ(anneal.companions()[0].position, q);
    p = next;
    temperature *= 0.5;
  }
}

TEST(Annealing, ReproducibleBySeedInAScene) {
  const auto first = trajectory(noisy_scene("anneal", 0.0, 4), 300);
  EXPECT_TRUE(identical(first, trajectory(noisy_scene("anneal", 0.0, 4), 300)));
  EXPECT_FALSE(identical(first, trajectory(noisy_scene("anneal", 0.0, 5), 300)));
}

// --- Scene files -------------------------------------------------------------------------------

TEST(SceneFileNoise, TheNoiseSectionReadsWritesAndReadsBackTheSame) {
  Scene scene = noisy_scene("sgld", 0.75, 12);
  scene.noise.batch_size = 5;
  const std::string text = write_scene(scene);
  EXPECT_NE(text.find("\"noise\""), std::string::npos) << text;
  std::string error;
  Scene again;
  ASSERT_TRUE(losscape::testing::take_into(read_scene(text, "x.json", ""), again, error)) << error;
  EXPECT_EQ(again.noise, scene.noise);
  EXPECT_EQ(write_scene(again), text);
  EXPECT_EQ(write_scene(Scene{}).find("noise"), std::string::npos) << "a noiseless scene's file has no noise";
}

TEST(SceneFileNoise, MistakesAreOneLineWithWhere) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"function": "bowl", "noise": {"sigma": -1}})", "x.json:1:41: noise.sigma: must be 0 to 1e+06, got -1"},
      {R"({"function": "bowl", "noise": {"batch_size": 0}})", "noise.batch_size: must be 1 to 1e+07, got 0"},
      {R"({"function": "bowl", "noise": {"seed": 1.5}})", "noise.seed: expected a whole number, got 1.5"},
      {R"({"function": "bowl", "noise": {"sigam": 1}})", "unknown key 'sigam' (valid: sigma, batch_size, seed)"},
      {R"({"function": "bowl", "noise": 3})", "noise: expected an object"},
  };
  for (const auto& [text, message] : cases) {
    Scene scene;
    std::string error;
    EXPECT_FALSE(losscape::testing::take_into(read_scene(text, "x.json", ""), scene, error)) << text;
    EXPECT_NE(error.find(message), std::string::npos) << error << " / " << message;
  }
  // A batch size beyond the data, or on a formula, is the factory's one line.
  Scene scene;
  scene.function = parse_function_source("mse");
  scene.directory = (kSourceDir / "assets").string();
  scene.noise.batch_size = 1000;
  EXPECT_EQ(build_simulation(scene, {}).error(),
            "batch_size: must be 1 to 30 (the samples in Line fit (MSE)), got 1000");
}

TEST(Sgld, WrappedItIsStillSeededPerBall) {
  // The wrappers hand set_seed on: lookahead:sgld draws from the ball's own stream.
  const auto first = trajectory(noisy_scene("lookahead:sgld", 0.0, 4), 100);
  ASSERT_EQ(first.size(), 2u * 101u);
  EXPECT_TRUE(identical(first, trajectory(noisy_scene("lookahead:sgld", 0.0, 4), 100)));
  EXPECT_FALSE(identical(first, trajectory(noisy_scene("lookahead:sgld", 0.0, 5), 100)));
  EXPECT_NE(optimizer_seed(4, 0), optimizer_seed(4, 1)) << "each ball its own seed";
}
