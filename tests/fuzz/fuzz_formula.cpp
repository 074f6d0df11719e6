// libFuzzer target: whatever a user types into the formula box (or passes to --function). The
// compiler must never crash, whatever the text, and what it refuses it names in one line; what compiles must evaluate
// anywhere (value, exact gradient and Hessian, one point at a time and batched) without undefined behaviour, and
// its machine code (formula_jit.hpp), where it has some, must give the interpreter's bits.
#include "engine/core/formula/batch_evaluator.hpp"
#include "engine/core/formula/formula_function.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

using namespace losscape;

namespace {

// The JIT's results against the interpreter's: the same bits, or both NaN.
void require_jit_equals_interpreter(const FormulaFunction& formula, const double* x, const double* y, std::size_t n,
                                    const double* f, const double* gx, const double* gy) {
  if (formula.jit_kernel() == nullptr) return;
  std::vector<double> rf(n), rgx(n), rgy(n);
  formula::BatchEvaluator reference(formula.program(), formula.parameter_values());
  reference.evaluate(x, y, n, rf.data(), rgx.data(), rgy.data());
  const auto bits = [](double d) {
    std::uint64_t b = 0;
    std::memcpy(&b, &d, sizeof d);
    return b;
  };
  const auto same = [&](double a, double b) { return std::isnan(a) ? std::isnan(b) : bits(a) == bits(b); };
  for (std::size_t i = 0; i < n; ++i) {
    if (!same(f[i], rf[i]) || !same(gx[i], rgx[i]) || !same(gy[i], rgy[i])) {
      fuzz_check_failed("formula JIT", "differs from the interpreter at point " + std::to_string(i));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto made = make_cost_function(text, nullptr);  // built-in names first, as the UI does
  if (!made) {
    require_one_error_line(made.error(), "make_cost_function");
    return 0;
  }
  const auto& cost = *made;
  constexpr double inf = std::numeric_limits<double>::infinity();
  // 19 points: with AVX-512 (8 a vector) the machine code's loop runs twice and its tail once.
  const double x[] = {0.0,  1.0, -2.5, 1e-300, 1e300,   -inf,  std::nan(""), -0.0, 2.0, -1.5,
                      0.25, 7.0, -3.0, 1e-310, -1e-310, 100.0, -100.0,       0.5,  3.0};
  const double y[] = {0.0,  -1.0, 3.5,    -1e-300, inf, 0.5,   2.0,   1.0,  -0.0, 4.0,
                      -2.0, 0.1,  1e-310, -7.0,    3.0, -50.0, 1e300, -0.5, 2.5};
  constexpr std::size_t n = sizeof x / sizeof x[0];
  for (std::size_t i = 0; i < n; ++i) {
    (void)cost->value({x[i], y[i]});
    (void)cost->gradient({x[i], y[i]});
    (void)cost->hessian({x[i], y[i]});
  }
  double f[n], gx[n], gy[n];
  cost->evaluate_batch(x, y, n, f, gx, gy);
  auto* formula = dynamic_cast<FormulaFunction*>(cost.get());
  if (formula) require_jit_equals_interpreter(*formula, x, y, n, f, gx, gy);
  if (formula && !formula->parameter_names().empty()) {
    formula->set_parameter(formula->parameter_names().front(), -inf);  // a slider dragged anywhere
    cost->evaluate_batch(x, y, n, f, gx, gy);
    require_jit_equals_interpreter(*formula, x, y, n, f, gx, gy);
  }
  return 0;
}
