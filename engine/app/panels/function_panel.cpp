#include "engine/app/panels/function_panel.hpp"

#include "engine/app/ui/imgui_helpers.hpp"
#include "engine/app/ui/text_wrap.hpp"
#include "engine/app/ui/ui_theme.hpp"
#include "engine/core/builtin_functions.hpp"
#include "engine/scene/scene_factory.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace losscape {

void FunctionPanel::show_formula_of(const Scene& scene, const CostFunction& cost) {
  // A built-in shows its formula in the box, ready to be edited into one's own; a typed formula
  // stays as typed.
  if (!std::holds_alternative<FormulaSource>(scene.function)) {
    std::snprintf(formula_text, sizeof formula_text, "%s", cost.formula().c_str());
  }
}

void FunctionPanel::select(PanelContext& context, const FunctionSource& source) {
  context.session.select_function(source);
  error.clear();
}

void FunctionPanel::show_surfaces(PanelContext& context, const LossSurfaceSource& source) {
  const Scene& scene = context.session.scene();
  if (const std::string key = scene.directory + "\n" + source.path; key != surfaces_read_from) {
    surfaces_read_from = key;
    auto listed = loss_surfaces_of(source, scene);
    surfaces = listed ? std::move(*listed) : std::vector<std::string>{};
  }
  if (ImGui::BeginCombo("surface", source.dataset.c_str())) {
    for (const std::string& name : surfaces) {
      if (ImGui::Selectable(name.c_str(), name == source.dataset))
        select(context, LossSurfaceSource{source.path, name, source.height});
    }
    ImGui::EndCombo();
  }
  tooltip("The surfaces in the file (loss-landscape's train/test loss and accuracy, Hessian eigenvalues).\n"
          "What is drawn is the bicubic interpolation through the grid's computed values; the -1\n"
          "cells, not computed, are holes.");
  show_surface_height(context, source);
}

void FunctionPanel::show_surface_height(PanelContext& context, const LossSurfaceSource& source) {
  SurfaceHeight height = source.height;
  const auto reshape = [&] {
    context.session.set_surface_height(height);
    error.clear();
  };
  if (ImGui::BeginCombo("height", surface_scale_name(source.height.scale))) {
    for (const SurfaceScaleInfo& info : surface_scales()) {
      if (ImGui::Selectable(info.name, info.scale == source.height.scale)) {
        height.scale = info.scale;
        reshape();
      }
      tooltip(info.help);
    }
    ImGui::EndCombo();
  }
  tooltip("How the file's values become heights. The grid's values are transformed first and then\n"
          "interpolated, so the balls roll on the surface drawn: their gradients are the exact\n"
          "derivatives of the interpolated shown heights, and so are the minima marked.");
  bool clamped = source.height.zmax.has_value();
  if (source.height.zmax) zmax = *source.height.zmax;
  if (ImGui::Checkbox("clamp", &clamped)) {
    height.zmax = clamped ? std::optional(zmax) : std::nullopt;
    reshape();
  }
  tooltip("Values above zmax become zmax (before the log), as loss-landscape's h52vtp.py --zmax:\n"
          "the far, high loss no longer dwarfs the valley.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::InputDouble("zmax", &zmax, 0.0, 0.0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue) && clamped) {
    height.zmax = zmax;
    reshape();
  }
  tooltip("The clamp's height, in the file's units; Enter applies.");
}

void FunctionPanel::apply(PanelContext& context, const std::string& text) {
  formula::CompileError compile_error;
  if (context.session.apply_formula(text, compile_error)) {
    error.clear();
  } else {
    error = compile_error.message;
    error_column = compile_error.column;
  }
}

void FunctionPanel::build(PanelContext& context) {
  const CostFunction& cost = context.session.simulation().cost();
  const FunctionSource& source = context.session.scene().function;  // the scene the simulation was built from
  const bool typed = std::holds_alternative<FormulaSource>(source);
  if (ImGui::BeginCombo("function", typed ? "(your formula)" : cost.title().c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const std::string& name : builtin_function_names()) {
      auto candidate = make_builtin_function(name);
      const FunctionSource builtin = BuiltinSource{name};
      if (ImGui::Selectable(candidate->title().c_str(), source == builtin)) select(context, builtin);
      tooltip(candidate->formula().c_str());
    }
    ImGui::Separator();
    if (ImGui::Selectable("Line fit (MSE) of sample data", std::holds_alternative<LineFitSource>(source)))
      select(context, kLineFitExample);
    tooltip("The mean-squared error of y = w*x + b over assets/line_fit.csv, as a surface over (w, b):\n"
            "the cost the gradient-descent tutorials minimise. Its minimum is the least-squares fit.");
    if (ImGui::Selectable("Height field (example grid)", std::holds_alternative<HeightFieldSource>(source)))
      select(context, kHeightFieldExample);
    tooltip("A grid of heights (assets/height_field_example.csv) with a smooth bicubic interpolant:\n"
            "how a loss-landscape slice exported from a training run is shown.");
    ImGui::EndCombo();
  }
  if (const auto* surface = std::get_if<LossSurfaceSource>(&source)) show_surfaces(context, *surface);
  // The formula box: Enter applies; a mistake is shown with a caret and changes nothing.
  const float box_x = ImGui::GetCursorPosX();
  if (ImGui::InputText("f(x, y)", formula_text, sizeof formula_text, ImGuiInputTextFlags_EnterReturnsTrue)) {
    apply(context, formula_text);
    if (!error.empty()) ImGui::SetKeyboardFocusHere(-1);  // refused: keep editing
  }
  tooltip("Type a formula in x and y and press Enter, e.g. x^2 + 10*y^2\n"
          "Operators + - * / ^, functions sin cos tan asin acos atan atan2 sinh cosh tanh\n"
          "exp log log10 log2 sqrt abs min max pow, constants pi e.\n"
          "Parameters: a*x^2 + b*y^2 where a = 1, b = 10 (each gets a slider).");
  if (!error.empty()) {
    if (error_column > 0) {
      // The default font is monospaced: a caret under the offending character.
      ImGui::SetCursorPosX(box_x + ImGui::GetStyle().FramePadding.x +
                           ImGui::CalcTextSize("x").x * static_cast<float>(error_column - 1));
      ImGui::TextColored(ui_colours(context.view.theme).error, "^");
    }
    text_wrapped(error, ui_colours(context.view.theme).error, 340.0f);
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
        std::snprintf(formula_text, sizeof formula_text, "%s", example);
        apply(context, example);
      }
    }
    ImGui::EndCombo();
  }
  // A slider per declared parameter.
  for (auto [name, value] : cost.parameters()) {
    const float speed = static_cast<float>(0.005 * std::max(1.0, std::abs(value)));
    if (ImGui::DragScalar(name.c_str(), ImGuiDataType_Double, &value, speed, nullptr, nullptr, "%.4g")) {
      context.session.set_formula_parameter(name, value);
    }
    tooltip("A parameter of your formula: drag to reshape the surface (the balls start again).");
  }
}

}  // namespace losscape
