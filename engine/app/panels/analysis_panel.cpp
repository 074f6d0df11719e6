// "Why did it get stuck?": the panel's Local versus global minima section (swarm, basin map,
// statistics, learning-rate sweep), and what a minimum's pin says when the pointer rests on it.
#include "engine/app/panels/analysis_panel.hpp"

#include "engine/app/overlay/overlay.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/render/basin_palette.hpp"
#include "engine/render/minimum_markers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace losscape {
namespace {

const char* minimum_kind(const NamedMinimum& m) {
  if (m.known) return m.global ? "global minimum" : "local minimum";
  return m.global ? "lowest minimum found" : "minimum found";
}

}  // namespace

namespace {

// The distinct optimizers of the ordinary balls, in order.
std::vector<std::string> ball_optimizers(const Simulation& simulation) {
  std::vector<std::string> names;
  for (const Ball& ball : simulation.balls()) {
    if (!ball.swarm && std::find(names.begin(), names.end(), ball.optimizer->name()) == names.end()) {
      names.push_back(ball.optimizer->name());
    }
  }
  return names;
}

}  // namespace

void AnalysisPanel::build(PanelContext& context) {
  statistics_open = sweep_open = false;
  if (stability.scene_asks(context)) ImGui::SetNextItemOpen(true);
  if (!ImGui::CollapsingHeader("Local vs global minima")) return;
  // In a race, which optimizer the swarm and the maps follow.
  if (const std::vector<std::string> names = ball_optimizers(context.session.simulation()); names.size() > 1) {
    const Ball* ball = context.session.analysis_ball();
    const std::string current = ball ? ball->optimizer->name() : names.front();
    if (ImGui::BeginCombo("optimizer##analysis", current.c_str())) {
      for (const std::string& name : names) {
        if (ImGui::Selectable(name.c_str(), name == current)) context.session.set_analysis_optimizer(name);
      }
      ImGui::EndCombo();
    }
    tooltip("The optimizer (with its parameters above) that the swarm and the basin map use.");
  }
  build_swarm_controls(context);
  ImGui::Separator();
  build_basin_controls(context);
  statistics_open = true;
  build_statistics(context);
  sweep_open = ImGui::TreeNode("learning-rate sweep");
  if (sweep_open) {
    build_sweep_plot(context);
    ImGui::TreePop();
  }
  stability.build(context);
}

void AnalysisPanel::build_swarm_controls(PanelContext& context) {
  int count = static_cast<int>(swarm.count);
  ImGui::SetNextItemWidth(150.0f);
  if (ImGui::SliderInt("balls", &count, 10, static_cast<int>(kMaxSwarm), "%d",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
    swarm.count = static_cast<std::size_t>(count);
  }
  tooltip("How many balls the swarm launches (up to a million: above 10,000 on the GPU where it can).");
  ImGui::SameLine();
  static const char* const kLayouts[] = {"grid", "random", "Latin hypercube"};
  int layout = static_cast<int>(swarm.layout);
  ImGui::SetNextItemWidth(120.0f);
  if (ImGui::Combo("##layout", &layout, kLayouts, 3)) swarm.layout = static_cast<SwarmLayout>(layout);
  tooltip("grid: evenly spaced. random: uniform, from the seed.\n"
          "Latin hypercube: random, but one ball in every column and every row.");
  if (swarm.layout != SwarmLayout::grid) {
    int seed = static_cast<int>(swarm.seed);
    ImGui::SetNextItemWidth(150.0f);
    if (ImGui::InputInt("seed", &seed)) swarm.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    tooltip("The same seed gives the same starts, on every machine.");
  }
  if (ImGui::Button("Launch swarm")) context.session.launch_swarm(swarm);
  tooltip("S: every ball starts again, with the swarm spread over the whole domain.\n"
          "Each swarm ball takes the colour of the minimum it ends in.");
  if (context.session.simulation().swarm_size() > 0) {
    ImGui::SameLine();
    if (ImGui::Button("Clear swarm")) context.session.clear_swarm();
  }
}

void AnalysisPanel::build_basin_controls(PanelContext& context) {
  ViewSettings& view = context.view;
  // Shown whenever it is painted: as the overlay, or as the colours themselves (colour by basin).
  bool shown = basin_map_opacity(view).has_value();
  if (ImGui::Checkbox("basin map on the terrain", &shown)) toggle_basin_map(view);
  tooltip("B: paints each start point of the terrain in the colour of the minimum the optimizer\n"
          "reaches from there (black: diverges, grey: not converged within the step limit).");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f);
  float opacity = basin_map_opacity(view).value_or(view.basin_opacity);
  if (ImGui::SliderFloat("##opacity", &opacity, 0.0f, 1.0f, "opacity %.2f")) {
    // Colouring by basin is the map at full opacity: turned down, it is an overlay on height.
    if (view.colour_by == ColourBy::basin) {
      view.colour_by = ColourBy::height;
      view.show_basins = true;
    }
    view.basin_opacity = opacity;
  }
  static const int kGrids[] = {64, 128, 256, 512, 1024};
  int grid_index = 2;
  for (int i = 0; i < 5; ++i) grid_index = kGrids[i] == context.view.basin_grid ? i : grid_index;
  ImGui::SetNextItemWidth(110.0f);
  if (ImGui::Combo("starts##grid", &grid_index,
                   "64x64\0"
                   "128x128\0"
                   "256x256\0"
                   "512x512\0"
                   "1024x1024\0")) {
    context.view.basin_grid = kGrids[grid_index];
  }
  tooltip("How many starting points the map runs: one per texel of the overlay.");
  ImGui::SameLine();
  int steps = static_cast<int>(context.view.basin_steps);
  ImGui::SetNextItemWidth(110.0f);
  if (ImGui::SliderInt("step limit", &steps, 100, 20000, "%d",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
    context.view.basin_steps = static_cast<std::size_t>(steps);
  }
  tooltip("A start that has not converged after this many steps counts as 'not converged' (grey).");
  if (context.session.analysis().map_busy() || context.session.analysis().sweep_busy()) {
    const bool map = context.session.analysis().map_busy();
    char label[48];
    std::snprintf(
        label, sizeof label, "%s %.0f%%", map ? "basin map" : "sweep",
        100.0 * (map ? context.session.analysis().map_progress() : context.session.analysis().sweep_progress()));
    ImGui::ProgressBar(static_cast<float>(map ? context.session.analysis().map_progress()
                                              : context.session.analysis().sweep_progress()),
                       ImVec2(200.0f, 0.0f), label);
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) context.session.analysis().cancel();
    tooltip("Stop computing; the last finished map stays.");
  } else if (const BasinMap* map = context.session.analysis().map()) {
    ImGui::TextDisabled("%dx%d starts, %.2f s (%.0f M steps/s)", map->grid, map->grid, map->seconds,
                        static_cast<double>(map->point_steps) / std::max(map->seconds, 1e-9) / 1e6);
    if (context.session.analysis().cancelled()) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Recompute")) context.session.analysis().recompute();
    }
  } else if (context.session.analysis().cancelled()) {
    if (ImGui::SmallButton("Compute the basin map")) context.session.analysis().recompute();
  }
}

void AnalysisPanel::build_statistics(PanelContext& context) {
  const BasinMap* map = context.session.analysis().map();
  if (!map) {
    ImGui::TextDisabled("computing the basin map...");
    return;
  }
  const BasinStatistics& s = context.session.analysis().statistics();
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
  if (ImGui::BeginTable("statistics", 2, flags)) {
    auto row = [](const char* what, const char* help, const char* format, double value) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(what);
      tooltip(help);
      ImGui::TableNextColumn();
      ImGui::Text(format, value);
    };
    row(s.global_known ? "reach the global minimum" : "reach the lowest minimum found",
        "Share of the map's starts that end in the global minimum (any of them, if several).", "%.1f%%",
        100.0 * s.global_share);
    row("diverge", "Share of starts that fly off to infinity.", "%.1f%%", 100.0 * s.diverged_share);
    row("converge somewhere", "Share of starts that end in some minimum, global or not.", "%.1f%%",
        100.0 * s.converged_share);
    row("steps to converge (mean)", "Over the starts that converged.", "%.0f", s.mean_steps);
    row("steps to converge (median)", "Half the converging starts need fewer steps than this.", "%.0f", s.median_steps);
    ImGui::EndTable();
  }
  // Every minimum with its basin's share, in the overlay's colours.
  const std::size_t starts = map->label.size();
  int shown = 0;
  for (std::size_t m = 0; m < map->minima.size() && shown < 12; ++m) {
    const BasinMinimum& b = map->minima[m];
    if (b.starts == 0) continue;
    ++shown;
    colour_swatch(("##basin" + std::to_string(m)).c_str(), basin_colour(static_cast<std::int32_t>(m)));
    ImGui::SameLine();
    ImGui::Text("%5.1f%%  f = %-9.4g %s%s", share(b.starts, starts), b.value, point_text(b.position).c_str(),
                b.global ? "  global" : "");
  }
  const std::size_t others = static_cast<std::size_t>(
      std::count_if(map->minima.begin(), map->minima.end(), [](const BasinMinimum& b) { return b.starts > 0; }));
  if (others > 12) ImGui::TextDisabled("... and %zu more minima", others - 12);
}

void AnalysisPanel::build_sweep_plot(PanelContext& context) {
  const Ball* ball = context.session.analysis_ball();
  if (!ball || !BasinAnalysis::can_sweep(*ball->optimizer)) {
    ImGui::TextDisabled("this optimizer has no learning rate to sweep");
    return;
  }
  const std::vector<SweepPoint>& sweep = context.session.analysis().sweep();
  if (sweep.size() < 2) {
    ImGui::TextDisabled("sweeping the learning rate...");
    return;
  }
  // Share reaching the global minimum (gold) and diverging (red) against lr, log axis.
  const PlotArea plot = plot_area("sweep plot");
  const ImVec2 p0 = plot.min, p1 = plot.max;
  ImDrawList* draw = plot.draw;
  const double lo = std::log10(sweep.front().lr), hi = std::log10(sweep.back().lr);
  auto to_screen = [&](double lr, double fraction) {
    return ImVec2(p0.x + 6.0f + static_cast<float>((std::log10(lr) - lo) / (hi - lo)) * (plot.width() - 12.0f),
                  p1.y - 18.0f - static_cast<float>(fraction) * (plot.height() - 26.0f));
  };
  for (double f : {0.0, 0.5, 1.0}) {
    draw->AddLine(to_screen(sweep.front().lr, f), to_screen(sweep.back().lr, f), IM_COL32(255, 255, 255, 30));
  }
  const double lr = ball->optimizer->parameter("lr");
  if (lr >= sweep.front().lr && lr <= sweep.back().lr) {
    draw->AddLine(to_screen(lr, 0.0), to_screen(lr, 1.0), IM_COL32(255, 255, 255, 140), 1.5f);
  }
  const struct {
    ImU32 colour;
    double BasinStatistics::*field;
  } curves[] = {{IM_COL32(255, 199, 46, 255), &BasinStatistics::global_share},
                {IM_COL32(235, 80, 70, 255), &BasinStatistics::diverged_share}};
  for (const auto& curve : curves) {
    for (std::size_t i = 1; i < sweep.size(); ++i) {
      draw->AddLine(to_screen(sweep[i - 1].lr, sweep[i - 1].statistics.*curve.field),
                    to_screen(sweep[i].lr, sweep[i].statistics.*curve.field), curve.colour, 2.0f);
    }
  }
  char label[48];
  std::snprintf(label, sizeof label, "lr %.2g", sweep.front().lr);
  draw->AddText(ImVec2(p0.x + 6, p1.y - 16), IM_COL32(200, 200, 200, 200), label);
  std::snprintf(label, sizeof label, "%.2g", sweep.back().lr);
  draw->AddText(ImVec2(p1.x - 6 - ImGui::CalcTextSize(label).x, p1.y - 16), IM_COL32(200, 200, 200, 200), label);
  draw->AddText(ImVec2(p0.x + 6, p0.y + 2), IM_COL32(255, 199, 46, 230), "reach global min");
  draw->AddText(ImVec2(p0.x + 6 + ImGui::CalcTextSize("reach global min  ").x, p0.y + 2), IM_COL32(235, 80, 70, 230),
                "diverge");
  if (ImGui::IsItemHovered()) {
    // The nearest swept point to the pointer.
    const double at = lo + (ImGui::GetIO().MousePos.x - p0.x - 6.0f) / (plot.width() - 12.0f) * (hi - lo);
    const SweepPoint* nearest = &sweep.front();
    for (const SweepPoint& p : sweep) {
      if (std::abs(std::log10(p.lr) - at) < std::abs(std::log10(nearest->lr) - at)) nearest = &p;
    }
    ImGui::SetTooltip("lr = %.3g\nreach the global minimum: %.1f%%\ndiverge: %.1f%%\nmedian steps: %.0f", nearest->lr,
                      100.0 * nearest->statistics.global_share, 100.0 * nearest->statistics.diverged_share,
                      nearest->statistics.median_steps);
  }
  ImGui::TextDisabled("%zu rates x %dx%d starts; white: the current lr", sweep.size(),
                      context.session.analysis().sweep_grid, context.session.analysis().sweep_grid);
}

void AnalysisPanel::build_marker_tooltip(PanelContext& context, int width, int height) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!context.view.show_markers || io.WantCaptureMouse || width <= 0 || height <= 0) return;
  const glm::mat4 view_projection =
      context.rig.camera().projection(static_cast<float>(width) / static_cast<float>(height)) *
      context.rig.camera().view();
  const MinimumMarker* nearest = nullptr;
  float nearest_distance = 14.0f;  // pixels (window units)
  const auto markers =
      minimum_markers(context.session.simulation(), context.renderer.mapping(), context.view.ball_radius);
  for (const MinimumMarker& marker : markers) {
    const glm::vec4 clip = view_projection * glm::vec4(marker.head, 1.0f);
    if (clip.w <= 0.0f) continue;
    const float x = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(width) / io.DisplayFramebufferScale.x;
    const float y = (0.5f - clip.y / clip.w * 0.5f) * static_cast<float>(height) / io.DisplayFramebufferScale.y;
    const float distance = std::hypot(x - io.MousePos.x, y - io.MousePos.y);
    if (distance < nearest_distance) nearest = &marker, nearest_distance = distance;
  }
  if (!nearest) return;
  const NamedMinimum& m = context.session.simulation().minima()[nearest->index];
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(minimum_kind(m));
  ImGui::Text("f = %.8g", m.value);
  ImGui::Text("at %s", point_text(m.position).c_str());
  if (const BasinMap* map = context.session.analysis().map(); map && nearest->index < map->minima.size()) {
    ImGui::Text("basin: %.1f%% of the map's starts", share(map->minima[nearest->index].starts, map->label.size()));
  }
  const SwarmCounts counts = context.session.simulation().swarm_counts();
  if (counts.total > 0 && nearest->index < counts.per_minimum.size()) {
    ImGui::Text("reached by %.1f%% of the swarm", share(counts.per_minimum[nearest->index], counts.total));
  }
  ImGui::EndTooltip();
}

}  // namespace losscape
