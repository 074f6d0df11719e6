#pragma once
// Where a scene's cost function comes from, one type per kind: a built-in by name, a typed
// formula, line-fit data or a height field. Files and --function spell it as one text
// ("himmelblau", "x^2 + 10*y^2", "mse", "mse:PATH.csv", "heightfield:PATH", "h5:PATH:DATASET"); only the parser and
// the printer below know that form, so a new kind is a new struct here, not a new prefix test
// wherever a kind matters.
#include "engine/scene/surface_height.hpp"

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace losscape {

struct BuiltinSource {
  std::string name;  // as builtin_function_names() lists it
  bool operator==(const BuiltinSource&) const = default;
};

struct FormulaSource {
  std::string text;  // in x and y, perhaps with a where clause
  bool operator==(const FormulaSource&) const = default;
};

// The mean-squared error of a line fit over (x, y) points (data_costs.hpp).
struct LineFitSource {
  // A CSV file; none: the shipped example, assets/line_fit.csv ("mse"). Given but empty ("mse:")
  // names no file, and fails when the scene is built, as a typo should.
  std::optional<std::string> path;
  bool operator==(const LineFitSource&) const = default;
};

// A grid of heights: a CSV file or a PNG image (data_costs.hpp, height_field_png.hpp).
struct HeightFieldSource {
  std::string path;
  bool operator==(const HeightFieldSource&) const = default;
};

// One dataset of a loss-landscape surface file (HDF5, loss_surface_h5.hpp): "h5:PATH[:DATASET]".
struct LossSurfaceSource {
  // {path} and {path, dataset} as before the height was added, without a missing-initializer warning.
  LossSurfaceSource(std::string path_ = {}, std::string dataset_ = "train_loss", SurfaceHeight height_ = {})
      : path(std::move(path_)), dataset(std::move(dataset_)), height(height_) {}
  std::string path;
  std::string dataset = "train_loss";  // loss-landscape's default surface
  // Clamped, log (surface_height.hpp): not in the text form, but scene files' "surface_height" and
  // "zmax", and --surface-height and --zmax.
  SurfaceHeight height;
  bool operator==(const LossSurfaceSource&) const = default;
};

using FunctionSource = std::variant<BuiltinSource, FormulaSource, LineFitSource, HeightFieldSource, LossSurfaceSource>;

// The text form to a source: "mse" and "mse:PATH" line fits, "heightfield:PATH" height fields, a
// built-in's name, else a formula (compiled, and so checked, only when the function is made).
FunctionSource parse_function_source(const std::string& text);
// The source as files and --function spell it: parse_function_source's inverse.
std::string function_source_text(const FunctionSource& source);

// The data the panel offers when no file is named: the shipped examples.
inline const FunctionSource kLineFitExample = LineFitSource{};
inline const FunctionSource kHeightFieldExample = HeightFieldSource{"height_field_example.csv"};

}  // namespace losscape
