// libFuzzer target: whatever a user types into the formula box (or passes to --function). The
// compiler must never crash, whatever the text, and what it refuses it names in one line; what compiles must evaluate
// anywhere (value, exact gradient and Hessian, one point at a time and batched) without undefined behaviour.
#include "engine/core/formula/formula_function.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

using namespace losscape;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto made = make_cost_function(text, nullptr);  // built-in names first, as the UI does
  if (!made) {
    require_one_error_line(made.error(), "make_cost_function");
    return 0;
  }
  const auto& cost = *made;
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double x[] = {0.0, 1.0, -2.5, 1e-300, 1e300, -inf, std::nan("")};
  const double y[] = {0.0, -1.0, 3.5, -1e-300, inf, 0.5, 2.0};
  constexpr std::size_t n = sizeof x / sizeof x[0];
  for (std::size_t i = 0; i < n; ++i) {
    (void)cost->value({x[i], y[i]});
    (void)cost->gradient({x[i], y[i]});
    (void)cost->hessian({x[i], y[i]});
  }
  double f[n], gx[n], gy[n];
  cost->evaluate_batch(x, y, n, f, gx, gy);
  if (auto* formula = dynamic_cast<FormulaFunction*>(cost.get()); formula && !formula->parameter_names().empty()) {
    formula->set_parameter(formula->parameter_names().front(), -inf);  // a slider dragged anywhere
    cost->evaluate_batch(x, y, n, f, gx, gy);
  }
  return 0;
}
