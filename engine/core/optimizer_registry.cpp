// The one list of optimizers: command-line names map to factories here and nowhere else.
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/adabelief.hpp"
#include "engine/core/optimizers/adadelta.hpp"
#include "engine/core/optimizers/adagrad.hpp"
#include "engine/core/optimizers/adam.hpp"
#include "engine/core/optimizers/adamax.hpp"
#include "engine/core/optimizers/annealing.hpp"
#include "engine/core/optimizers/asgd.hpp"
#include "engine/core/optimizers/bfgs.hpp"
#include "engine/core/optimizers/conjugate_gradient.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/core/optimizers/gradient_flow.hpp"
#include "engine/core/optimizers/langevin.hpp"
#include "engine/core/optimizers/lbfgs.hpp"
#include "engine/core/optimizers/lion.hpp"
#include "engine/core/optimizers/lookahead.hpp"
#include "engine/core/optimizers/nadam.hpp"
#include "engine/core/optimizers/nelder_mead.hpp"
#include "engine/core/optimizers/newton.hpp"
#include "engine/core/optimizers/physical_ball.hpp"
#include "engine/core/optimizers/radam.hpp"
#include "engine/core/optimizers/rmsprop.hpp"
#include "engine/core/optimizers/rprop.hpp"
#include "engine/core/optimizers/sam.hpp"
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
      {"sgld", OptimizerGroup::noise_driven, [] { return std::make_unique<Sgld>(); }},
      {"anneal", OptimizerGroup::noise_driven, [] { return std::make_unique<Annealing>(); }},
  };
  return entries;
}

// The methods that wrap another: their bare name, the method the bare name wraps, and a factory
// given the full name and the inner method.
struct Wrapper {
  std::string name, default_inner;
  std::unique_ptr<Optimizer> (*make)(std::string, std::unique_ptr<Optimizer>);
};

template <class Method>
std::unique_ptr<Optimizer> make_wrapper(std::string name, std::unique_ptr<Optimizer> inner) {
  return std::make_unique<Method>(std::move(name), std::move(inner));
}

const std::vector<Wrapper>& wrappers() {
  static const std::vector<Wrapper> entries = {
      // Lookahead's paper wraps Adam in its main experiments; SAM's Algorithm 1 wraps gradient descent.
      {"lookahead", "adam", &make_wrapper<Lookahead>},
      {"sam", "gd", &make_wrapper<Sam>},
  };
  return entries;
}

std::unique_ptr<Optimizer> make_base(const std::string& name) {
  for (const Entry& entry : registry()) {
    if (entry.name == name) return entry.factory();
  }
  return nullptr;
}

const Wrapper* find_wrapper(const std::string& name) {
  for (const Wrapper& w : wrappers()) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

const std::vector<std::string>& wrappable_optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Entry& entry : registry()) out.push_back(entry.name);
    return out;
  }();
  return names;
}

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = wrappable_optimizer_names();
    for (const Wrapper& w : wrappers()) out.push_back(w.name);
    return out;
  }();
  return names;
}

bool is_wrapper_name(const std::string& name) { return find_wrapper(name) != nullptr; }

std::unique_ptr<Optimizer> make_optimizer(const std::string& name) {
  const auto colon = name.find(':');
  const Wrapper* wrapper = find_wrapper(name.substr(0, colon));
  if (!wrapper) return colon == std::string::npos ? make_base(name) : nullptr;
  auto inner = make_base(colon == std::string::npos ? wrapper->default_inner : name.substr(colon + 1));
  return inner ? wrapper->make(name, std::move(inner)) : nullptr;
}

std::string unknown_optimizer(const std::string& name) {
  const auto colon = name.find(':');
  if (colon == std::string::npos || !find_wrapper(name.substr(0, colon))) {
    return "unknown optimizer '" + name + "' (valid: " + joined(optimizer_names()) + ")";
  }
  const std::string wrapper = name.substr(0, colon), inner = name.substr(colon + 1);
  const std::string valid = " (valid after '" + wrapper + ":': " + joined(wrappable_optimizer_names()) + ")";
  if (is_wrapper_name(inner.substr(0, inner.find(':'))))
    return "optimizer '" + name + "': a wrapper wraps a method that is not itself a wrapper" + valid;
  return "unknown optimizer '" + inner + "' inside '" + name + "'" + valid;
}

const std::vector<OptimizerGroup>& optimizer_groups() {
  static const std::vector<OptimizerGroup> groups = {OptimizerGroup::classic,      OptimizerGroup::adaptive,
                                                     OptimizerGroup::quasi_newton, OptimizerGroup::derivative_free,
                                                     OptimizerGroup::noise_driven, OptimizerGroup::wrapping};
  return groups;
}

const char* group_title(OptimizerGroup group) {
  switch (group) {
    case OptimizerGroup::classic: return "classic";
    case OptimizerGroup::adaptive: return "adaptive";
    case OptimizerGroup::quasi_newton: return "second-order and quasi-Newton";
    case OptimizerGroup::derivative_free: return "derivative-free";
    case OptimizerGroup::noise_driven: return "noise-driven";
    case OptimizerGroup::wrapping: return "wrapping another method";
  }
  return "";
}

std::optional<OptimizerGroup> optimizer_group(const std::string& name) {
  for (const Entry& entry : registry()) {
    if (entry.name == name) return entry.group;
  }
  if (find_wrapper(name.substr(0, name.find(':')))) return OptimizerGroup::wrapping;  // lookahead:adam too
  return std::nullopt;
}

std::vector<std::string> optimizer_names_in(OptimizerGroup group) {
  std::vector<std::string> out;
  for (const Entry& entry : registry()) {
    if (entry.group == group) out.push_back(entry.name);
  }
  if (group == OptimizerGroup::wrapping) {
    for (const Wrapper& w : wrappers()) out.push_back(w.name);
  }
  return out;
}

}  // namespace losscape
