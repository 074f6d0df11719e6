// The formula JIT (engine/core/formula/formula_jit.hpp) against the interpreter it replaces
// (BatchEvaluator): the same bits for every value that is not NaN, NaN where it is NaN, at the
// awkward inputs (+-0, +-infinity, NaN, subnormals, the huge and the tiny), for hundreds of
// random programs, with spills, at every tail length, on each path this CPU has (the test says
// which ran: a CPU without AVX-512 tests AVX2 alone, one without either only the fallback).
#include "engine/core/formula/batch_evaluator.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "engine/core/formula/formula_jit.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/sim/basins.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace losscape;
using formula::JitKernel;
using formula::JitPath;

namespace {

std::unique_ptr<FormulaFunction> compile_ok(const std::string& text) {
  auto f = make_formula_function(text, nullptr);
  EXPECT_TRUE(f.ok()) << text << ": " << f.error();
  return f ? std::move(*f) : nullptr;
}

// The paths this build and CPU run, said once in the test's output.
std::vector<JitPath> paths() {
  std::vector<JitPath> out;
  if (formula::best_jit_path() >= JitPath::avx2) out.push_back(JitPath::avx2);
  if (formula::best_jit_path() >= JitPath::avx512) out.push_back(JitPath::avx512);
  static const bool said = [&] {
    std::string names;
    for (const JitPath p : out) names += std::string(" ") + formula::jit_path_name(p);
    std::printf("[ formula JIT paths tested:%s ]\n",
                names.empty() ? " none (no xbyak or no AVX2: the interpreter)" : names.c_str());
    return true;
  }();
  static_cast<void>(said);
  return out;
}

std::uint64_t bits(double d) {
  std::uint64_t b = 0;
  std::memcpy(&b, &d, sizeof d);
  return b;
}

// The same bits, or both NaN (whose payload may differ).
bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return bits(a) == bits(b);
}

// Evaluates `f` at the points with the kernel and with the interpreter; counts disagreements.
int mismatches(const FormulaFunction& f, const JitKernel& kernel, const std::vector<double>& xs,
               const std::vector<double>& ys, const std::string& what) {
  const std::size_t n = xs.size();
  std::vector<double> jf(n), jgx(n), jgy(n), rf(n), rgx(n), rgy(n);
  kernel.evaluate(kernel.table(f.parameter_values()), xs.data(), ys.data(), n, jf.data(), jgx.data(), jgy.data());
  formula::BatchEvaluator reference(f.program(), f.parameter_values());
  reference.evaluate(xs.data(), ys.data(), n, rf.data(), rgx.data(), rgy.data());
  int bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (same(jf[i], rf[i]) && same(jgx[i], rgx[i]) && same(jgy[i], rgy[i])) continue;
    if (++bad <= 3) {
      ADD_FAILURE() << what << " '" << f.formula() << "' at (" << xs[i] << ", " << ys[i] << "): JIT " << jf[i] << " "
                    << jgx[i] << " " << jgy[i] << ", interpreter " << rf[i] << " " << rgx[i] << " " << rgy[i];
    }
  }
  return bad;
}

// Every pair of awkward numbers.
void awkward_points(std::vector<double>& xs, std::vector<double>& ys) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const double values[] = {0.0,    -0.0,    1.0,      -1.0,   2.0,     inf,   -inf,  nan,
                           5e-324, -5e-324, 2.2e-308, 1e-300, -1e-160, 1e160, 1e300, -1.7976931348623157e308,
                           0.1,    -2.5,    3.0,      1e-8};
  for (const double a : values) {
    for (const double b : values) xs.push_back(a), ys.push_back(b);
  }
}

// Formulas using every operation the JIT compiles, alone and in combination.
const char* const kOperations[] = {
    "x + y",
    "x - y",
    "x * y",
    "x / y",
    "-x",
    "-(x * y)",
    "x^2",
    "y^2 + x",
    "x^3",
    "x^4 * y",
    "x^5",
    "x^-1",
    "x^-2 + y",
    "x^-3 * y",
    "(x * y)^7",
    "x^64",
    "x^-64",
    "min(x, y)",
    "max(x, y)",
    "min(x * y, y^2)",
    "max(x, -y) * x",
    "abs(x)",
    "abs(x * y)",
    "abs(x) * y",
    "sqrt(x)",
    "sqrt(x * y)",
    "sqrt(abs(x)) / y",
    "2 * x + 0 * y",
    "x * 0",
    "0 / x",
    "x / 1 - 0",
    "(x + y) / (x - y)",
    "1 / (x^2 + y^2)",
    "a * x^2 + b * y where a = 2, b = -0.5",
    "x - 0 * y",
    "0 - x",
    "-0 * x + y",
    // Called out to C++ (apply_rule), between values kept in registers.
    "sin(x) + y^2",
    "cos(x * y) * x",
    "tan(x)",
    "asin(x) + acos(y)",
    "atan(x / y)",
    "sinh(x) - cosh(y)",
    "tanh(x * y)",
    "exp(x * y)",
    "log(x) * y",
    "log10(x) + log2(y)",
    "x^0.5 + y",
    "x^y",
    "atan2(y, x)",
    "(x^2 + 1) * sin(x * y) + exp(-x^2) * (y - 1)^3",
};

// A random program: polynomials, quotients, min, max, abs, sqrt, integer powers, parameters, and
// a few of the functions the kernel calls out for.
std::string random_program(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> pick(0, depth <= 0 ? 3 : 19);
  auto sub = [&] { return random_program(rng, depth - 1); };
  std::uniform_int_distribution<int> power(-4, 6);
  std::uniform_real_distribution<double> number(-3.0, 3.0);
  switch (pick(rng)) {
    case 0: return "x";
    case 1: return "y";
    case 2: return "a";
    case 3: return "(" + std::to_string(number(rng)).substr(0, 5) + ")";
    case 4: return "(" + sub() + " + " + sub() + ")";
    case 5: return "(" + sub() + " - " + sub() + ")";
    case 6:
    case 7: return "(" + sub() + " * " + sub() + ")";
    case 8: return "(" + sub() + " / " + sub() + ")";
    case 9: return "(" + sub() + ")^" + std::to_string(power(rng));
    case 10: return "(" + sub() + ")^2";
    case 11: return "min(" + sub() + ", " + sub() + ")";
    case 12: return "max(" + sub() + ", " + sub() + ")";
    case 13: return "abs(" + sub() + ")";
    case 14: return "sqrt(" + sub() + ")";
    case 15: return "-" + sub();
    case 16: return "sin(" + sub() + ")";
    case 17: return "exp(" + sub() + ")";
    case 18: return "log(" + sub() + ")";
    default: return "atan2(" + sub() + ", " + sub() + ")";
  }
}

}  // namespace

TEST(FormulaJit, AnUnknownPathIsRefusedNamingTheValidOnes) {
  EXPECT_EQ(formula::parse_jit_path("fast", JitPath::avx512).error(),
            "LOSSCAPE_JIT 'fast' is not a formula JIT path (valid: 0, avx2, avx512)");
  EXPECT_EQ(formula::parse_jit_path("avx512", JitPath::avx2).error(),
            "LOSSCAPE_JIT 'avx512' is more than this CPU or build can run (valid here: 0, avx2)");
  EXPECT_EQ(*formula::parse_jit_path(nullptr, JitPath::avx2), JitPath::avx2);  // unset: the best
  EXPECT_EQ(*formula::parse_jit_path("", JitPath::avx512), JitPath::avx512);
  EXPECT_EQ(*formula::parse_jit_path("0", JitPath::avx512), JitPath::none);
  EXPECT_EQ(*formula::parse_jit_path("avx2", JitPath::avx512), JitPath::avx2);
  EXPECT_EQ(*formula::parse_jit_path("0", JitPath::none), JitPath::none);
}

TEST(FormulaJit, EveryOperationGivesTheInterpretersBitsAtAwkwardInputs) {
  std::vector<double> xs, ys;
  awkward_points(xs, ys);
  for (const JitPath path : paths()) {
    for (const char* text : kOperations) {
      auto f = compile_ok(text);
      auto kernel = JitKernel::compile(f->program(), path);
      ASSERT_NE(kernel, nullptr) << text;
      EXPECT_EQ(mismatches(*f, *kernel, xs, ys, formula::jit_path_name(path)), 0) << text;
    }
  }
}

TEST(FormulaJit, RandomProgramsGiveTheInterpretersBits) {
  std::mt19937 rng(19);
  std::uniform_real_distribution<double> coordinate(-3.0, 3.0);
  std::vector<double> xs(77), ys(77);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = coordinate(rng), ys[i] = coordinate(rng);
  xs[0] = 0.0, ys[0] = -0.0, xs[1] = -0.0, ys[1] = 0.0;  // zeros: signs, 0/0, sqrt(-0)
  int compiled = 0;
  for (int n = 0; n < 400; ++n) {
    const std::string text = random_program(rng, 5) + " where a = " + std::to_string(coordinate(rng));
    auto f = compile_ok(text);
    if (!f) continue;
    for (const JitPath path : paths()) {
      auto kernel = JitKernel::compile(f->program(), path);
      ASSERT_NE(kernel, nullptr) << text;
      ++compiled;
      EXPECT_EQ(mismatches(*f, *kernel, xs, ys, formula::jit_path_name(path)), 0);
    }
  }
  EXPECT_EQ(compiled, 400 * static_cast<int>(paths().size()));
}

TEST(FormulaJit, ValuesBeyondTheRegistersSpillAndStayExact) {
  // 40 products, all computed before the first sum (the sum nests to the right), each with its
  // value and two derivatives: 120 values live at once, more than AVX-512's 29 registers.
  std::string text;
  for (int i = 1; i <= 40; ++i) {
    text += (i > 1 ? " + (" : "") + ("(x + " + std::to_string(i) + ") * (y - " + std::to_string(i * 0.5) + ")");
  }
  text += std::string(39, ')');
  auto f = compile_ok(text);
  std::vector<double> xs, ys;
  awkward_points(xs, ys);
  for (const JitPath path : paths()) {
    auto kernel = JitKernel::compile(f->program(), path);
    ASSERT_NE(kernel, nullptr);
    EXPECT_GT(kernel->spill_slots(), 0u) << formula::jit_path_name(path);
    EXPECT_EQ(mismatches(*f, *kernel, xs, ys, formula::jit_path_name(path)), 0);
  }
}

TEST(FormulaJit, EveryTailLengthIsExact) {
  auto f = compile_ok("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> coordinate(-5.0, 5.0);
  for (const JitPath path : paths()) {
    auto kernel = JitKernel::compile(f->program(), path);
    ASSERT_NE(kernel, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(kernel->table({}).data()) % 64, 0u);  // entries on cache lines
    for (std::size_t n = 0; n <= 3 * kernel->width() + 1; ++n) {
      std::vector<double> xs(n), ys(n);
      for (std::size_t i = 0; i < n; ++i) xs[i] = coordinate(rng), ys[i] = coordinate(rng);
      EXPECT_EQ(mismatches(*f, *kernel, xs, ys, formula::jit_path_name(path)), 0) << "n = " << n;
    }
  }
}

TEST(FormulaJit, WithoutAKernelTheInterpreterRuns) {
  // No path, and a program past the code-size cap (x*y*x*y...: 6,000 products, 7 lane
  // operations each: the value, and each derivative's two products and their sum).
  EXPECT_EQ(JitKernel::compile(compile_ok("x^2 + y^2")->program(), JitPath::none), nullptr);
  std::string text = "x";
  for (int i = 0; i < 6000; ++i) text += i % 2 == 0 ? "*y" : "*x";
  auto f = compile_ok(text);
  for (const JitPath path : paths()) EXPECT_EQ(JitKernel::compile(f->program(), path), nullptr);
  EXPECT_EQ(f->jit_kernel(), nullptr);
  const double x[3] = {0.5, 1.0, 2.0}, y[3] = {0.25, 1.5, -1.0};
  double v[3], gx[3], gy[3];
  f->evaluate_batch(x, y, 3, v, gx, gy);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(same(v[i], f->value({x[i], y[i]})));
    EXPECT_TRUE(same(gx[i], f->gradient({x[i], y[i]}).x));
    EXPECT_TRUE(same(gy[i], f->gradient({x[i], y[i]}).y));
  }
}

TEST(FormulaJit, AParameterChangedAfterCompilingIsUsedWithoutRecompiling) {
  auto f = compile_ok("a * x^2 + y^2 / a where a = 2");
  const JitKernel* kernel = f->jit_kernel();
  if (kernel == nullptr) GTEST_SKIP() << "no JIT on this machine";
  ASSERT_TRUE(f->set_parameter("a", -3.5));
  EXPECT_EQ(f->jit_kernel(), kernel);
  const double x[5] = {0.5, 1.0, -2.0, 0.0, 3.0}, y[5] = {0.25, 1.5, -1.0, 2.0, -0.0};
  double v[5], gx[5], gy[5];
  f->evaluate_batch(x, y, 5, v, gx, gy);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(v[i], -3.5 * x[i] * x[i] + y[i] * y[i] / -3.5);
    EXPECT_EQ(v[i], f->value({x[i], y[i]}));
    EXPECT_EQ(gx[i], f->gradient({x[i], y[i]}).x);
    EXPECT_EQ(gy[i], f->gradient({x[i], y[i]}).y);
  }
}

TEST(FormulaJit, TypedHimmelblausBasinMapIsTheInterpretersByteForByte) {
  auto f = compile_ok("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
  if (f->jit_kernel() == nullptr) GTEST_SKIP() << "no JIT on this machine";
  GradientDescent gd;
  ASSERT_EQ(gd.set_parameter("lr", 0.002).error(), "");
  BasinSettings settings;
  settings.grid = 48;
  settings.max_steps = 400;
  const auto map_with = [&](JitPath path) {
    f->use_jit_path(path);
    EXPECT_EQ(f->jit_kernel() != nullptr, path != JitPath::none);
    BasinMap map;
    compute_basins(*f, gd, settings, map);
    return map;
  };
  const BasinMap interpreted = map_with(JitPath::none);
  for (const JitPath path : paths()) {
    const BasinMap compiled = map_with(path);
    EXPECT_EQ(compiled.label, interpreted.label);
    EXPECT_EQ(compiled.steps, interpreted.steps);
    EXPECT_EQ(compiled.status, interpreted.status);
    ASSERT_EQ(compiled.end.size(), interpreted.end.size());
    for (std::size_t i = 0; i < compiled.end.size(); ++i) {
      EXPECT_TRUE(same(compiled.end[i].x, interpreted.end[i].x) && same(compiled.end[i].y, interpreted.end[i].y)) << i;
    }
    EXPECT_EQ(compiled.point_steps, interpreted.point_steps);
  }
}
