#include "engine/scene/function_source.hpp"

#include "engine/core/builtin_functions.hpp"

#include <algorithm>
#include <string_view>

namespace losscape {
namespace {

constexpr std::string_view kLineFit = "mse", kLineFitFile = "mse:", kHeightField = "heightfield:";

// Prints one kind; the overloads are std::visit's cases.
std::string text_of(const BuiltinSource& s) { return s.name; }
std::string text_of(const FormulaSource& s) { return s.text; }
std::string text_of(const LineFitSource& s) {
  return s.path ? std::string(kLineFitFile) + *s.path : std::string(kLineFit);
}
std::string text_of(const HeightFieldSource& s) { return std::string(kHeightField) + s.path; }

}  // namespace

FunctionSource parse_function_source(const std::string& text) {
  if (text == kLineFit) return LineFitSource{};
  if (text.starts_with(kLineFitFile)) return LineFitSource{text.substr(kLineFitFile.size())};
  if (text.starts_with(kHeightField)) return HeightFieldSource{text.substr(kHeightField.size())};
  const std::vector<std::string>& builtins = builtin_function_names();
  if (std::find(builtins.begin(), builtins.end(), text) != builtins.end()) return BuiltinSource{text};
  return FormulaSource{text};
}

std::string function_source_text(const FunctionSource& source) {
  return std::visit([](const auto& kind) { return text_of(kind); }, source);
}

}  // namespace losscape
