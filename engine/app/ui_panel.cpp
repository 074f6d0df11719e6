// The ImGui panel, legend and toasts of the interactive app. Only engine/app touches ImGui.
#include "engine/app/imgui_helpers.hpp"
#include "engine/app/interactive_app.hpp"
#include "engine/app/overlay.hpp"
#include "engine/app/ui_theme.hpp"
#include "engine/core/builtin_functions.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscape {
namespace {

// The value the loss plot shows: f, or on the log scale f - f* (distance to the best value).
double plotted(double f, bool log_scale, double reference) {
  if (!log_scale) return f;
  return std::log10(std::max(f - reference, 1e-16));
}

}  // namespace

void InteractiveApp::build_ui() {
  int width = 0, height = 0;
  surface_->framebuffer_size(width, height);
  std::string slide;
  if (presentation_.size() > 1)
    slide = std::to_string(presentation_.index() + 1) + " / " + std::to_string(presentation_.size());
  build_overlay({*simulation_, scene_, renderer_, camera_, render_options_, width, height, fonts_,
                 renderer_.colormap_texture(render_options_.colormap), slide, presenter_,
                 show_ui_ ? panel_right_ : 0.0f});
  build_toasts();
  build_marker_tooltip(width, height);
  build_help_overlay();
  if (show_ui_) build_panel();
}

void InteractiveApp::build_panel() {
  ImGui::SetNextWindowPos(ImVec2(12, 12), ImGuiCond_FirstUseEver);
  // Never taller than the window: with many optimizers ticked the panel scrolls instead.
  const float max_height = ImGui::GetMainViewport()->WorkSize.y - 24.0f;
  ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(460, std::max(max_height, 200.0f)));
  ImGui::SetNextWindowBgAlpha(0.88f);
  ImGui::Begin("losscape", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  panel_right_ = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;  // the overlay's title starts after it

  build_scene_section();
  build_function_section();
  build_optimizer_section();
  build_analysis_section();

  float steps_per_second = static_cast<float>(simulation_->settings().steps_per_second);
  if (ImGui::SliderFloat("steps/s", &steps_per_second, 1.0f, 240.0f, "%.0f", ImGuiSliderFlags_Logarithmic)) {
    simulation_->settings().steps_per_second = steps_per_second;
  }
  tooltip("Solver steps per second of wall-clock time. The trajectory does not depend on it.");
  if (ImGui::Button(simulation_->playing() ? "Pause" : "Play", ImVec2(70, 0))) {
    simulation_->set_playing(!simulation_->playing());
  }
  tooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button("Step")) simulation_->step_all();
  tooltip("N: one solver step for every ball (hold to repeat)");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) simulation_->reset();
  tooltip("R: every ball back to its start");
  ImGui::SameLine();
  if (ImGui::Button("Screenshot")) request_screenshot();
  tooltip("F12: a PNG in the current folder (size and the rest: the Screenshot section)");

  if (ImGui::CollapsingHeader("Balls", ImGuiTreeNodeFlags_DefaultOpen)) {
    build_ball_table();
    if (ImGui::SmallButton("export trajectories")) export_trajectories();
    tooltip("Every ball's steps so far as CSV (ball,optimizer,step,x,y,f,gx,gy) in the current folder");
  }
  if (ImGui::CollapsingHeader("Loss", ImGuiTreeNodeFlags_DefaultOpen)) build_loss_plot();
  build_screenshot_section();
  build_recording_section();
  if (ImGui::CollapsingHeader("View")) {
    build_view_settings();
    bool msaa = render_options_.msaa_samples > 0;
    if (ImGui::Checkbox("4x anti-aliasing", &msaa)) render_options_.msaa_samples = msaa ? 4 : 0;
    tooltip("Smoother edges on screen. Off by default on software OpenGL, where it costs 2.6x the\n"
            "frame time. Headless pictures and recordings always use it.");
    if (ImGui::SmallButton("reset view")) camera_ = initial_camera(scene_, simulation_->cost());
    ImGui::SameLine();
    if (ImGui::SmallButton(top_down_view() ? "3D view" : "top-down view")) toggle_top_down_view();
    tooltip("T: the flat contour view straight from above (orthographic, x right, y up), and back.");
  }
  ImGui::TextDisabled("click terrain: drop balls   drag: orbit   right-drag: pan");
  ImGui::TextDisabled("wheel: zoom   double-click: reset view   Tab: hide UI");
  ImGui::TextDisabled("%.0f fps", static_cast<double>(ImGui::GetIO().Framerate));
  ImGui::End();
}

void InteractiveApp::build_view_settings() {
  for (const ViewField& field : view_fields()) {
    if (!field.label) continue;  // elsewhere in the panel, or only in files
    if (field.key == std::string_view("height")) {
      build_height_control(field.label);
    } else if (field.key == std::string_view("resolution")) {
      build_resolution_control(field.label);
    } else if (field.on_off) {
      // The preview costs a step per ball: the simulation computes it only when it is shown.
      if (ImGui::Checkbox(field.label, &(render_options_.*field.on_off)) && field.on_off == &ViewSettings::show_preview)
        simulation_->set_compute_preview(render_options_.show_preview);
    } else {
      build_choice_control(field);
    }
    if (field.tooltip) tooltip(field.tooltip);
    if (field.same_line) ImGui::SameLine();
  }
}

void InteractiveApp::build_choice_control(const ViewField& field) {
  const std::vector<std::string>& names = field.names();
  const std::vector<std::string>& shown = field.labels.empty() ? names : field.labels;
  int index = static_cast<int>(std::find(names.begin(), names.end(), field.text(render_options_)) - names.begin());
  const auto item = [](void* data, int i, const char** out) {
    *out = (*static_cast<const std::vector<std::string>*>(data))[static_cast<std::size_t>(i)].c_str();
    return true;
  };
  void* data = const_cast<void*>(static_cast<const void*>(&shown));
  if (ImGui::Combo(field.label, &index, item, data, static_cast<int>(shown.size())))
    field.set_text(names[static_cast<std::size_t>(index)], render_options_);
}

void InteractiveApp::build_height_control(const char* label) {
  const bool own_is_log = simulation_->cost().height_transform() == HeightTransform::log1p;
  const char* heights[] = {own_is_log ? "function's own (log)" : "function's own (linear)", "linear", "log"};
  int height = !render_options_.height ? 0 : *render_options_.height == HeightTransform::linear ? 1 : 2;
  if (ImGui::Combo(label, &height, heights, 3)) {
    render_options_.height = height == 0   ? std::nullopt
                             : height == 1 ? std::optional(HeightTransform::linear)
                                           : std::optional(HeightTransform::log1p);
  }
}

void InteractiveApp::build_resolution_control(const char* label) {
  // As scene files and --resolution name them (parse_terrain_resolution).
  static constexpr const char* kChoices[] = {"auto", "auto:257", "auto:513", "64", "128", "256", "512", "1024"};
  const auto shown = [](const std::string& name) {
    if (name.starts_with("auto:")) return "auto, finest " + name.substr(5) + "+";
    return name == "auto" ? name : name + " x " + name;
  };
  const std::string current = terrain_resolution_name(render_options_);
  if (ImGui::BeginCombo(label, shown(current).c_str())) {
    for (const char* choice : kChoices) {
      if (ImGui::Selectable(shown(choice).c_str(), current == choice))
        parse_terrain_resolution(choice, render_options_);
    }
    ImGui::EndCombo();
  }
  if (!ImGui::IsItemHovered()) return;  // the mesh's figures are counted only for the tooltip
  const SceneRenderer::TerrainStats stats = renderer_.terrain_stats();
  const std::string detail = "auto: as fine as f bends (finest " + std::to_string(stats.size) +
                             " a side here), finer\n"
                             "near the camera, coarser far off and on flat ground; finest N+: at least N a\n"
                             "side. A number: a uniform mesh, the same everywhere. Now " +
                             std::to_string(stats.triangles) + " triangles.";
  ImGui::SetTooltip("%s", detail.c_str());
}

void InteractiveApp::build_function_section() {
  const CostFunction& cost = simulation_->cost();
  const FunctionSource& source = scene_.function;  // the scene the simulation was built from
  const bool typed = std::holds_alternative<FormulaSource>(source);
  if (ImGui::BeginCombo("function", typed ? "(your formula)" : cost.title().c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const std::string& name : builtin_function_names()) {
      auto candidate = make_builtin_function(name);
      const FunctionSource builtin = BuiltinSource{name};
      if (ImGui::Selectable(candidate->title().c_str(), source == builtin)) select_function(builtin);
      tooltip(candidate->formula().c_str());
    }
    ImGui::Separator();
    if (ImGui::Selectable("Line fit (MSE) of sample data", std::holds_alternative<LineFitSource>(source)))
      select_function(kLineFitExample);
    tooltip("The mean-squared error of y = w*x + b over assets/line_fit.csv, as a surface over (w, b):\n"
            "the cost the gradient-descent tutorials minimise. Its minimum is the least-squares fit.");
    if (ImGui::Selectable("Height field (example grid)", std::holds_alternative<HeightFieldSource>(source)))
      select_function(kHeightFieldExample);
    tooltip("A grid of heights (assets/height_field_example.csv) with a smooth bicubic interpolant:\n"
            "how a loss-landscape slice exported from a training run is shown.");
    ImGui::EndCombo();
  }
  // The formula box: Enter applies; a mistake is shown with a caret and changes nothing.
  const float box_x = ImGui::GetCursorPosX();
  if (ImGui::InputText("f(x, y)", formula_text_, sizeof formula_text_, ImGuiInputTextFlags_EnterReturnsTrue)) {
    apply_formula(formula_text_);
    if (!formula_error_.empty()) ImGui::SetKeyboardFocusHere(-1);  // refused: keep editing
  }
  tooltip("Type a formula in x and y and press Enter, e.g. x^2 + 10*y^2\n"
          "Operators + - * / ^, functions sin cos tan asin acos atan atan2 sinh cosh tanh\n"
          "exp log log10 log2 sqrt abs min max pow, constants pi e.\n"
          "Parameters: a*x^2 + b*y^2 where a = 1, b = 10 (each gets a slider).");
  if (!formula_error_.empty()) {
    if (formula_error_column_ > 0) {
      // The default font is monospaced: a caret under the offending character.
      ImGui::SetCursorPosX(box_x + ImGui::GetStyle().FramePadding.x +
                           ImGui::CalcTextSize("x").x * static_cast<float>(formula_error_column_ - 1));
      ImGui::TextColored(ui_colours(render_options_.theme).error, "^");
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 340.0f);
    ImGui::TextColored(ui_colours(render_options_.theme).error, "%s", formula_error_.c_str());
    ImGui::PopTextWrapPos();
  }
  static const char* const kExamples[] = {
      "x^2 + 10*y^2",
      "a*x^2 + b*y^2 where a = 1, b = 10",
      "(x^2 - 1)^2 + y^2",
      "(x^2 - 1)^2 + y^2 + 0.3*x",
      "x^4 - 3*x^2 + y^2 + 0.5*x*y",
      "sin(x)*cos(y) + (x^2 + y^2)/20",
      "log(1 + x^2 + 10*y^2)",
      "x^2 - y^2",
      "(1 - x)^2 + 100*(y - x^2)^2",
      "abs(x) + abs(y)",
  };
  if (ImGui::BeginCombo("examples", "formulas to try", ImGuiComboFlags_HeightLarge)) {
    for (const char* example : kExamples) {
      if (ImGui::Selectable(example)) {
        std::snprintf(formula_text_, sizeof formula_text_, "%s", example);
        apply_formula(example);
      }
    }
    ImGui::EndCombo();
  }
  // A slider per declared parameter.
  for (auto [name, value] : cost.parameters()) {
    const float speed = static_cast<float>(0.005 * std::max(1.0, std::abs(value)));
    if (ImGui::DragScalar(name.c_str(), ImGuiDataType_Double, &value, speed, nullptr, nullptr, "%.4g")) {
      set_formula_parameter(name, value);
    }
    tooltip("A parameter of your formula: drag to reshape the surface (the balls start again).");
  }
}

void InteractiveApp::build_optimizer_section() {
  if (!ImGui::CollapsingHeader("Optimizers", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextDisabled("tick several to race them from the same start");
  for (const std::string& name : optimizer_names()) {
    const Ball* ball = first_ball_of(*simulation_, name);
    bool enabled = ball != nullptr;
    auto prototype = make_optimizer(name);
    ImGui::PushID(name.c_str());
    if (ImGui::Checkbox("##on", &enabled)) set_optimizer_enabled(name, enabled);
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
    for (const Ball& b : simulation_->balls()) {
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
        const double lo = spec.min_exclusive && spec.log_scale ? std::max(spec.min_value, 1e-6) : spec.min_value;
        const ImGuiSliderFlags flags =
            (spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_AlwaysClamp;
        if (ImGui::SliderScalar(spec.key.c_str(), ImGuiDataType_Double, &value, &lo, &spec.max_value, "%.4g", flags) &&
            check_parameter(spec, value).empty()) {
          set_parameter(name, group->label, spec.key, value);
        }
        tooltip(spec.help.c_str());
      }
      ImGui::Unindent();
      ImGui::PopID();
    }
    ImGui::PopID();
  }
}

void InteractiveApp::build_ball_table() {
  const auto& balls = simulation_->balls();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("balls", 5, flags)) {
    ImGui::TableSetupColumn("ball");
    ImGui::TableSetupColumn("steps");
    ImGui::TableSetupColumn("f");
    ImGui::TableSetupColumn("|grad f|");
    ImGui::TableSetupColumn("status");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < balls.size(); ++i) {
      const Ball& ball = balls[i];
      if (ball.swarm) continue;  // the swarm has its own summary, in the legend
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      colour_swatch(("##b" + std::to_string(i)).c_str(), ball.colour);
      ImGui::SameLine();
      // The optimizer's short name, or the ball's own label when the scene gave it one.
      ImGui::TextUnformatted(ball.label != ball.optimizer->title() ? ball.label.c_str()
                                                                   : ball.optimizer->name().c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("x = %.10g\ny = %.10g\nstart (%.4g, %.4g)", ball.position.x, ball.position.y, ball.start.x,
                          ball.start.y);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%zu", ball.steps);
      ImGui::TableNextColumn();
      ImGui::Text("%.6g", ball.value);
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", glm::length(ball.gradient));
      ImGui::TableNextColumn();
      const bool bad = ball.status == BallStatus::diverged || ball.status == BallStatus::left_domain;
      const UiColours& colours = ui_colours(render_options_.theme);
      ImGui::TextColored(bad                                    ? colours.bad
                         : ball.status == BallStatus::converged ? colours.good
                                                                : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                         "%s", to_string(ball.status));
    }
    ImGui::EndTable();
  }
  if (balls.size() - simulation_->swarm_size() == 1) {
    ImGui::Text("x = %.6f   y = %.6f", balls[0].position.x, balls[0].position.y);
  }
}

void InteractiveApp::build_loss_plot() {
  // The reference for the log scale: the global minimum's value where known, else the lowest
  // value on the terrain's sampling grid (not the best value seen: that is always the latest,
  // and the curve would plunge at its end).
  double reference = std::numeric_limits<double>::infinity();
  for (const KnownMinimum& m : simulation_->cost().known_minima()) reference = std::min(reference, m.value);
  const bool known = std::isfinite(reference);
  if (!known) reference = renderer_.mapping().sampled_f_min();
  std::size_t max_step = 1;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Ball& ball : simulation_->balls()) max_step = std::max(max_step, ball.swarm ? 0 : ball.loss.latest_step());
  for (const Ball& ball : simulation_->balls()) {
    for (double v : ball.loss.values()) {
      lo = std::min(lo, plotted(v, loss_log_scale_, reference));
      hi = std::max(hi, plotted(v, loss_log_scale_, reference));
    }
  }
  ImGui::Checkbox("log scale", &loss_log_scale_);
  tooltip(known ? "log10(f - f*), f* the global minimum's value" : "log10(f - the lowest f on the terrain grid)");
  if (!std::isfinite(lo)) return;
  if (hi - lo < 1e-12) hi = lo + 1.0;

  const PlotArea plot = plot_area("loss plot");
  const ImVec2 p0 = plot.min, p1 = plot.max;
  ImDrawList* draw = plot.draw;
  auto to_screen = [&](double step, double v) {
    return ImVec2(p0.x + 4.0f + static_cast<float>(step / static_cast<double>(max_step)) * (plot.width() - 8.0f),
                  p1.y - 4.0f - static_cast<float>((v - lo) / (hi - lo)) * (plot.height() - 8.0f));
  };
  for (const Ball& ball : simulation_->balls()) {
    const auto& steps = ball.loss.steps();
    const auto& values = ball.loss.values();
    const ImU32 colour = ImGui::ColorConvertFloat4ToU32(to_imgui(ball.colour));
    ImVec2 previous;
    for (std::size_t i = 0; i <= steps.size(); ++i) {
      // The sampled points, then the newest one (which may fall between samples).
      const bool last = i == steps.size();
      if (last && (!ball.loss.has_latest() || (!steps.empty() && steps.back() == ball.loss.latest_step()))) break;
      const ImVec2 point =
          last ? to_screen(static_cast<double>(ball.loss.latest_step()),
                           plotted(ball.loss.latest_value(), loss_log_scale_, reference))
               : to_screen(static_cast<double>(steps[i]), plotted(values[i], loss_log_scale_, reference));
      if (i > 0) draw->AddLine(previous, point, colour, 1.5f);
      previous = point;
    }
  }
  char label[64];
  std::snprintf(label, sizeof label, loss_log_scale_ ? "1e%.1f" : "%.4g", hi);
  draw->AddText(ImVec2(p0.x + 6, p0.y + 3), IM_COL32(200, 200, 200, 200), label);
  std::snprintf(label, sizeof label, loss_log_scale_ ? "1e%.1f" : "%.4g", lo);
  draw->AddText(ImVec2(p0.x + 6, p1.y - 17), IM_COL32(200, 200, 200, 200), label);
  std::snprintf(label, sizeof label, "step %zu", max_step);
  draw->AddText(ImVec2(p1.x - 8 - ImGui::CalcTextSize(label).x, p1.y - 17), IM_COL32(200, 200, 200, 200), label);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(loss_log_scale_ ? "f - f* against solver step, log scale" : "f against solver step");
  }
}

void InteractiveApp::build_toasts() {
  for (const auto& result : png_writer_.take_finished()) {
    toast(result.error.empty() ? "saved " + result.path : result.error, !result.error.empty());
  }
  const double now = ImGui::GetTime();
  while (!toasts_.empty() && toasts_.front().expires < now) toasts_.pop_front();
  if (toasts_.empty()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + 12, viewport->WorkPos.y + viewport->WorkSize.y - 12),
                          ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowBgAlpha(0.8f);
  ImGui::Begin("##toasts", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  for (const Toast& t : toasts_) {
    if (t.error) {
      ImGui::TextColored(ui_colours(render_options_.theme).error, "%s", t.text.c_str());
    } else {
      ImGui::TextUnformatted(t.text.c_str());
    }
  }
  ImGui::End();
}

}  // namespace losscape
