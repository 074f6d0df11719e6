#include "engine/core/optimizers/scheduled.hpp"

#include <algorithm>

namespace losscape {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::size_t index_of(const std::vector<ParameterSpec>& table, const char* key) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].key == key) return i;
  return kNone;
}

}  // namespace

Result<std::unique_ptr<Optimizer>> ScheduledOptimizer::make(std::unique_ptr<Optimizer> method,
                                                            const ScheduleSpec& spec) {
  if (Status checked = check_schedule(spec); !checked) return Error{checked.error()};
  auto schedule = Schedule::make(spec);
  if (!schedule) return Error{schedule.error()};
  const auto& table = method->parameter_table();
  const std::size_t lr = index_of(table, "lr");
  if (lr == kNone) return Error{"schedule " + spec.name + ": optimizer '" + method->name() + "' has no lr to schedule"};
  std::size_t cycled = kNone;
  if (schedule->cycles_momentum()) {
    // torch's CyclicLR cycles `momentum` only; OneCycleLR `momentum`, or beta1 of `betas`.
    cycled = index_of(table, "momentum");
    if (cycled == kNone && spec.name == "OneCycleLR") cycled = index_of(table, "beta1");
    const bool written = std::any_of(spec.settings.begin(), spec.settings.end(),
                                     [](const auto& s) { return s.first == "cycle_momentum"; });
    // torch's SGD always has a momentum (0 by default) to cycle; `gd` here has none, so the
    // default cycle_momentum=1 leaves it alone. Written out, it is refused as torch refuses it.
    if (cycled == kNone && written) {
      return Error{"schedule " + spec.name + ": cycle_momentum=1 but optimizer '" + method->name() + "' has no " +
                   (spec.name == "OneCycleLR" ? "momentum or beta1" : "momentum") +
                   " to cycle (write cycle_momentum=0)"};
    }
  }
  return std::unique_ptr<Optimizer>(new ScheduledOptimizer(std::move(method), std::move(*schedule), lr, cycled));
}

ScheduledOptimizer::ScheduledOptimizer(std::unique_ptr<Optimizer> method, Schedule schedule, std::size_t lr,
                                       std::size_t cycled)
    : Optimizer(method->name(), method->title()),
      method_(std::move(method)),
      schedule_(std::move(schedule)),
      lr_index_(lr),
      cycled_index_(cycled) {
  init_parameters();
  for (std::size_t i = 0; i < method_->parameter_values().size(); ++i)
    set_scheduled_value(i, method_->parameter_values()[i]);
  schedule_.start(value_at(lr_index_));
}

void ScheduledOptimizer::reset() {
  method_->reset();
  schedule_.start(value_at(lr_index_));
}

void ScheduledOptimizer::prepare_step() {
  // The ball's lr moved (a slider) mid-run: the schedule as if it had started with it.
  if (value_at(lr_index_) != schedule_.ball_lr()) {
    const std::size_t steps = schedule_.step();
    schedule_.start(value_at(lr_index_));
    for (std::size_t i = 0; i < steps; ++i) schedule_.advance();
  }
  const auto& values = parameter_values();
  for (std::size_t i = 0; i < values.size(); ++i) method_->set_scheduled_value(i, values[i]);
  method_->set_scheduled_value(lr_index_, schedule_.lr());
  if (cycled_index_ != kNone && schedule_.momentum())
    method_->set_scheduled_value(cycled_index_, *schedule_.momentum());
}

glm::dvec2 ScheduledOptimizer::step(const CostFunction& cost, glm::dvec2 position) {
  prepare_step();
  const glm::dvec2 next = method_->step(cost, position);
  schedule_.advance();
  return next;
}

// The method's own explanation, with the values the next step will use (a copy, prepared as step()
// prepares the method): its lr line shows the scheduled lr, its new point is step()'s.
StepExplanation ScheduledOptimizer::explain(const CostFunction& cost, glm::dvec2 position) const {
  const std::unique_ptr<Optimizer> copy = clone();
  auto& scheduled = static_cast<ScheduledOptimizer&>(*copy);
  scheduled.prepare_step();
  return scheduled.method_->explain(cost, position);
}

std::unique_ptr<Optimizer> ScheduledOptimizer::clone() const {
  auto copy = std::unique_ptr<ScheduledOptimizer>(
      new ScheduledOptimizer(method_->clone(), schedule_, lr_index_, cycled_index_));
  for (std::size_t i = 0; i < parameter_values().size(); ++i) copy->set_scheduled_value(i, parameter_values()[i]);
  copy->schedule_ = schedule_;  // the constructor started it again; a clone keeps its place
  return copy;
}

}  // namespace losscape
