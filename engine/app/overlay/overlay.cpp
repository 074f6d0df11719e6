#include "engine/app/overlay/overlay.hpp"

#include "engine/app/overlay/axis_labels.hpp"
#include "engine/app/overlay/colour_bar.hpp"
#include "engine/app/overlay/overlay_text.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/term_legend.hpp"
#include "engine/app/ui/text_wrap.hpp"
#include "engine/render/basin_palette.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace losscape {
namespace {

// Top left, like a slide's title, wrapped short of the legend (whose left edge is `right`).
ScreenBox draw_title(const OverlayView& view, ImDrawList* draw, float right) {
  if (view.scene.title.empty()) return {};
  ImFont* font = view.fonts.title;
  const float pad = 0.4f * font->FontSize;
  const ImVec2 at(view.left + 2.0f * pad, 1.2f * pad);
  const float wrap = std::max(right - 2.0f * pad - at.x, 6.0f * font->FontSize);
  const std::string title = wrap_at_spaces(*font, font->FontSize, view.scene.title, wrap);
  const ImVec2 size = text_size(font, title.c_str());
  const OverlayInk ink = overlay_ink(view.look.theme);
  const ScreenBox box{ImVec2(at.x - pad, at.y - 0.5f * pad), ImVec2(at.x + size.x + pad, at.y + size.y + 0.5f * pad)};
  draw->AddRectFilled(box.min, box.max, ink.backdrop, pad);
  draw->AddText(font, font->FontSize, at, ink.ink, title.c_str());
  return box;
}

// Each annotation: a dot on its point of the terrain, a short leader line up to its label.
void draw_annotations(const OverlayView& view, ImDrawList* draw) {
  const CostFunction& cost = view.simulation.cost();
  const TerrainMapping& mapping = view.renderer.mapping();
  ImFont* font = view.fonts.text;
  const float unit = font->FontSize;
  const OverlayInk ink = overlay_ink(view.look.theme);
  for (const Annotation& a : view.scene.annotations) {
    const double f = a.f.value_or(cost.value(a.at));
    if (!std::isfinite(f)) continue;
    float x = 0.0f, y = 0.0f;
    if (!project_to_screen(view.camera, view.width, view.height, mapping.world(a.at, f), x, y)) continue;
    const ImVec2 anchor(x, y), text_at(x + 0.4f * unit, y - 2.6f * unit);
    draw->AddLine(anchor, ImVec2(text_at.x, text_at.y + unit), ink.faint_ink, std::max(1.5f, 0.1f * unit));
    draw->AddCircleFilled(anchor, 0.22f * unit, ink.ink);
    draw->AddCircle(anchor, 0.22f * unit, ink.halo, 0, std::max(1.0f, 0.06f * unit));
    text_on_backdrop(draw, font, text_at, a.text.c_str(), 0.35f * unit, ink);
  }
}

ScreenBox draw_slide_counter(const OverlayView& view, ImDrawList* draw) {
  if (view.slide.empty()) return {};
  ImFont* font = view.fonts.text;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImVec2 size = text_size(font, view.slide.c_str());
  return text_on_backdrop(
      draw, font, ImVec2(display.x - size.x - 1.2f * font->FontSize, display.y - size.y - 1.0f * font->FontSize),
      view.slide.c_str(), 0.35f * font->FontSize, overlay_ink(view.look.theme));
}

// Where the legend went, in window units: its left edge and its bottom (the display's right
// edge and top when there is none).
struct LegendBox {
  float left, bottom;
};

// Top right: each ordinary ball (one line per label) with its f and state, then the swarm's.
LegendBox draw_legend(const OverlayView& view) {
  const Simulation& simulation = view.simulation;
  std::vector<const Ball*> shown;
  for (const Ball& ball : simulation.balls()) {
    if (ball.swarm || std::any_of(shown.begin(), shown.end(), [&](const Ball* b) { return b->label == ball.label; }))
      continue;
    shown.push_back(&ball);
  }
  // A legend tells balls apart: one for a race (or one optimizer with several settings), or
  // for a single ball when asked (presenter mode: the ball's f, large).
  const bool balls = shown.size() > 1 || (view.every_legend && !shown.empty());
  // With the step terms drawn, their key too: presenter mode and pictures have no panel.
  const Ball* explained = view.look.show_terms ? explained_ball(simulation, view.explained_ball) : nullptr;
  const bool terms = explained && explained->status == BallStatus::running;
  if (!balls && !terms && simulation.swarm_size() == 0) return {ImGui::GetIO().DisplaySize.x, 0.0f};
  ImGui::PushFont(view.fonts.text);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float margin = 0.7f * view.fonts.text->FontSize;
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, viewport->WorkPos.y + margin),
                          ImGuiCond_Always, ImVec2(1, 0));
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##legend", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
  if (balls && ImGui::BeginTable("##balls", 3, ImGuiTableFlags_SizingFixedFit)) {
    // f's column as wide as this frame's widest value: fitted by the table to the last frame's, it
    // lagged a frame behind a value gaining a digit, which then ran into the step count.
    std::vector<std::array<char, 32>> values(shown.size());
    float widest = 0.0f;
    for (std::size_t i = 0; i < shown.size(); ++i) {
      std::snprintf(values[i].data(), values[i].size(), "f = %.4g", shown[i]->value);
      widest = std::max(widest, ImGui::CalcTextSize(values[i].data()).x);
    }
    ImGui::TableSetupColumn("##ball");
    ImGui::TableSetupColumn("##f", ImGuiTableColumnFlags_WidthFixed, widest);
    ImGui::TableSetupColumn("##step");
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const Ball* ball = shown[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      colour_swatch(("##l" + ball->label).c_str(), ball->colour);
      ImGui::SameLine();
      ImGui::TextUnformatted(ball->label.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(values[i].data());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", ball->status == BallStatus::running ? ("step " + std::to_string(ball->steps)).c_str()
                                                                    : status_text(*ball));
    }
    ImGui::EndTable();
  }
  if (simulation.swarm_size() > 0) {
    if (balls) ImGui::Separator();
    build_swarm_legend(simulation);
  }
  if (terms) {
    if (balls || simulation.swarm_size() > 0) ImGui::Separator();
    ImGui::TextDisabled("next step of %s", explained->label.c_str());
    term_legend(simulation.explain_next_step(*explained), false);
  }
  const LegendBox box{ImGui::GetWindowPos().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y};
  ImGui::End();
  ImGui::PopFont();
  return box;
}

}  // namespace

bool project_to_screen(const OrbitCamera& camera, int width, int height, glm::vec3 world, float& x, float& y) {
  if (width <= 0 || height <= 0) return false;
  const glm::vec4 clip = camera.projection(static_cast<float>(width) / static_cast<float>(height)) * camera.view() *
                         glm::vec4(world, 1.0f);
  if (clip.w <= 1e-6f) return false;
  const ImGuiIO& io = ImGui::GetIO();
  x = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(width) / io.DisplayFramebufferScale.x;
  y = (0.5f - clip.y / clip.w * 0.5f) * static_cast<float>(height) / io.DisplayFramebufferScale.y;
  return true;
}

void build_swarm_legend(const Simulation& simulation) {
  const SwarmCounts counts = simulation.swarm_counts();
  const MinimumCatalogue& minima = simulation.minima();
  const Optimizer* method = simulation.swarm_method();
  ImGui::Text("Swarm: %zu balls, %s", counts.total, method ? method->title().c_str() : "");
  // The most reached first. With many minima (Rastrigin's hundred) the lesson is the global
  // minimum's share against all the rest, so the legend says just that.
  std::vector<std::size_t> order;
  for (std::size_t m = 0; m < counts.per_minimum.size(); ++m) {
    if (counts.per_minimum[m]) order.push_back(m);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return counts.per_minimum[a] > counts.per_minimum[b]; });
  constexpr std::size_t kListed = 8;
  const bool many = order.size() > kListed;
  std::size_t rest = 0, others = 0;
  for (const std::size_t m : order) {
    if (many && !minima[m].global) {
      rest += counts.per_minimum[m];
      ++others;
      continue;
    }
    colour_swatch(("##swarm" + std::to_string(m)).c_str(), basin_colour(static_cast<std::int32_t>(m)));
    ImGui::SameLine();
    ImGui::Text("%5.1f%%  f = %-9.4g %-16s %s", share(counts.per_minimum[m], counts.total), minima[m].value,
                point_text(minima[m].position).c_str(), minima[m].global ? "global" : "");
  }
  if (others) ImGui::Text("        %5.1f%%  stuck in %zu other (local) minima", share(rest, counts.total), others);
  if (counts.running) {
    colour_swatch("##running", kRunningSwarmColour);
    ImGui::SameLine();
    ImGui::Text("%5.1f%%  still on the way", share(counts.running, counts.total));
  }
  if (counts.diverged) {
    colour_swatch("##diverged", basin_colour(kDiverged));
    ImGui::SameLine();
    ImGui::Text("%5.1f%%  diverged", share(counts.diverged, counts.total));
  }
  if (counts.other) ImGui::Text("        %5.1f%%  left the domain or undefined", share(counts.other, counts.total));
}

void build_overlay(const OverlayView& view) {
  ImDrawList* draw = ImGui::GetBackgroundDrawList();  // under the panel and the legend windows
  // The axes' values go under everything else (channel 0), but are laid out last, clear of the
  // title, the legend, the colour bar and the panel.
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  draw_annotations(view, draw);
  const LegendBox legend = draw_legend(view);
  const ScreenBox colour_bar = draw_colour_bar(view, draw, legend.bottom);
  // The title wraps short of the legend, and of the colour bar when that is at the top.
  const float title_right = colour_bar.empty() ? legend.left : std::min(legend.left, colour_bar.min.x);
  std::vector<ScreenBox> taken = {colour_bar, draw_title(view, draw, title_right), draw_slide_counter(view, draw)};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (legend.bottom > 0.0f) taken.push_back({ImVec2(legend.left, 0.0f), ImVec2(display.x, legend.bottom)});
  if (view.left > 0.0f) taken.push_back({ImVec2(0.0f, 0.0f), ImVec2(view.left, display.y)});  // the panel
  draw->ChannelsSetCurrent(0);
  draw_axis_labels(view, draw, taken);
  draw->ChannelsMerge();
}

}  // namespace losscape
