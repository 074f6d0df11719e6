// The one list of optimizers: command-line names map to factories here and nowhere else.
#include "engine/core/optimizer.hpp"
#include "engine/core/optimizers/adabelief.hpp"
#include "engine/core/optimizers/adadelta.hpp"
#include "engine/core/optimizers/adagrad.hpp"
#include "engine/core/optimizers/adam.hpp"
#include "engine/core/optimizers/adamax.hpp"
#include "engine/core/optimizers/annealing.hpp"
#include "engine/core/optimizers/asgd.hpp"
#include "engine/core/optimizers/gradient_descent.hpp"
#include "engine/core/optimizers/langevin.hpp"
#include "engine/core/optimizers/lbfgs.hpp"
#include "engine/core/optimizers/lion.hpp"
#include "engine/core/optimizers/nadam.hpp"
#include "engine/core/optimizers/newton.hpp"
#include "engine/core/optimizers/physical_ball.hpp"
#include "engine/core/optimizers/radam.hpp"
#include "engine/core/optimizers/rmsprop.hpp"
#include "engine/core/optimizers/rprop.hpp"
#include "engine/core/optimizers/sgd_momentum.hpp"
#include "engine/core/optimizers/signsgd.hpp"

#include <functional>
#include <utility>

namespace losscape {
namespace {

using Factory = std::function<std::unique_ptr<Optimizer>()>;

const std::vector<std::pair<std::string, Factory>>& registry() {
  static const std::vector<std::pair<std::string, Factory>> entries = {
      {"gd", [] { return std::make_unique<GradientDescent>(); }},
      {"momentum", [] { return std::make_unique<SgdMomentum>(false); }},
      {"nesterov", [] { return std::make_unique<SgdMomentum>(true); }},
      {"adagrad", [] { return std::make_unique<Adagrad>(); }},
      {"rmsprop", [] { return std::make_unique<RmsProp>(); }},
      {"adam", [] { return std::make_unique<Adam>(false); }},
      {"adamw", [] { return std::make_unique<Adam>(true); }},
      {"adamax", [] { return std::make_unique<Adamax>(); }},
      {"nadam", [] { return std::make_unique<NAdam>(); }},
      {"radam", [] { return std::make_unique<RAdam>(); }},
      {"adadelta", [] { return std::make_unique<Adadelta>(); }},
      {"asgd", [] { return std::make_unique<Asgd>(); }},
      {"rprop", [] { return std::make_unique<Rprop>(); }},
      {"lion", [] { return std::make_unique<Lion>(); }},
      {"signsgd", [] { return std::make_unique<SignSgd>(); }},
      {"signum", [] { return std::make_unique<Signum>(); }},
      {"adabelief", [] { return std::make_unique<AdaBelief>(); }},
      {"lbfgs", [] { return std::make_unique<Lbfgs>(); }},
      {"newton", [] { return std::make_unique<Newton>(); }},
      {"sgld", [] { return std::make_unique<Sgld>(); }},
      {"anneal", [] { return std::make_unique<Annealing>(); }},
      {"ball", [] { return std::make_unique<PhysicalBall>(); }},
  };
  return entries;
}

}  // namespace

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, factory] : registry()) out.push_back(name);
    return out;
  }();
  return names;
}

std::unique_ptr<Optimizer> make_optimizer(const std::string& name) {
  for (const auto& [entry_name, factory] : registry()) {
    if (entry_name == name) return factory();
  }
  return nullptr;
}

}  // namespace losscape
