#pragma once
// Every method that offers lockstep lanes, with its option branches, on functions where its starts
// converge, find many minima, diverge, leave the domain or step where f is undefined: the cases
// on which the lanes must give exactly the scalar steps' numbers (the basin maps' lockstep in
// test_basins.cpp, the CPU's lane swarms in test_lane_swarm.cpp).
#include "engine/core/builtin_functions.hpp"
#include "engine/core/formula/formula_function.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

struct LaneCase {
  std::shared_ptr<CostFunction> cost;
  std::string optimizer;
  std::vector<std::pair<std::string, double>> parameters;
};

inline const std::vector<LaneCase>& lane_cases() {
  const std::shared_ptr<CostFunction> himmelblau = make_builtin_function("himmelblau");
  const auto typed = [](const std::string& text, Domain domain) {
    formula::CompileError error;
    std::shared_ptr<CostFunction> f = FormulaFunction::create(text, domain, error);
    EXPECT_NE(f, nullptr) << error.message;
    return f;
  };
  static const std::vector<LaneCase> cases = {
      {himmelblau, "gd", {{"lr", 0.01}}},                                     // converges
      {make_builtin_function("rastrigin"), "gd", {{"lr", 0.02}}},             // many minima
      {make_builtin_function("bowl"), "gd", {{"lr", 1.5}}},                   // diverges
      {make_builtin_function("saddle"), "gd", {{"lr", 0.05}}},                // leaves the domain
      {typed("sqrt(x) + y^2 + 0.1*x", {-2, 2, -2, 2}), "gd", {{"lr", 0.5}}},  // undefined half
      {typed("(x^2+y-11)^2+(x+y^2-7)^2", {-5, 5, -5, 5}), "gd", {{"lr", 0.01}}},
      {himmelblau, "momentum", {{"lr", 0.002}}},
      {make_builtin_function("six_hump_camel"), "momentum", {{"lr", 0.01}, {"weight_decay", 0.1}}},
      {make_builtin_function("saddle"), "nesterov", {{"lr", 0.02}}},
      {himmelblau, "nesterov", {{"lr", 0.002}, {"weight_decay", 0.05}}},
      {himmelblau, "adagrad", {{"lr", 0.5}}},
      {make_builtin_function("rosenbrock"), "adagrad", {{"lr", 0.1}, {"weight_decay", 0.01}}},
      {himmelblau, "rmsprop", {{"lr", 0.01}}},
      {make_builtin_function("bowl"), "rmsprop", {{"lr", 0.1}, {"weight_decay", 0.1}}},
      {himmelblau, "adam", {{"lr", 0.05}}},
      {make_builtin_function("booth"), "adam", {{"lr", 0.5}, {"weight_decay", 0.2}}},
      {typed("sqrt(x) + y^2 + 0.1*x", {-2, 2, -2, 2}), "adam", {{"lr", 0.3}}},
      {himmelblau, "adamw", {{"lr", 0.05}}},
      {himmelblau, "adamax", {{"lr", 0.05}}},
      {make_builtin_function("booth"), "adamax", {{"lr", 0.5}, {"weight_decay", 0.2}}},
      {himmelblau, "nadam", {{"lr", 0.05}}},
      {typed("sqrt(x) + y^2 + 0.1*x", {-2, 2, -2, 2}), "nadam", {{"lr", 0.3}, {"weight_decay", 0.1}}},
      {himmelblau, "radam", {{"lr", 0.05}}},
      {make_builtin_function("rosenbrock"), "radam", {{"lr", 0.01}, {"beta2", 0.9}, {"weight_decay", 0.1}}},
      {himmelblau, "adadelta", {{"lr", 10.0}}},
      {make_builtin_function("bowl"), "adadelta", {{"lr", 10.0}, {"rho", 0.5}, {"weight_decay", 0.1}}},
      {himmelblau, "asgd", {{"lr", 0.01}, {"t0", 100.0}}},
      {make_builtin_function("bowl"), "asgd", {{"lr", 1.5}}},  // diverges
      {himmelblau, "rprop", {{"lr", 0.05}}},
      {make_builtin_function("rastrigin"), "rprop", {{"lr", 0.1}, {"eta_minus", 0.3}, {"step_size_max", 1.0}}},
      {himmelblau, "lion", {{"lr", 0.02}}},
      {make_builtin_function("rosenbrock"), "lion", {{"lr", 0.01}, {"beta1", 0.5}, {"weight_decay", 0.1}}},
      {himmelblau, "signsgd", {{"lr", 0.02}}},
      {make_builtin_function("saddle"), "signsgd", {{"lr", 0.05}}},  // leaves the domain
      {himmelblau, "signum", {{"lr", 0.02}}},
      {make_builtin_function("rastrigin"), "signum", {{"lr", 0.05}, {"beta", 0.5}}},
      {himmelblau, "adabelief", {{"lr", 0.05}}},
      {make_builtin_function("booth"), "adabelief", {{"lr", 0.5}, {"eps", 1e-8}}},
      {himmelblau, "schedulefree_sgd", {{"lr", 0.01}}},
      {make_builtin_function("rastrigin"),
       "schedulefree_sgd",
       {{"lr", 0.02}, {"warmup_steps", 20.0}, {"weight_decay", 0.1}}},
      {himmelblau, "schedulefree_adamw", {{"lr", 0.05}}},
      {make_builtin_function("rosenbrock"),
       "schedulefree_adamw",
       {{"lr", 0.02}, {"warmup_steps", 50.0}, {"r", 1.0}, {"weight_decay", 0.01}}},
  };
  return cases;
}

}  // namespace losscape
