// The one list of optimizers: command-line names map to factories here and nowhere else.
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/adabelief.hpp"
#include "engine/core/optimizers/adadelta.hpp"
#include "engine/core/optimizers/adagrad.hpp"
#include "engine/core/optimizers/adam.hpp"
#include "engine/core/optimizers/adamax.hpp"
#include "engine/core/optimizers/asgd.hpp"
#include "engine/core/optimizers/bfgs.hpp"
#include "engine/core/optimizers/conjugate_gradient.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/core/optimizers/gradient_flow.hpp"
#include "engine/core/optimizers/lbfgs.hpp"
#include "engine/core/optimizers/lion.hpp"
#include "engine/core/optimizers/nadam.hpp"
#include "engine/core/optimizers/nelder_mead.hpp"
#include "engine/core/optimizers/newton.hpp"
#include "engine/core/optimizers/physical_ball.hpp"
#include "engine/core/optimizers/radam.hpp"
#include "engine/core/optimizers/rmsprop.hpp"
#include "engine/core/optimizers/rprop.hpp"
#include "engine/core/optimizers/schedule_free.hpp"
#include "engine/core/optimizers/sgd_momentum.hpp"
#include "engine/core/optimizers/shampoo.hpp"
#include "engine/core/optimizers/signsgd.hpp"
#include "engine/core/optimizers/sophia.hpp"

#include <functional>
#include <optional>
#include <utility>

namespace losscape {
namespace {

using Factory = std::function<std::unique_ptr<Optimizer>()>;

// One row per method: its command-line name, the panel's group it is listed under, its factory.
// The order is the panel's and --list-optimizers' within each group, and `--optimizer all`'s.
struct Entry {
  std::string name;
  OptimizerGroup group;
  Factory factory;
};

const std::vector<Entry>& registry() {
  static const std::vector<Entry> entries = {
      {"gd", OptimizerGroup::classic, [] { return std::make_unique<GradientDescent>(); }},
      {"momentum", OptimizerGroup::classic, [] { return std::make_unique<SgdMomentum>(false); }},
      {"nesterov", OptimizerGroup::classic, [] { return std::make_unique<SgdMomentum>(true); }},
      {"adagrad", OptimizerGroup::adaptive, [] { return std::make_unique<Adagrad>(); }},
      {"rmsprop", OptimizerGroup::adaptive, [] { return std::make_unique<RmsProp>(); }},
      {"adam", OptimizerGroup::adaptive, [] { return std::make_unique<Adam>(false); }},
      {"adamw", OptimizerGroup::adaptive, [] { return std::make_unique<Adam>(true); }},
      {"adamax", OptimizerGroup::adaptive, [] { return std::make_unique<Adamax>(); }},
      {"nadam", OptimizerGroup::adaptive, [] { return std::make_unique<NAdam>(); }},
      {"radam", OptimizerGroup::adaptive, [] { return std::make_unique<RAdam>(); }},
      {"adadelta", OptimizerGroup::adaptive, [] { return std::make_unique<Adadelta>(); }},
      {"asgd", OptimizerGroup::classic, [] { return std::make_unique<Asgd>(); }},
      {"rprop", OptimizerGroup::adaptive, [] { return std::make_unique<Rprop>(); }},
      {"lion", OptimizerGroup::adaptive, [] { return std::make_unique<Lion>(); }},
      {"signsgd", OptimizerGroup::adaptive, [] { return std::make_unique<SignSgd>(); }},
      {"signum", OptimizerGroup::adaptive, [] { return std::make_unique<Signum>(); }},
      {"adabelief", OptimizerGroup::adaptive, [] { return std::make_unique<AdaBelief>(); }},
      {"lbfgs", OptimizerGroup::quasi_newton, [] { return std::make_unique<Lbfgs>(); }},
      {"newton", OptimizerGroup::quasi_newton, [] { return std::make_unique<Newton>(); }},
      {"ball", OptimizerGroup::classic, [] { return std::make_unique<PhysicalBall>(); }},
      {"bfgs", OptimizerGroup::quasi_newton, [] { return std::make_unique<Bfgs>(); }},
      {"cg", OptimizerGroup::quasi_newton, [] { return std::make_unique<ConjugateGradient>(); }},
      {"neldermead", OptimizerGroup::derivative_free, [] { return std::make_unique<NelderMead>(); }},
      {"flow", OptimizerGroup::classic, [] { return std::make_unique<GradientFlow>(); }},
      {"schedulefree_sgd", OptimizerGroup::classic, [] { return std::make_unique<ScheduleFree>(false); }},
      {"schedulefree_adamw", OptimizerGroup::adaptive, [] { return std::make_unique<ScheduleFree>(true); }},
      {"sophia", OptimizerGroup::quasi_newton, [] { return std::make_unique<Sophia>(); }},
      {"shampoo", OptimizerGroup::adaptive, [] { return std::make_unique<Shampoo>(); }},
  };
  return entries;
}

}  // namespace

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Entry& entry : registry()) out.push_back(entry.name);
    return out;
  }();
  return names;
}

std::unique_ptr<Optimizer> make_optimizer(const std::string& name) {
  for (const Entry& entry : registry()) {
    if (entry.name == name) return entry.factory();
  }
  return nullptr;
}

const std::vector<OptimizerGroup>& optimizer_groups() {
  static const std::vector<OptimizerGroup> groups = {OptimizerGroup::classic, OptimizerGroup::adaptive,
                                                     OptimizerGroup::quasi_newton, OptimizerGroup::derivative_free,
                                                     OptimizerGroup::noise_driven};
  return groups;
}

const char* group_title(OptimizerGroup group) {
  switch (group) {
    case OptimizerGroup::classic: return "classic";
    case OptimizerGroup::adaptive: return "adaptive";
    case OptimizerGroup::quasi_newton: return "second-order and quasi-Newton";
    case OptimizerGroup::derivative_free: return "derivative-free";
    case OptimizerGroup::noise_driven: return "noise-driven";
  }
  return "";
}

std::optional<OptimizerGroup> optimizer_group(const std::string& name) {
  for (const Entry& entry : registry()) {
    if (entry.name == name) return entry.group;
  }
  return std::nullopt;
}

std::vector<std::string> optimizer_names_in(OptimizerGroup group) {
  std::vector<std::string> out;
  for (const Entry& entry : registry()) {
    if (entry.group == group) out.push_back(entry.name);
  }
  return out;
}

}  // namespace losscape
