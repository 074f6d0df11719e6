#include "engine/app/panels/stability_panel.hpp"

#include "engine/app/capture/screenshot_names.hpp"
#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/window/toasts.hpp"
#include "engine/sim/worker_threads.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace losscape {
namespace {

constexpr int kGrids[] = {64, 128, 256, 512};
constexpr double kEps[] = {1e-2, 1e-4, 1e-6, 1e-8};

// A combo of `items` ('\0'-separated), `width` wide, with its tooltip.
void choice(const char* label, int& index, const char* items, float width, const char* help) {
  ImGui::SetNextItemWidth(width);
  ImGui::Combo(label, &index, items);
  tooltip(help);
}

}  // namespace

void StabilityPanel::build_axis(const Optimizer& optimizer, const char* label, StabilityAxis& axis,
                                const std::string& other) {
  ImGui::PushID(label);
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120.0f);
  if (ImGui::BeginCombo("##key", axis.key.c_str())) {
    for (const ParameterSpec& spec : optimizer.parameter_table()) {
      if (spec.key == other) continue;
      auto candidate = default_stability_axis(optimizer, spec.key);
      if (candidate && ImGui::Selectable(spec.key.c_str(), spec.key == axis.key)) axis = *candidate;
    }
    ImGui::EndCombo();
  }
  tooltip("The parameter this axis varies (lr on a log scale; another on a log scale where its slider has one).");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80.0f);
  ImGui::InputDouble("##lo", &axis.lo, 0.0, 0.0, "%g");
  tooltip("Where the axis starts.");
  ImGui::SameLine();
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80.0f);
  ImGui::InputDouble("##hi", &axis.hi, 0.0, 0.0, "%g");
  tooltip("Where the axis ends.");
  ImGui::PopID();
}

std::string StabilityPanel::request_of(const PanelContext& context) {
  if (context.view.stability_axes.empty()) return {};
  // Asked again by another scene (or function) with the same axes.
  const CostFunction& cost = context.session.simulation().cost();
  return context.view.stability_axes + "\n" + cost.name() + "\n" + cost.formula();
}

void StabilityPanel::build(PanelContext& context) {
  const bool asked = scene_asks(context);
  asked_ = request_of(context);
  if (asked) ImGui::SetNextItemOpen(true);
  if (!ImGui::TreeNode("stability map")) return;
  const Ball* ball = context.session.analysis_ball();
  if (!ball) {
    ImGui::TextDisabled("no ball to map");
    ImGui::TreePop();
    return;
  }
  const Optimizer& optimizer = *ball->optimizer;
  if (optimizer_ != optimizer.name()) {  // another method: its own defaults
    optimizer_ = optimizer.name();
    const auto axes = default_stability_axes(optimizer);
    axes_ = axes ? *axes : StabilityAxes{};
    error_ = axes ? "" : axes.error();
  }
  if (asked) {  // the scene's axes, checked against this optimizer as --axes is
    auto axes = parse_stability_axes(optimizer, context.view.stability_axes);
    error_ = axes ? "" : "the scene's stability axes: " + axes.error();
    if (axes) {
      axes_ = *axes;
      start(context, *ball);
    }
  }
  if (error_.empty() || !axes_.x.key.empty()) {
    build_axis(optimizer, "x axis", axes_.x, axes_.y.key);
    build_axis(optimizer, "y axis", axes_.y, axes_.x.key);
  }
  choice("cells##stability", grid_index_, "64x64\0128x128\0256x256\0512x512\0", 90.0f,
         "Cells per side: each runs the optimizer with its own pair of values.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f);
  ImGui::SliderInt("steps##stability", &steps_, 100, 20000, "%d",
                   ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  tooltip("A cell that has not arrived after this many steps is grey.");
  ImGui::SameLine();
  choice("eps", eps_index_,
         "1e-2\0"
         "1e-4\0"
         "1e-6\0"
         "1e-8\0",
         70.0f, "Arrived when f - f* < eps (f(start) - f*): the gap to the minimum closed to this share.");
  const bool busy = job_ && job_->busy();
  if (busy) {
    char label[48];
    std::snprintf(label, sizeof label, "stability map %.0f%%", 100.0 * job_->progress());
    ImGui::ProgressBar(static_cast<float>(job_->progress()), ImVec2(200.0f, 0.0f), label);
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel##stability")) job_->cancel();
  } else if (ImGui::Button("Compute the stability map")) {
    start(context, *ball);
  }
  tooltip("Runs the optimizer from its ball's start once per cell, in the background.");
  if (!error_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", error_.c_str());
  show(context);
  ImGui::TreePop();
}

void StabilityPanel::start(PanelContext& context, const Ball& ball) {
  const Optimizer& optimizer = *ball.optimizer;
  char text[256];
  std::snprintf(text, sizeof text, "%s=%.17g:%.17g,%s=%.17g:%.17g", axes_.x.key.c_str(), axes_.x.lo, axes_.x.hi,
                axes_.y.key.c_str(), axes_.y.lo, axes_.y.hi);
  auto axes = parse_stability_axes(optimizer, text);  // the same checks as --axes
  if (!axes) {
    error_ = axes.error();
    return;
  }
  error_.clear();
  StabilitySettings settings;
  settings.axes = *axes;
  settings.grid = kGrids[std::clamp(grid_index_, 0, 3)];
  settings.start = ball.start;
  settings.eps = kEps[std::clamp(eps_index_, 0, 3)];
  settings.max_steps = static_cast<std::size_t>(steps_);
  // A core left to the frame loop, as the basin maps leave one; in slices, the caller's thread.
  settings.threads = kCanStartThreads ? std::max(1u, hardware_threads() - 1) : 1u;
  if (!job_) job_ = std::make_unique<BackgroundJob<Computed>>();
  std::shared_ptr<const CostFunction> cost = context.session.simulation().cost_ptr();
  std::shared_ptr<const Optimizer> prototype = optimizer.clone();
  const std::string heading = optimizer.title() + " on " + cost->title() + " from " + point_text(ball.start);
  std::shared_ptr<StabilityMapper> mapper;  // made on the task's first call, kept across slices
  job_->request([cost, prototype, settings, heading, mapper](Computed& out, const std::atomic<bool>& cancel,
                                                             std::atomic<double>& progress,
                                                             const TimeSlice& slice) mutable {
    if (!mapper) mapper = std::make_shared<StabilityMapper>(*cost, *prototype, settings, &cancel, &progress);
    const TaskEnd end = mapper->run(slice);
    if (end == TaskEnd::finished) out = Computed{mapper->finish(), heading, cost->name()};
    return end;
  });
}

void StabilityPanel::show(PanelContext& context) {
  if (job_) {
    if (auto computed = job_->take_result()) {
      shown_ = std::move(*computed);
      picture_ = stability_picture(shown_->map, shown_->heading);
      upload_nearest_texture(texture_, picture_.image);
      picture_.image.rgba = {};
      scroll_to_map_ = true;
    }
  }
  if (!shown_ || !texture_) return;
  const float full_width = static_cast<float>(picture_.image.width);
  const float width = std::min(ImGui::GetContentRegionAvail().x, full_width), scale = width / full_width;
  const ImVec2 corner = ImGui::GetCursorScreenPos();
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_.id())),
               ImVec2(width, static_cast<float>(picture_.image.height) * scale));
  // A new map comes into view: the section sits low in a tall panel, and a scene that asks for a
  // map opens it with nothing else changed on screen.
  if (scroll_to_map_) ImGui::SetScrollHereY(1.0f);
  scroll_to_map_ = false;
  if (ImGui::IsItemClicked()) window_open_ = true;
  describe_cell_under_pointer(corner, scale);
  ImGui::TextDisabled("%dx%d cells in %.2f s; click it for full size", shown_->map.grid, shown_->map.grid,
                      shown_->map.seconds);
  ImGui::SameLine();
  if (ImGui::SmallButton("Save PNG and CSV")) save(context);
  tooltip("Writes the picture (as --stability does) and each cell's row (as --stability-csv) to the current folder.");
  if (window_open_) {
    ImGui::SetNextWindowSize(ImVec2(full_width + 20.0f, static_cast<float>(picture_.image.height) + 40.0f),
                             ImGuiCond_Appearing);
    if (ImGui::Begin("Stability map", &window_open_, ImGuiWindowFlags_NoSavedSettings)) {
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_.id())),
                   ImVec2(full_width, static_cast<float>(picture_.image.height)));
      describe_cell_under_pointer(at, 1.0f);
    }
    ImGui::End();
  }
}

// The cell under the pointer, when the picture just drawn (at `corner`, `scale` times its size) is
// hovered: its two values and how its run ended.
void StabilityPanel::describe_cell_under_pointer(ImVec2 corner, float scale) const {
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const StabilityMap& map = shown_->map;
    const glm::ivec2 cell = picture_.cell_at(static_cast<int>((mouse.x - corner.x) / scale),
                                             static_cast<int>((mouse.y - corner.y) / scale));
    if (cell.x >= 0) {
      const std::size_t k = static_cast<std::size_t>(cell.y) * map.grid + static_cast<std::size_t>(cell.x);
      ImGui::SetTooltip("%s = %.4g\n%s = %.4g\n%s after %u steps\nf = %.6g", map.axes.x.key.c_str(),
                        map.axes.x.value(cell.x, map.grid), map.axes.y.key.c_str(), map.axes.y.value(cell.y, map.grid),
                        to_string(map.outcome[k]), map.steps[k], map.final_f[k]);
    }
  }
}

void StabilityPanel::save(PanelContext& context) {
  const std::string png = next_output_path(".", "stability-" + shown_->function, ".png");
  const std::string csv = png.substr(0, png.size() - 4) + ".csv";
  Status written = write_stability_png(png, shown_->map, shown_->heading);
  if (written) written = write_stability_csv(csv, shown_->map);
  context.toasts.show(written ? "saved " + png + " and " + csv : written.error(), !written);
}

}  // namespace losscape
