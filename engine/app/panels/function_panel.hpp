#pragma once
// The panel's function section: the list of built-ins and example data, the formula box (Enter
// applies; a mistake shows under it with a caret and changes nothing), formulas to try, and a
// slider for each parameter a formula declares; for a loss-surface file, its surfaces to switch between.
#include "engine/app/panels/panel_context.hpp"

#include <string>
#include <vector>

namespace losscape {

struct FunctionPanel {
  char formula_text[1024] = {};  // the formula box
  std::string error;             // the last typed formula's error, shown under the box
  int error_column = 0;

  void build(PanelContext& context);
  // The box shows a built-in's formula (after the function changed), a typed one as typed.
  void show_formula_of(const Scene& scene, const CostFunction& cost);

 private:
  // A loss-surface file's datasets, read once per file (not every frame).
  std::string surfaces_read_from;
  std::vector<std::string> surfaces;
  double zmax = 10.0;  // the clamp's box: plot_2D.py's default vmax until a scene sets one

  void select(PanelContext& context, const FunctionSource& source);
  void show_surfaces(PanelContext& context, const LossSurfaceSource& source);
  void show_surface_height(PanelContext& context, const LossSurfaceSource& source);
  void apply(PanelContext& context, const std::string& text);
};

}  // namespace losscape
