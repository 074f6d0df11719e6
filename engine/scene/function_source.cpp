#include "engine/scene/function_source.hpp"

#include "engine/core/builtin_functions.hpp"

#include <algorithm>
#include <string_view>

namespace losscape {
namespace {

constexpr std::string_view kLineFit = "mse", kLineFitFile = "mse:", kHeightField = "heightfield:", kLossSurface = "h5:";

// Prints one kind; the overloads are std::visit's cases.
std::string text_of(const BuiltinSource& s) { return s.name; }
std::string text_of(const FormulaSource& s) { return s.text; }
std::string text_of(const LineFitSource& s) {
  return s.path ? std::string(kLineFitFile) + *s.path : std::string(kLineFit);
}
std::string text_of(const HeightFieldSource& s) { return std::string(kHeightField) + s.path; }
// The default dataset is left out, unless the path has a ':' that would be read as the dataset's.
std::string text_of(const LossSurfaceSource& s) {
  const bool plain = s.dataset == LossSurfaceSource{}.dataset && s.path.find(':') == std::string::npos;
  return std::string(kLossSurface) + s.path + (plain ? "" : ":" + s.dataset);
}

// "PATH" or "PATH:DATASET": the text after the last ':' is a dataset when it holds no '/'.
LossSurfaceSource loss_surface(const std::string& rest) {
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string::npos || rest.find('/', colon) != std::string::npos) return {rest};
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

}  // namespace

FunctionSource parse_function_source(const std::string& text) {
  if (text == kLineFit) return LineFitSource{};
  if (text.starts_with(kLineFitFile)) return LineFitSource{text.substr(kLineFitFile.size())};
  if (text.starts_with(kHeightField)) return HeightFieldSource{text.substr(kHeightField.size())};
  if (text.starts_with(kLossSurface)) return loss_surface(text.substr(kLossSurface.size()));
  const std::vector<std::string>& builtins = builtin_function_names();
  if (std::find(builtins.begin(), builtins.end(), text) != builtins.end()) return BuiltinSource{text};
  return FormulaSource{text};
}

std::string function_source_text(const FunctionSource& source) {
  return std::visit([](const auto& kind) { return text_of(kind); }, source);
}

}  // namespace losscape
