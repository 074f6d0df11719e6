#include "engine/app/panels/optimizer_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/core/optimizers/scheduled.hpp"
#include "engine/core/optimizers/wrapper.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace losscape {
namespace {

// Whether a ball belongs in the panel's row for `name`: a wrapper's row holds its balls over any
// inner method (lookahead:momentum under lookahead). Swarm members have no row: see rowed_balls().
bool in_row(const Ball& b, const std::string& name) {
  const std::string& n = b.optimizer->name();
  return n == name || (is_wrapper_name(name) && n.compare(0, name.size() + 1, name + ":") == 0);
}

// The balls that can have a row: all but swarm members. The rows ask about them for each of some
// forty methods every frame, so the members are let go once a frame, here: with a 10,000-ball
// swarm, walking every ball for each method cost about 1 ms a frame.
std::vector<const Ball*> rowed_balls(const std::vector<Ball>& balls) {
  std::vector<const Ball*> rowed;
  for (const Ball& b : balls) {
    if (!b.swarm) rowed.push_back(&b);
  }
  return rowed;
}

}  // namespace

void OptimizerPanel::build(PanelContext& context) {
  build_optimizers(context);
  // A section of its own under the optimizers: their list is long, and the noise is every ball's.
  if (context.session.edited_scene().noise.active()) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::CollapsingHeader("Noise")) build_noise_controls(context);
}

void OptimizerPanel::build_optimizers(PanelContext& context) {
  if (!ImGui::CollapsingHeader("Optimizers", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextDisabled("tick several to race them from the same start");
  // Under the registry's group headings (classic, adaptive, ...): thirty-odd methods are too long a
  // list to scroll past, so a group is open where the scene uses one of its methods, and opens
  // again when a new scene brings one; the others stay closed until clicked.
  const std::vector<const Ball*> balls = rowed_balls(context.session.simulation().balls());
  const auto uses = [&](const std::string& name) {
    return std::any_of(balls.begin(), balls.end(), [&](const Ball* b) { return in_row(*b, name); });
  };
  std::vector<OptimizerGroup> in_use;
  for (const OptimizerGroup group : optimizer_groups()) {
    const std::vector<std::string> names = optimizer_names_in(group);
    if (std::any_of(names.begin(), names.end(), uses)) in_use.push_back(group);
  }
  const bool newly_used = in_use != groups_in_use;
  groups_in_use = in_use;
  for (const OptimizerGroup group : optimizer_groups()) {
    const std::vector<std::string> names = optimizer_names_in(group);
    if (names.empty()) continue;
    const bool used = std::find(in_use.begin(), in_use.end(), group) != in_use.end();
    if (newly_used && used) ImGui::SetNextItemOpen(true);
    if (!ImGui::TreeNode(group_title(group))) continue;
    for (const std::string& name : names) build_optimizer(context, name, balls);
    ImGui::TreePop();
  }
}

void OptimizerPanel::build_optimizer(PanelContext& context, const std::string& name,
                                     const std::vector<const Ball*>& balls) {
  const auto in_this_row = [&](const Ball* b) { return in_row(*b, name); };
  const auto first = std::find_if(balls.begin(), balls.end(), in_this_row);
  const Ball* ball = first == balls.end() ? nullptr : *first;
  bool enabled = ball != nullptr;
  auto prototype = make_optimizer(name);
  ImGui::PushID(name.c_str());
  if (ImGui::Checkbox("##on", &enabled)) {
    if (enabled) context.session.set_optimizer_enabled(name, true);
    for (const Ball* b : balls) {  // off: every inner method's balls go
      if (!enabled && in_row(*b, name)) context.session.set_optimizer_enabled(b->optimizer->name(), false);
    }
  }
  ImGui::SameLine();
  if (ball) {
    colour_swatch("##colour", ball->colour);
    ImGui::SameLine();
  }
  // A wrapper's title names what it wraps: its first ball's method, else the bare name's.
  ImGui::TextUnformatted((ball ? ball->optimizer : prototype)->title().c_str());
  // One block of sliders per group of balls sharing this optimizer and a label: a scene may
  // race gradient descent against itself at three learning rates. The optimizer's parameter
  // table is the single source of the sliders.
  std::vector<const Ball*> groups;
  for (const Ball* b : balls) {
    if (!in_row(*b, name)) continue;
    if (std::none_of(groups.begin(), groups.end(), [&](const Ball* g) {
          return g->label == b->label && g->optimizer->name() == b->optimizer->name();
        }))
      groups.push_back(b);
  }
  for (const Ball* group : groups) {
    const std::string& group_name = group->optimizer->name();  // lookahead:momentum, in a wrapper's row
    ImGui::PushID((group_name + "/" + group->label).c_str());
    ImGui::Indent();
    if (groups.size() > 1 || group->label != group->optimizer->title()) {
      colour_swatch("##group", group->colour);
      ImGui::SameLine();
      ImGui::TextDisabled("%s", group->label.c_str());
    }
    const Optimizer* method = group->optimizer.get();  // under a schedule, the method it schedules
    if (const auto* scheduled = dynamic_cast<const ScheduledOptimizer*>(method)) method = &scheduled->method();
    if (const auto* wrapper = dynamic_cast<const WrapperOptimizer*>(method)) {
      // The method it wraps: its parameters follow the wrapper's own below.
      const std::string& inner = wrapper->inner().name();
      if (ImGui::BeginCombo("wraps", inner.c_str())) {
        for (const std::string& candidate : wrappable_optimizer_names()) {
          if (ImGui::Selectable(candidate.c_str(), candidate == inner) && candidate != inner)
            context.session.set_inner_method(group_name, group->label, candidate);
        }
        ImGui::EndCombo();
      }
      tooltip("the method Lookahead or SAM wraps (the name lookahead:INNER in scene files and on the command line)");
    }
    for (const ParameterSpec& spec : group->optimizer->parameter_table()) {
      double value = group->optimizer->parameter(spec.key);
      if (is_boolean(spec)) {  // torch's boolean options: off (0) or on (1)
        bool on = value != 0.0;
        if (ImGui::Checkbox(spec.key.c_str(), &on))
          context.session.set_parameter(group_name, group->label, spec.key, on ? 1.0 : 0.0);
        tooltip(spec.help.c_str());
        continue;
      }
      const double lo = spec.min_exclusive && spec.log_scale ? std::max(spec.min_value, 1e-6) : spec.min_value;
      const ImGuiSliderFlags flags = (spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_AlwaysClamp;
      const bool moved = ImGui::SliderScalar(spec.key.c_str(), ImGuiDataType_Double, &value, &lo, &spec.max_value,
                                             spec.whole ? "%.0f" : "%.4g", flags);
      if (spec.whole) value = std::round(value);  // L-BFGS's max_iter, history_size: counts
      if (moved && check_parameter(spec, value)) {
        context.session.set_parameter(group_name, group->label, spec.key, value);
      }
      tooltip(spec.help.c_str());
    }
    schedules[group_name + "\n" + group->label].build(context, group_name, *group);
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::PopID();
}

void OptimizerPanel::build_noise_controls(PanelContext& context) {
  GradientNoise noise = context.session.edited_scene().noise;
  bool changed = false;
  double sigma = noise.sigma;
  static constexpr double kNoSigma = 0.0, kMaxSigma = 100.0;
  if (ImGui::SliderScalar("sigma", ImGuiDataType_Double, &sigma, &kNoSigma, &kMaxSigma, "%.3g",
                          ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
    noise.sigma = sigma;
    changed = true;
  }
  tooltip("Gradient noise: every gradient an optimizer sees gets + sigma * N(0, I),\n"
          "one draw per ball and step (0: none). The balls start again.");
  // Whole numbers up to 2^31 here (an ImGui int); files and --seed take up to 2^53.
  int seed = static_cast<int>(std::min<std::uint64_t>(noise.seed, std::numeric_limits<int>::max()));
  ImGui::SetNextItemWidth(150.0f);
  if (ImGui::InputInt("seed", &seed)) {
    noise.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    changed = true;
  }
  tooltip("Seeds the gradient noise, the minibatches and the draws of sgld and anneal:\n"
          "the same seed gives the same run, on every machine.");
  if (const auto* data = dynamic_cast<const SampledCost*>(&context.session.simulation().cost())) {
    const int samples = static_cast<int>(std::min<std::size_t>(data->sample_count(), 1'000'000));
    int batch = static_cast<int>(noise.batch_size.value_or(static_cast<std::size_t>(samples)));
    if (ImGui::SliderInt("batch size", &batch, 1, samples, "%d", ImGuiSliderFlags_AlwaysClamp)) {
      noise.batch_size = batch >= samples ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(batch));
      changed = true;
    }
    tooltip("Minibatches: each step sees the mean over this many of the data's points,\n"
            "drawn without replacement (all of them: the full cost).");
  }
  if (changed) context.session.set_noise(noise);
}

}  // namespace losscape
