// Typed formulas: the language, its error messages, exact derivatives, the batched evaluator,
// and robustness against any input. No GL.
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/batch_evaluator.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/sim/simulation.hpp"

#include "tests/math/finite_difference.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numbers>
#include <random>

using namespace losscape;

namespace {

std::unique_ptr<FormulaFunction> compile_ok(const std::string& text) {
  formula::CompileError error;
  auto f = FormulaFunction::create(text, {-5, 5, -5, 5}, error);
  EXPECT_NE(f, nullptr) << text << ": " << error.message;
  return f;
}

double eval(const std::string& text, double x = 0.0, double y = 0.0) {
  auto f = compile_ok(text);
  return f ? f->value({x, y}) : std::nan("");
}

std::string error_of(const std::string& text) {
  formula::CompileError error;
  auto f = FormulaFunction::create(text, {-5, 5, -5, 5}, error);
  EXPECT_EQ(f, nullptr) << text;
  return error.message;
}

}  // namespace

TEST(FormulaLanguage, PrecedenceAndAssociativity) {
  EXPECT_EQ(eval("1 + 2 * 3"), 7.0);
  EXPECT_EQ(eval("(1 + 2) * 3"), 9.0);
  EXPECT_EQ(eval("10 - 4 - 3"), 3.0);  // left-associative
  EXPECT_EQ(eval("8 / 4 / 2"), 1.0);
  EXPECT_EQ(eval("2 ^ 3 ^ 2"), 512.0);  // right-associative
  EXPECT_EQ(eval("-2 ^ 2"), -4.0);      // -(2^2)
  EXPECT_EQ(eval("(-2) ^ 2"), 4.0);
  EXPECT_EQ(eval("2 ^ -1"), 0.5);
  EXPECT_EQ(eval("- - 3"), 3.0);
  EXPECT_EQ(eval("-x^2", 3.0), -9.0);
  EXPECT_EQ(eval("x^3", -2.0), -8.0);  // integer powers of negatives are defined
  EXPECT_EQ(eval("2 * x + y / 4", 1.5, 2.0), 3.5);
  EXPECT_EQ(eval("1e-3 * 1000"), 1.0);
  EXPECT_EQ(eval(".5 + 2.5E1"), 25.5);
  EXPECT_DOUBLE_EQ(eval("pi"), std::numbers::pi);
  EXPECT_DOUBLE_EQ(eval("e"), std::numbers::e);
}

TEST(FormulaLanguage, EveryFunction) {
  const double u = 0.3, v = -0.7;
  const std::vector<std::pair<std::string, double>> cases = {
      {"sin(x)", std::sin(u)},
      {"cos(x)", std::cos(u)},
      {"tan(x)", std::tan(u)},
      {"asin(x)", std::asin(u)},
      {"acos(x)", std::acos(u)},
      {"atan(x)", std::atan(u)},
      {"sinh(x)", std::sinh(u)},
      {"cosh(x)", std::cosh(u)},
      {"tanh(x)", std::tanh(u)},
      {"exp(x)", std::exp(u)},
      {"log(x)", std::log(u)},
      {"log10(x)", std::log10(u)},
      {"log2(x)", std::log2(u)},
      {"sqrt(x)", std::sqrt(u)},
      {"abs(y)", std::abs(v)},
      {"atan2(y, x)", std::atan2(v, u)},
      {"min(x, y)", v},
      {"max(x, y)", u},
      {"pow(x, 2.5)", std::pow(u, 2.5)},
      {"pow(x, y)", std::pow(u, v)},
  };
  for (const auto& [text, expected] : cases) EXPECT_NEAR(eval(text, u, v), expected, 1e-15) << text;
  EXPECT_EQ(formula::function_names().size(), 19u);
}

TEST(FormulaLanguage, ParametersFromTheWhereClause) {
  auto f = compile_ok("a*x^2 + b*y^2 where a = 1, b = -2.5");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->parameter_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f->value({2.0, 2.0}), 4.0 - 10.0);
  EXPECT_TRUE(f->set_parameter("b", 1.0));
  EXPECT_FALSE(f->set_parameter("c", 1.0));
  EXPECT_EQ(f->value({2.0, 2.0}), 8.0);
  EXPECT_EQ(f->gradient({2.0, 2.0}), glm::dvec2(4.0, 4.0));
}

TEST(FormulaLanguage, ErrorMessagesSayWhatAndWhere) {
  EXPECT_EQ(error_of("x + sinn(y)"), "unknown function 'sinn' at column 5");
  EXPECT_EQ(error_of("(x + y) * (x - y"), "expected ')' at column 17 to close the '(' at column 11");
  EXPECT_EQ(error_of("sin(x + y"), "expected ')' at column 10");
  EXPECT_EQ(error_of("x * z"), "unknown variable 'z' at column 5 (use x, y or a declared parameter)");
  EXPECT_EQ(error_of("2x"), "expected an operator after '2' at column 2 (write 2*x, not 2x)");
  EXPECT_EQ(error_of("3 x y"), "expected an operator before 'x' at column 3 (write * to multiply)");
  EXPECT_EQ(error_of("(x+1)(x-1)"), "expected an operator before '(' at column 6 (write * to multiply)");
  EXPECT_EQ(error_of("x +"), "unexpected end of formula at column 4");
  EXPECT_EQ(error_of("x + * y"), "unexpected '*' at column 5");
  EXPECT_EQ(error_of("x # y"), "unexpected character '#' at column 3");
  EXPECT_EQ(error_of(""), "the formula is empty");
  EXPECT_EQ(error_of("   "), "the formula is empty");
  EXPECT_EQ(error_of("atan2(x)"), "'atan2' takes 2 arguments, got 1 at column 1");
  EXPECT_EQ(error_of("sin(x, y)"), "'sin' takes 1 argument, got 2 at column 1");
  EXPECT_EQ(error_of("sin + x"), "'sin' is a function: write sin(...) at column 1");
  EXPECT_EQ(error_of("1.2.3"), "malformed number '1.2.3' at column 1");
  EXPECT_EQ(error_of("1e999"), "malformed number '1e999' at column 1");
  EXPECT_EQ(error_of("a*x where a 1"), "expected '=' after 'a' at column 13");
  EXPECT_EQ(error_of("a*x where a = q"), "expected a number for 'a' at column 15");
  EXPECT_EQ(error_of("x where x = 1"), "'x' cannot be a parameter name at column 9");
  EXPECT_EQ(error_of("a*x where a = 1, a = 2"), "parameter 'a' is declared twice at column 18");
  EXPECT_EQ(error_of(std::string(300, '(') + "x" + std::string(300, ')')),
            "the formula is nested too deeply at column 202");
}

namespace {

// A random formula from a small grammar, defined (and smooth) near the test points.
std::string random_formula(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> pick(0, depth <= 0 ? 2 : 13);
  const int k = pick(rng);
  auto sub = [&] { return random_formula(rng, depth - 1); };
  std::uniform_real_distribution<double> number(0.2, 2.0);
  switch (k) {
    case 0: return "x";
    case 1: return "y";
    case 2: return std::to_string(number(rng)).substr(0, 4);
    case 3: return "(" + sub() + " + " + sub() + ")";
    case 4: return "(" + sub() + " - " + sub() + ")";
    case 5: return "(" + sub() + " * " + sub() + ")";
    case 6: return "(" + sub() + " / (2 + sin(" + sub() + ")))";
    case 7: return "sin(" + sub() + ")";
    case 8: return "cos(" + sub() + ")";
    case 9: return "exp(0.3 * " + sub() + ")";
    case 10: return "log(1.5 + cos(" + sub() + "))";
    case 11: return "(" + sub() + ")^2";
    case 12: return "atan2(" + sub() + ", 3 + x^2)";
    default: return "sqrt(1 + (" + sub() + ")^2)";
  }
}

}  // namespace

TEST(FormulaDerivatives, RandomFormulasAgainstHighAccuracyFiniteDifferences) {
  std::mt19937 rng(1234);
  std::uniform_real_distribution<double> coordinate(-1.5, 1.5);
  int checked = 0;
  for (int n = 0; n < 300; ++n) {
    const std::string text = random_formula(rng, 4);
    auto f = compile_ok(text);
    if (!f) continue;
    for (int k = 0; k < 5; ++k) {
      const glm::dvec2 p(coordinate(rng), coordinate(rng));
      if (!std::isfinite(f->value(p))) continue;
      const glm::dvec2 g = f->gradient(p);
      const glm::dmat2 hess = f->hessian(p);
      auto value = [&](glm::dvec2 q) { return f->value(q); };
      auto gx = [&](glm::dvec2 q) { return f->gradient(q).x; };
      auto gy = [&](glm::dvec2 q) { return f->gradient(q).y; };
      const double scale = 1.0 + std::abs(f->value(p)) + glm::length(g);
      // The reference carries its own error estimate: the 4th-order difference at h and h/2.
      // Fast-oscillating formulas get a wide allowance, smooth ones a tight one.
      // Where even the two differences disagree (sin of a 10th power...), no difference
      // quotient can judge; those points are skipped, and enough others must remain.
      bool trusted = true;
      auto expect_close = [&](double exact, auto fn, glm::dvec2 direction, double rel) {
        using losscape::testing::central_difference;
        const double coarse = central_difference(fn, p, direction, 1e-3);
        const double fine = central_difference(fn, p, direction, 5e-4);
        if (std::abs(coarse - fine) > 1e-5 * (1.0 + std::abs(fine))) {
          trusted = false;
          return;
        }
        EXPECT_NEAR(exact, fine, 2.0 * std::abs(coarse - fine) + rel * scale) << text;
      };
      expect_close(g.x, value, {1, 0}, 1e-8);
      expect_close(g.y, value, {0, 1}, 1e-8);
      expect_close(hess[0][0], gx, {1, 0}, 1e-7);
      expect_close(hess[0][1], gx, {0, 1}, 1e-7);
      expect_close(hess[1][0], gy, {1, 0}, 1e-7);
      expect_close(hess[1][1], gy, {0, 1}, 1e-7);
      checked += trusted ? 1 : 0;
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(FormulaDerivatives, MatchTheBuiltInsAnalyticDerivatives) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"},
      {"rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2"},
      {"rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"},
  };
  for (const auto& [name, text] : pairs) {
    auto builtin = make_builtin_function(name);
    auto typed = compile_ok(text);
    for (double x = -2.0; x <= 2.0; x += 0.37) {
      for (double y = -1.0; y <= 3.0; y += 0.41) {
        const double scale = 1.0 + std::abs(builtin->value({x, y}));
        EXPECT_NEAR(typed->value({x, y}), builtin->value({x, y}), 1e-13 * scale) << name;
        EXPECT_NEAR(typed->gradient({x, y}).x, builtin->gradient({x, y}).x, 1e-12 * scale) << name;
        EXPECT_NEAR(typed->gradient({x, y}).y, builtin->gradient({x, y}).y, 1e-12 * scale) << name;
        for (int i = 0; i < 2; ++i) {
          for (int j = 0; j < 2; ++j) {
            EXPECT_NEAR(typed->hessian({x, y})[i][j], builtin->hessian({x, y})[i][j], 1e-11 * scale) << name;
          }
        }
      }
    }
  }
}

TEST(FormulaRoundTrip, TypedHimmelblauGivesTheBuiltInsTrajectory) {
  auto run = [](std::shared_ptr<const CostFunction> cost) {
    SimulationSettings settings;
    settings.record_history = true;
    Simulation sim(std::move(cost), settings);
    sim.add_ball({-0.4, -0.2}, std::make_unique<GradientDescent>());
    sim.run_steps(500);
    return sim.balls()[0].history;
  };
  const auto builtin = run(make_builtin_function("himmelblau"));
  const auto typed = run(compile_ok("(x^2+y-11)^2+(x+y^2-7)^2"));
  ASSERT_EQ(builtin.size(), typed.size());
  for (std::size_t i = 0; i < builtin.size(); ++i) {
    const double scale = std::max(glm::length(builtin[i].position), 1.0);
    EXPECT_LE(glm::length(typed[i].position - builtin[i].position), 1e-12 * scale) << "step " << i;
  }
}

TEST(FormulaBatch, EqualsTheScalarEvaluatorExactly) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> coordinate(-1.5, 1.5);
  for (int n = 0; n < 100; ++n) {
    auto f = compile_ok(n == 0 ? "(x^2+y-11)^2+(x+y^2-7)^2" : random_formula(rng, 4));
    formula::BatchEvaluator batch(f->program(), f->parameter_values());
    std::vector<double> xs(150), ys(150), fv(150), gx(150), gy(150);
    for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = coordinate(rng), ys[i] = coordinate(rng);
    batch.evaluate(xs.data(), ys.data(), xs.size(), fv.data(), gx.data(), gy.data());
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double v = f->value({xs[i], ys[i]});
      const glm::dvec2 g = f->gradient({xs[i], ys[i]});
      if (std::isnan(v)) {
        EXPECT_TRUE(std::isnan(fv[i]));
        continue;
      }
      EXPECT_EQ(fv[i], v) << f->formula();
      EXPECT_EQ(gx[i], g.x) << f->formula();
      EXPECT_EQ(gy[i], g.y) << f->formula();
    }
  }
}

TEST(FormulaUndefined, ABallEnteringAnUndefinedRegionStopsAsUndefined) {
  // log(x) is undefined for x <= 0; descending x^2 + log(x + 2) ... heads into it with a big step.
  std::shared_ptr<const CostFunction> cost = compile_ok("sqrt(x) + y^2");
  Simulation sim(cost);
  auto gd = std::make_unique<GradientDescent>();
  ASSERT_EQ(gd->set_parameter("lr", 1.0).error(), "");
  sim.add_ball({0.3, 1.0}, std::move(gd));
  sim.run_steps(100);
  const Ball& ball = sim.balls()[0];
  EXPECT_EQ(ball.status, BallStatus::undefined);
  EXPECT_TRUE(std::isfinite(ball.position.x) && std::isfinite(ball.value));  // the last good point
}

TEST(FormulaRobustness, HundredThousandHostileInputsNeverCrashOrHang) {
  std::mt19937 rng(7);
  const std::vector<std::string> seeds = {
      "(x^2+y-11)^2+(x+y^2-7)^2",       "a*x^2 + b*y^2 where a = 1, b = 10", "atan2(y, x) + max(x, y)^2",
      "sin(x)*cos(y) + (x^2 + y^2)/20", "log(1 + x^2) - sqrt(abs(y))",       "2^-x^3^y",
  };
  const std::string alphabet = "xy0123456789.e+-*/^(),= abcdefghijklmnopqrstuvwxyz_\t\n#$%\\\"'";
  const auto start = std::chrono::steady_clock::now();
  int compiled = 0;
  for (int n = 0; n < 100000; ++n) {
    std::string text;
    const int kind = n % 3;
    if (kind == 0) {  // random bytes
      std::uniform_int_distribution<int> length(0, 40), byte(0, 255);
      for (int i = length(rng); i > 0; --i) text += static_cast<char>(byte(rng));
    } else if (kind == 1) {  // token soup
      std::uniform_int_distribution<int> length(0, 60);
      std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
      for (int i = length(rng); i > 0; --i) text += alphabet[letter(rng)];
    } else {  // near-valid: a valid formula with a few characters changed, dropped or doubled
      text = seeds[static_cast<std::size_t>(n) % seeds.size()];
      std::uniform_int_distribution<int> edits(1, 3);
      for (int e = edits(rng); e > 0 && !text.empty(); --e) {
        std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
        std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
        const std::size_t i = at(rng);
        switch (rng() % 3) {
          case 0: text[i] = alphabet[letter(rng)]; break;
          case 1: text.erase(i, 1); break;
          default: text.insert(i, 1, text[i]);
        }
      }
    }
    formula::CompileError error;
    auto f = FormulaFunction::create(text, {-5, 5, -5, 5}, error);
    if (f) {
      ++compiled;
      (void)f->value({0.5, -0.5});
      (void)f->hessian({0.5, -0.5});
    } else {
      ASSERT_FALSE(error.message.empty()) << text;
      ASSERT_EQ(error.message.find('\n'), std::string::npos) << "one line: " << text;
    }
  }
  EXPECT_GT(compiled, 1000);  // the near-valid mutations do compile sometimes
  // A hang would show as a timeout; this bounds it well inside one.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

TEST(FormulaLanguage, EveryBuiltInsFormulaTextIsAValidFormulaForThatFunction) {
  // The formula shown in the panel and by --list-functions can be pasted into --function.
  for (const std::string& name : builtin_function_names()) {
    auto builtin = make_builtin_function(name);
    auto typed = compile_ok(builtin->formula());
    ASSERT_NE(typed, nullptr) << name;
    const Domain d = builtin->domain();
    for (int i = 0; i <= 6; ++i) {
      for (int j = 0; j <= 6; ++j) {
        const glm::dvec2 p(d.x_min + d.width() * (i + 0.13) / 7.0, d.y_min + d.height() * (j + 0.29) / 7.0);
        const double expected = builtin->value(p);
        EXPECT_NEAR(typed->value(p), expected, 1e-12 * (1.0 + std::abs(expected)))
            << name << " at " << p.x << ", " << p.y;
      }
    }
  }
}
