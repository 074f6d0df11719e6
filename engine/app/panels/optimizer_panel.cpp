#include "engine/app/panels/optimizer_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace losscape {

void OptimizerPanel::build(PanelContext& context) {
  build_optimizers(context);
  // A section of its own under the optimizers: their list is long, and the noise is every ball's.
  if (context.session.edited_scene().noise.active()) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::CollapsingHeader("Noise")) build_noise_controls(context);
}

void OptimizerPanel::build_optimizers(PanelContext& context) {
  if (!ImGui::CollapsingHeader("Optimizers", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextDisabled("tick several to race them from the same start");
  for (const std::string& name : optimizer_names()) {
    const Ball* ball = first_ball_of(context.session.simulation(), name);
    bool enabled = ball != nullptr;
    auto prototype = make_optimizer(name);
    ImGui::PushID(name.c_str());
    if (ImGui::Checkbox("##on", &enabled)) context.session.set_optimizer_enabled(name, enabled);
    ImGui::SameLine();
    if (ball) {
      colour_swatch("##colour", ball->colour);
      ImGui::SameLine();
    }
    ImGui::TextUnformatted(prototype->title().c_str());
    // One block of sliders per group of balls sharing this optimizer and a label: a scene may
    // race gradient descent against itself at three learning rates. The optimizer's parameter
    // table is the single source of the sliders.
    std::vector<const Ball*> groups;
    for (const Ball& b : context.session.simulation().balls()) {
      if (b.swarm || b.optimizer->name() != name) continue;
      if (std::none_of(groups.begin(), groups.end(), [&](const Ball* g) { return g->label == b.label; }))
        groups.push_back(&b);
    }
    for (const Ball* group : groups) {
      ImGui::PushID(group->label.c_str());
      ImGui::Indent();
      if (groups.size() > 1 || group->label != prototype->title()) {
        colour_swatch("##group", group->colour);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", group->label.c_str());
      }
      for (const ParameterSpec& spec : group->optimizer->parameter_table()) {
        double value = group->optimizer->parameter(spec.key);
        if (is_boolean(spec)) {  // torch's boolean options: off (0) or on (1)
          bool on = value != 0.0;
          if (ImGui::Checkbox(spec.key.c_str(), &on))
            context.session.set_parameter(name, group->label, spec.key, on ? 1.0 : 0.0);
          tooltip(spec.help.c_str());
          continue;
        }
        const double lo = spec.min_exclusive && spec.log_scale ? std::max(spec.min_value, 1e-6) : spec.min_value;
        const ImGuiSliderFlags flags =
            (spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_AlwaysClamp;
        const bool moved = ImGui::SliderScalar(spec.key.c_str(), ImGuiDataType_Double, &value, &lo, &spec.max_value,
                                               spec.whole ? "%.0f" : "%.4g", flags);
        if (spec.whole) value = std::round(value);  // L-BFGS's max_iter, history_size: counts
        if (moved && check_parameter(spec, value)) {
          context.session.set_parameter(name, group->label, spec.key, value);
        }
        tooltip(spec.help.c_str());
      }
      ImGui::Unindent();
      ImGui::PopID();
    }
    ImGui::PopID();
  }
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
