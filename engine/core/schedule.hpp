#pragma once
// Learning-rate schedules with torch.optim.lr_scheduler's (1.13) class names, keys and defaults,
// computed as torch computes them when stepped once per optimizer step: mostly *recursively*
// (each lr from the one before, get_lr's chainable form), so the numbers are torch's to the last
// bit or within a few ulps. One table (schedule_kinds()) names every schedule and its keys: the
// parser, the scene files, the command line and the panel all read it. Pure: no I/O.
//
// Text form, on the command line and in scene files: NAME[:KEY=VALUE,...], e.g.
// "CosineAnnealingLR:T_max=500", "MultiStepLR:milestones=100;250,gamma=0.5",
// "OneCycleLR:total_steps=400,anneal_strategy=linear".
#include "engine/core/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace losscape {

// How a key's value is written and checked.
enum class ScheduleValue {
  number,  // a real number in [min, max] (or (min, max] if min_exclusive)
  whole,   // a whole number in [min, max]: step counts, and torch's booleans as 0 or 1
  list,    // whole numbers >= min separated by ';' (MultiStepLR's milestones)
  choice,  // one of `choices` (CyclicLR's mode, OneCycleLR's anneal_strategy)
};

struct ScheduleKey {
  std::string key;  // torch's keyword
  ScheduleValue kind = ScheduleValue::number;
  // torch's default, written as in the text form; empty: none (required, or the ball's lr where
  // `ball_lr` says so).
  std::string default_value;
  double min_value = 0.0;
  double max_value = 1e300;
  bool min_exclusive = false;
  std::vector<std::string> choices;
  std::string help;  // one line: a tooltip, and --list-schedules
  // Where torch has no default: true if an absent value means the ball's lr (CyclicLR's base_lr,
  // OneCycleLR's max_lr), false if the key must be given.
  bool ball_lr = false;
  // What the panel writes when the schedule is picked and torch has no default (T_max=500).
  std::string suggested;

  bool required() const { return default_value.empty() && !ball_lr; }
};

struct ScheduleKind {
  std::string name;   // torch's class name, e.g. "CosineAnnealingLR"
  std::string title;  // one line: what it does
  std::vector<ScheduleKey> keys;
};

// Every schedule, in the panel's order.
const std::vector<ScheduleKind>& schedule_kinds();
const ScheduleKind* find_schedule_kind(std::string_view name);
std::vector<std::string> schedule_names();

// A schedule as written: its name and the keys given, values as text, in the order given.
struct ScheduleSpec {
  std::string name;
  std::vector<std::pair<std::string, std::string>> settings;
  bool operator==(const ScheduleSpec&) const = default;
};

// "NAME[:KEY=VALUE,...]" checked against the table: a mistyped name or key is refused with the
// valid ones named, a bad value with its range, a missing required key by name; all one line.
Result<ScheduleSpec> parse_schedule(std::string_view text);
// Checks a spec (from the panel or a file) as parse_schedule checks its text.
Status check_schedule(const ScheduleSpec& spec);
// The text form parse_schedule reads back to the same spec.
std::string format_schedule(const ScheduleSpec& spec);
// The spec the panel starts from when a schedule is picked: its required keys at their suggested
// values.
ScheduleSpec suggested_schedule(const ScheduleKind& kind);
// A key's value in the spec, or its default ("" if neither).
std::string schedule_value(const ScheduleSpec& spec, std::string_view key);

// A running schedule: the lr (and, for CyclicLR and OneCycleLR with cycle_momentum, the
// momentum or beta1) that each optimizer step uses. start() is torch's constructor (its initial
// step included); advance() is one scheduler.step() after an optimizer.step().
class Schedule {
 public:
  // A checked spec (check_schedule), or an error naming what is wrong.
  static Result<Schedule> make(const ScheduleSpec& spec);

  const ScheduleSpec& spec() const { return spec_; }
  // Starts again from step 0 with the ball's lr (torch: the optimizer's lr, initial_lr).
  void start(double ball_lr);
  void advance();
  std::size_t step() const { return step_; }  // scheduler.step() calls since start()
  double ball_lr() const { return ball_lr_; }
  double lr() const { return lr_; }
  // The momentum (or beta1) torch sets for this step where the schedule cycles it.
  std::optional<double> momentum() const { return momentum_; }
  bool cycles_momentum() const;

  // Steps enough to see the schedule's shape (the panel's plot): a cycle, the decays, the cosine.
  std::size_t natural_length() const;
  // The first `steps` learning rates from step 0 with the given ball lr: the panel's plot.
  std::vector<double> preview(double ball_lr, std::size_t steps) const;

 private:
  enum class Kind { step, multi_step, exponential, cosine, warm_restarts, linear, cyclic, one_cycle, warmup_cosine };
  Schedule() = default;
  double number(std::string_view key) const;
  void compute_closed_or_first();  // torch's value at last_epoch 0
  double cosine_recursive(double lr, double base, long epoch) const;
  void cyclic_values();
  void one_cycle_values();

  ScheduleSpec spec_;
  Kind kind_ = Kind::step;
  std::vector<double> numbers_;  // by key index in the kind's table; NaN: the ball's lr
  std::vector<long> milestones_;
  std::size_t choice_ = 0;  // mode / anneal_strategy index
  double ball_lr_ = 0.0;
  std::size_t step_ = 0;
  double lr_ = 0.0;
  std::optional<double> momentum_;
  // Warm restarts' T_cur and T_i.
  long t_cur_ = 0, t_i_ = 1;
};

}  // namespace losscape
