#include "engine/core/schedule.hpp"

#include "engine/core/one_line.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numbers>

namespace losscape {
namespace {

constexpr double kPi = std::numbers::pi;  // Python's math.pi: the same double

ScheduleKey number_key(std::string key, std::string value, double min, bool exclusive, std::string help,
                       double max = 1e300) {
  return {std::move(key), ScheduleValue::number, std::move(value), min, max, exclusive, {}, std::move(help), false, ""};
}
ScheduleKey whole_key(std::string key, std::string value, double min, std::string help) {
  return {std::move(key), ScheduleValue::whole, std::move(value), min, 1e9, false, {}, std::move(help), false, ""};
}
ScheduleKey boolean_key(std::string key, std::string value, std::string help) {
  return {std::move(key), ScheduleValue::whole, std::move(value), 0.0, 1.0, false, {}, std::move(help), false, ""};
}
ScheduleKey required(ScheduleKey key, std::string suggested) {
  key.default_value.clear();
  key.suggested = std::move(suggested);
  return key;
}
ScheduleKey ball_lr(ScheduleKey key) {
  key.default_value.clear();
  key.ball_lr = true;
  return key;
}

// The order of the Kind enum in schedule.hpp.
const std::vector<ScheduleKind>& table() {
  static const std::vector<ScheduleKind> kinds = {
      {"StepLR",
       "multiplies lr by gamma every step_size steps",
       {required(whole_key("step_size", "", 1, "steps between the decays"), "100"),
        number_key("gamma", "0.1", 0.0, true, "the factor of each decay")}},
      {"MultiStepLR",
       "multiplies lr by gamma at each milestone",
       {required({"milestones",
                  ScheduleValue::list,
                  "",
                  1,
                  1e9,
                  false,
                  {},
                  "the steps where lr decays, e.g. 100;250",
                  false,
                  ""},
                 "100;200"),
        number_key("gamma", "0.1", 0.0, true, "the factor of each decay")}},
      {"ExponentialLR",
       "multiplies lr by gamma every step",
       {required(number_key("gamma", "", 0.0, true, "the factor of every step's decay"), "0.99")}},
      {"CosineAnnealingLR",
       "lr follows half a cosine from the ball's lr down to eta_min in T_max steps (and back up after)",
       {required(whole_key("T_max", "", 1, "steps from the ball's lr down to eta_min"), "500"),
        number_key("eta_min", "0", 0.0, false, "the lowest lr")}},
      {"CosineAnnealingWarmRestarts",
       "cosine annealing restarted every T_0 steps (SGDR), each period T_mult times the last",
       {required(whole_key("T_0", "", 1, "steps until the first restart"), "100"),
        whole_key("T_mult", "1", 1, "how much longer each period is than the last"),
        number_key("eta_min", "0", 0.0, false, "the lowest lr")}},
      {"LinearLR",
       "warm-up: lr grows linearly from start_factor to end_factor times the ball's lr in total_iters steps",
       {number_key("start_factor", "0.3333333333333333", 0.0, true, "the first step's fraction of the ball's lr", 1.0),
        number_key("end_factor", "1", 0.0, false, "the fraction of the ball's lr after total_iters steps", 1.0),
        whole_key("total_iters", "5", 1, "steps of the linear change")}},
      {"CyclicLR",
       "lr goes up and down between base_lr and max_lr (a triangle), cycle after cycle",
       {ball_lr(number_key("base_lr", "", 0.0, false, "the lowest lr (default: the ball's lr)")),
        required(number_key("max_lr", "", 0.0, true, "the highest lr"), "0.1"),
        whole_key("step_size_up", "2000", 1, "steps from base_lr up to max_lr"),
        ball_lr(whole_key("step_size_down", "", 1, "steps from max_lr down to base_lr (default: step_size_up)")),
        {"mode",
         ScheduleValue::choice,
         "triangular",
         0,
         0,
         false,
         {"triangular", "triangular2", "exp_range"},
         "triangular: every cycle alike; triangular2: each half as high; exp_range: height times gamma^step",
         false,
         ""},
        number_key("gamma", "1", 0.0, true, "exp_range's factor per step"),
        boolean_key("cycle_momentum", "1", "cycle the method's momentum between max_momentum and base_momentum"),
        number_key("base_momentum", "0.8", 0.0, false, "the momentum at the lr's peak", 1.0),
        number_key("max_momentum", "0.9", 0.0, false, "the momentum at base_lr", 1.0)}},
      {"OneCycleLR",
       "one cycle: lr warms up from max_lr/div_factor to max_lr, then anneals far below (super-convergence)",
       {ball_lr(number_key("max_lr", "", 0.0, true, "the peak lr (default: the ball's lr)")),
        required(whole_key("total_steps", "", 1, "steps in the cycle (the lr is held after it)"), "500"),
        number_key("pct_start", "0.3", 0.0, false, "the fraction of the cycle spent warming up", 1.0),
        {"anneal_strategy",
         ScheduleValue::choice,
         "cos",
         0,
         0,
         false,
         {"cos", "linear"},
         "the shape of each phase",
         false,
         ""},
        boolean_key("cycle_momentum", "1", "cycle the method's momentum (or beta1) between max and base_momentum"),
        number_key("base_momentum", "0.85", 0.0, false, "the momentum (or beta1) at the lr's peak", 1.0),
        number_key("max_momentum", "0.95", 0.0, false, "the momentum (or beta1) at the ends", 1.0),
        number_key("div_factor", "25", 0.0, true, "the first lr is max_lr / div_factor"),
        number_key("final_div_factor", "10000", 0.0, true, "the last lr is the first / final_div_factor"),
        boolean_key("three_phase", "0", "warm up, come back down symmetrically, then anneal (fast.ai's schedule)")}},
      {"SequentialLR",
       "warm-up then cosine: LinearLR for `warmup` steps, then CosineAnnealingLR (torch's SequentialLR of the two)",
       {required(whole_key("warmup", "", 1, "warm-up steps: LinearLR's total_iters and the milestone"), "50"),
        number_key("start_factor", "0.3333333333333333", 0.0, true, "the first step's fraction of the ball's lr", 1.0),
        required(whole_key("T_max", "", 1, "steps of the cosine after the warm-up"), "450"),
        number_key("eta_min", "0", 0.0, false, "the lowest lr")}},
  };
  return kinds;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::vector<std::string> key_names(const ScheduleKind& kind) {
  std::vector<std::string> names;
  for (const ScheduleKey& key : kind.keys) names.push_back(key.key);
  return names;
}

// The shortest text strtod reads back to the same double.
std::string shortest(double v) {
  char text[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {  // whole numbers as written: 10, not 1e+01
    std::snprintf(text, sizeof text, "%.0f", v);
    return text;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, v);
    if (std::strtod(text, nullptr) == v) break;
  }
  return text;
}

// A whole text read as a double; nullopt if it is not one number.
std::optional<double> read_number(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

std::string range_text(const ScheduleKey& key) {
  std::string range = std::string(key.min_exclusive ? "> " : ">= ") + shortest(key.min_value);
  if (key.max_value < 1e9) range += " and <= " + shortest(key.max_value);
  return range;
}

// One value against its key: "" if good, else what is wrong (without the key's name).
std::string value_problem(const ScheduleKey& key, const std::string& value) {
  if (key.kind == ScheduleValue::choice) {
    if (std::find(key.choices.begin(), key.choices.end(), value) != key.choices.end()) return "";
    return "must be one of " + join(key.choices) + ", got '" + one_line(value) + "'";
  }
  if (key.kind == ScheduleValue::list) {
    if (value.empty()) return "expected whole numbers separated by ';', e.g. 100;250";
    std::size_t from = 0;
    while (from <= value.size()) {
      const std::size_t to = std::min(value.find(';', from), value.size());
      const auto v = read_number(value.substr(from, to - from));
      if (!v || *v != std::floor(*v) || *v < key.min_value || *v > key.max_value)
        return "expected whole numbers >= " + shortest(key.min_value) + " separated by ';', got '" + one_line(value) +
               "'";
      from = to + 1;
    }
    return "";
  }
  const auto v = read_number(value);
  if (!v || !std::isfinite(*v)) return "expected a number, got '" + one_line(value) + "'";
  const bool boolean = key.kind == ScheduleValue::whole && key.min_value == 0.0 && key.max_value == 1.0;
  if (key.kind == ScheduleValue::whole && *v != std::floor(*v))
    return (boolean ? "must be 0 or 1, got " : "must be a whole number, got ") + one_line(value);
  const bool low = key.min_exclusive ? *v <= key.min_value : *v < key.min_value;
  if (low || *v > key.max_value)
    return boolean ? "must be 0 or 1, got " + one_line(value)
                   : "must be " + range_text(key) + ", got " + one_line(value);
  return "";
}

const ScheduleKey* find_key(const ScheduleKind& kind, std::string_view key) {
  for (const ScheduleKey& k : kind.keys)
    if (k.key == key) return &k;
  return nullptr;
}

// Python's % for a positive divisor: never negative.
long python_mod(long a, long b) { return ((a % b) + b) % b; }

}  // namespace

const std::vector<ScheduleKind>& schedule_kinds() { return table(); }

const ScheduleKind* find_schedule_kind(std::string_view name) {
  for (const ScheduleKind& kind : table())
    if (kind.name == name) return &kind;
  return nullptr;
}

std::vector<std::string> schedule_names() {
  std::vector<std::string> names;
  for (const ScheduleKind& kind : table()) names.push_back(kind.name);
  return names;
}

Status check_schedule(const ScheduleSpec& spec) {
  const ScheduleKind* kind = find_schedule_kind(spec.name);
  if (!kind) return Error{"unknown schedule '" + one_line(spec.name) + "' (valid: " + join(schedule_names()) + ")"};
  for (std::size_t i = 0; i < spec.settings.size(); ++i) {
    const auto& [key, value] = spec.settings[i];
    const ScheduleKey* row = find_key(*kind, key);
    if (!row) {
      return Error{"unknown key '" + one_line(key) + "' for schedule " + kind->name +
                   " (valid: " + join(key_names(*kind)) + ")"};
    }
    for (std::size_t j = 0; j < i; ++j)
      if (spec.settings[j].first == key) return Error{kind->name + ": " + key + " is given twice"};
    if (std::string problem = value_problem(*row, value); !problem.empty())
      return Error{kind->name + ": " + key + " " + problem};
  }
  for (const ScheduleKey& key : kind->keys) {
    if (key.required() && schedule_value(spec, key.key).empty())
      return Error{kind->name + ": " + key.key + " is required (e.g. " + key.key + "=" + key.suggested + ")"};
  }
  // Settings torch would divide by zero with (a ZeroDivisionError there, NaN here).
  auto made = Schedule::make(spec);
  if (!made) return Error{made.error()};
  return {};
}

Result<ScheduleSpec> parse_schedule(std::string_view text) {
  ScheduleSpec spec;
  const std::size_t colon = text.find(':');
  spec.name = std::string(text.substr(0, colon));
  if (colon != std::string_view::npos) {
    std::string_view rest = text.substr(colon + 1);
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::string_view item = rest.substr(0, comma);
      const std::size_t equals = item.find('=');
      if (equals == std::string_view::npos) {
        return Error{"schedule '" + one_line(text) + "': expected KEY=VALUE after the name, got '" + one_line(item) +
                     "' (e.g. CosineAnnealingLR:T_max=500)"};
      }
      spec.settings.emplace_back(std::string(item.substr(0, equals)), std::string(item.substr(equals + 1)));
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  if (Status checked = check_schedule(spec); !checked) return Error{checked.error()};
  return spec;
}

std::string format_schedule(const ScheduleSpec& spec) {
  std::string text = spec.name;
  for (std::size_t i = 0; i < spec.settings.size(); ++i)
    text += (i == 0 ? ":" : ",") + spec.settings[i].first + "=" + spec.settings[i].second;
  return text;
}

ScheduleSpec suggested_schedule(const ScheduleKind& kind) {
  ScheduleSpec spec{kind.name, {}};
  for (const ScheduleKey& key : kind.keys)
    if (key.required()) spec.settings.emplace_back(key.key, key.suggested);
  return spec;
}

std::string schedule_value(const ScheduleSpec& spec, std::string_view key) {
  for (const auto& [k, v] : spec.settings)
    if (k == key) return v;
  if (const ScheduleKind* kind = find_schedule_kind(spec.name))
    if (const ScheduleKey* row = find_key(*kind, key)) return row->default_value;
  return "";
}

Result<Schedule> Schedule::make(const ScheduleSpec& spec) {
  const ScheduleKind* kind = find_schedule_kind(spec.name);
  if (!kind) return Error{"unknown schedule '" + one_line(spec.name) + "' (valid: " + join(schedule_names()) + ")"};
  Schedule s;
  s.spec_ = spec;
  s.kind_ = static_cast<Kind>(kind - table().data());
  for (const ScheduleKey& key : kind->keys) {
    const std::string value = schedule_value(spec, key.key);
    double number = std::numeric_limits<double>::quiet_NaN();
    if (key.kind == ScheduleValue::choice) {
      number = static_cast<double>(std::find(key.choices.begin(), key.choices.end(), value) - key.choices.begin());
      s.choice_ = static_cast<std::size_t>(number);
    } else if (key.kind == ScheduleValue::list) {
      for (std::size_t from = 0; from <= value.size();) {
        const std::size_t to = std::min(value.find(';', from), value.size());
        s.milestones_.push_back(std::strtol(value.substr(from, to - from).c_str(), nullptr, 10));
        from = to + 1;
      }
    } else if (!value.empty()) {
      number = std::strtod(value.c_str(), nullptr);
    }
    s.numbers_.push_back(number);
  }
  if (s.kind_ == Kind::one_cycle) {
    // torch divides by each phase's length: a phase of no steps is a ZeroDivisionError there.
    const double total = s.number("total_steps"), pct = s.number("pct_start");
    const double end1 = pct * total - 1.0,
                 end2 = s.number("three_phase") != 0.0 ? 2.0 * pct * total - 2.0 : total - 1.0;
    if (end1 == 0.0 || end2 == end1 || (s.number("three_phase") != 0.0 && total - 1.0 == end2)) {
      return Error{"OneCycleLR: pct_start=" + shortest(pct) + " with total_steps=" + shortest(total) +
                   " gives a phase of no steps (torch divides by zero)"};
    }
  }
  s.start(1.0);
  return s;
}

double Schedule::number(std::string_view key) const {
  const auto& keys = table()[static_cast<std::size_t>(kind_)].keys;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].key == key) return numbers_[i];
  return std::numeric_limits<double>::quiet_NaN();
}

bool Schedule::cycles_momentum() const {
  return (kind_ == Kind::cyclic || kind_ == Kind::one_cycle) && number("cycle_momentum") != 0.0;
}

void Schedule::start(double ball_lr) {
  ball_lr_ = ball_lr;
  step_ = 0;
  momentum_.reset();
  switch (kind_) {
    case Kind::linear:  // LinearLR's get_lr at last_epoch 0
    case Kind::warmup_cosine: lr_ = ball_lr * number("start_factor"); break;
    case Kind::warm_restarts:
      t_cur_ = 0;
      t_i_ = static_cast<long>(number("T_0"));
      lr_ =
          number("eta_min") + (ball_lr - number("eta_min")) * (1 + std::cos(kPi * 0.0 / static_cast<double>(t_i_))) / 2;
      break;
    case Kind::cyclic: cyclic_values(); break;
    case Kind::one_cycle: one_cycle_values(); break;
    default:  // the others keep the optimizer's lr at last_epoch 0
      lr_ = ball_lr;
      break;
  }
}

// CosineAnnealingLR.get_lr's chainable form at last_epoch `epoch` > 0 (never its first step's
// closed form: that branch runs only when a scheduler is built with last_epoch > 0).
double Schedule::cosine_recursive(double lr, double base, long epoch) const {
  const double t_max = number("T_max"), eta_min = number("eta_min");
  const long t = static_cast<long>(t_max);
  if (python_mod(epoch - 1 - t, 2 * t) == 0) return lr + (base - eta_min) * (1 - std::cos(kPi / t_max)) / 2;
  const double e = static_cast<double>(epoch);
  return (1 + std::cos(kPi * e / t_max)) / (1 + std::cos(kPi * (e - 1) / t_max)) * (lr - eta_min) + eta_min;
}

void Schedule::advance() {
  ++step_;
  const long epoch = static_cast<long>(step_);
  const double e = static_cast<double>(epoch);
  switch (kind_) {
    case Kind::step:
      if (epoch % static_cast<long>(number("step_size")) == 0) lr_ = lr_ * number("gamma");
      break;
    case Kind::multi_step: {
      const auto count = std::count(milestones_.begin(), milestones_.end(), epoch);
      if (count > 0) lr_ = lr_ * std::pow(number("gamma"), static_cast<double>(count));
      break;
    }
    case Kind::exponential: lr_ = lr_ * number("gamma"); break;
    case Kind::cosine: lr_ = cosine_recursive(lr_, ball_lr_, epoch); break;
    case Kind::warm_restarts: {
      t_cur_ += 1;
      if (t_cur_ >= t_i_) {
        t_cur_ -= t_i_;
        t_i_ *= static_cast<long>(number("T_mult"));
      }
      const double eta_min = number("eta_min");
      lr_ = eta_min +
            (ball_lr_ - eta_min) * (1 + std::cos(kPi * static_cast<double>(t_cur_) / static_cast<double>(t_i_))) / 2;
      break;
    }
    case Kind::linear: {
      const double start = number("start_factor"), end = number("end_factor"), total = number("total_iters");
      if (e <= total) lr_ = lr_ * (1. + (end - start) / (total * start + (e - 1) * (end - start)));
      break;
    }
    case Kind::cyclic: cyclic_values(); break;
    case Kind::one_cycle:
      // torch raises past total_steps; here the last lr it gives is held.
      if (e <= number("total_steps")) one_cycle_values();
      break;
    case Kind::warmup_cosine: {
      const long warmup = static_cast<long>(number("warmup"));
      if (epoch < warmup) {  // LinearLR to end_factor 1 in `warmup` steps
        const double start = number("start_factor"), total = static_cast<double>(warmup);
        lr_ = lr_ * (1. + (1.0 - start) / (total * start + (e - 1) * (1.0 - start)));
      } else if (epoch == warmup) {  // SequentialLR's scheduler.step(0): the closed form at 0
        const double eta_min = number("eta_min");
        lr_ = eta_min + (ball_lr_ - eta_min) * (1 + std::cos(kPi * 0.0 / number("T_max"))) / 2;
      } else {
        lr_ = cosine_recursive(lr_, ball_lr_, epoch - warmup);
      }
      break;
    }
  }
}

void Schedule::cyclic_values() {
  const double up = number("step_size_up");
  const double down = std::isnan(number("step_size_down")) ? up : number("step_size_down");
  const double total_size = up + down, step_ratio = up / total_size;
  const double e = static_cast<double>(step_);
  const double cycle = std::floor(1 + e / total_size);
  const double x = 1. + e / total_size - cycle;
  const double scale_factor = x <= step_ratio ? x / step_ratio : (x - 1) / (step_ratio - 1);
  double scale = 1.0;  // triangular
  if (choice_ == 1) scale = 1 / std::pow(2., cycle - 1);
  if (choice_ == 2) scale = std::pow(number("gamma"), e);
  const double base = std::isnan(number("base_lr")) ? ball_lr_ : number("base_lr");
  const double base_height = (number("max_lr") - base) * scale_factor;
  lr_ = base + base_height * scale;
  if (cycles_momentum()) {
    const double max_momentum = number("max_momentum");
    momentum_ = max_momentum - (max_momentum - number("base_momentum")) * scale_factor * scale;
  }
}

void Schedule::one_cycle_values() {
  const double max_lr = std::isnan(number("max_lr")) ? ball_lr_ : number("max_lr");
  const double total = number("total_steps"), pct_start = number("pct_start");
  const double initial_lr = max_lr / number("div_factor");
  const double min_lr = initial_lr / number("final_div_factor");
  const double max_m = number("max_momentum"), base_m = number("base_momentum");
  struct Phase {
    double end_step, start_lr, end_lr, start_momentum, end_momentum;
  };
  std::vector<Phase> phases;
  if (number("three_phase") != 0.0) {
    phases = {{pct_start * total - 1, initial_lr, max_lr, max_m, base_m},
              {2 * pct_start * total - 2, max_lr, initial_lr, base_m, max_m},
              {total - 1, initial_lr, min_lr, max_m, max_m}};
  } else {
    phases = {{pct_start * total - 1, initial_lr, max_lr, max_m, base_m}, {total - 1, max_lr, min_lr, base_m, max_m}};
  }
  const bool cosine = choice_ == 0;
  const auto anneal = [cosine](double start, double end, double pct) {
    if (!cosine) return (end - start) * pct + start;
    const double cos_out = std::cos(kPi * pct) + 1;
    return end + (start - end) / 2.0 * cos_out;
  };
  const double step_num = static_cast<double>(step_);
  double start_step = 0;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const Phase& phase = phases[i];
    if (step_num <= phase.end_step || i == phases.size() - 1) {
      const double pct = (step_num - start_step) / (phase.end_step - start_step);
      lr_ = anneal(phase.start_lr, phase.end_lr, pct);
      if (cycles_momentum()) momentum_ = anneal(phase.start_momentum, phase.end_momentum, pct);
      break;
    }
    start_step = phase.end_step;
  }
}

std::size_t Schedule::natural_length() const {
  const auto n = [this](std::string_view key) { return static_cast<std::size_t>(number(key)); };
  switch (kind_) {
    case Kind::step: return 4 * n("step_size");
    case Kind::multi_step:
      return static_cast<std::size_t>(*std::max_element(milestones_.begin(), milestones_.end())) * 5 / 4;
    case Kind::exponential: return 500;
    case Kind::cosine: return n("T_max");
    case Kind::warm_restarts: return n("T_0") * std::min<std::size_t>(1 + n("T_mult") + n("T_mult") * n("T_mult"), 20);
    case Kind::linear: return std::max<std::size_t>(2 * n("total_iters"), 50);
    case Kind::cyclic: {
      const std::size_t up = n("step_size_up");
      return 2 * (up + (std::isnan(number("step_size_down")) ? up : n("step_size_down")));
    }
    case Kind::one_cycle: return n("total_steps");
    case Kind::warmup_cosine: return n("warmup") + n("T_max");
  }
  return 500;
}

std::vector<double> Schedule::preview(double ball_lr, std::size_t steps) const {
  Schedule copy = *this;
  copy.start(ball_lr);
  std::vector<double> lrs;
  lrs.reserve(steps);
  for (std::size_t i = 0; i < steps; ++i) {
    lrs.push_back(copy.lr());
    copy.advance();
  }
  return lrs;
}

}  // namespace losscape
