#pragma once
// Any method with an `lr` under a learning-rate schedule (schedule.hpp), as a torch training loop
// runs it: before each step the method's lr (and, for CyclicLR and OneCycleLR with
// cycle_momentum, its momentum or beta1) is set to the schedule's value for that step, then the
// method steps, then the schedule advances (optimizer.step(); scheduler.step()).
//
// The wrapper is the method to everything else: its name, title, parameter table and values are
// the method's, and its parameter values are the *base* ones (the ball's lr, which a slider
// moves); the wrapped method gets the scheduled ones. The step counter lives here, so reset()
// (a ball sent back to its start) starts the schedule again, and swarms, the preview ghost and
// basin maps, which all clone the ball's optimizer, run the schedule too (basin maps one start at
// a time: no lockstep lanes).
#include "engine/core/optimizer.hpp"
#include "engine/core/schedule.hpp"

namespace losscape {

class ScheduledOptimizer : public Optimizer {
 public:
  // Refused (one line) where the method has no lr, or where cycle_momentum=1 is written for a
  // method with no momentum (CyclicLR) or momentum/beta1 (OneCycleLR) to cycle.
  static Result<std::unique_ptr<Optimizer>> make(std::unique_ptr<Optimizer> method, const ScheduleSpec& spec);

  const std::vector<ParameterSpec>& parameter_table() const override { return method_->parameter_table(); }
  void reset() override;
  glm::dvec2 step(const CostFunction& cost, glm::dvec2 position) override;
  std::unique_ptr<Optimizer> clone() const override;
  glm::dvec2 velocity() const override { return method_->velocity(); }
  std::vector<Companion> companions() const override { return method_->companions(); }
  StepExplanation explain(const CostFunction& cost, glm::dvec2 position) const override;
  const Schedule* schedule() const override { return &schedule_; }
  // The method under the schedule (a panel looks through to it: Lookahead's inner method).
  const Optimizer& method() const { return *method_; }
  // The lr the next step uses.
  double scheduled_lr() const { return schedule_.lr(); }

 private:
  ScheduledOptimizer(std::unique_ptr<Optimizer> method, Schedule schedule, std::size_t lr, std::size_t cycled);
  // What step() does before the method steps: the method's values, its lr (and cycled momentum)
  // the schedule's for this step.
  void prepare_step();
  std::unique_ptr<Optimizer> method_;
  Schedule schedule_;
  std::size_t lr_index_;
  std::size_t cycled_index_;  // the momentum or beta1 a schedule cycles; npos: none
};

}  // namespace losscape
