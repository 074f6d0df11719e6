#include "engine/app/ui/fonts.hpp"

#include "engine/scene/data_paths.hpp"

#include <imgui.h>

#include <filesystem>

namespace losscape {
namespace {

// Latin, Greek, dashes and quotes, super- and subscripts, arrows and mathematical operators.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2010, 0x2027, 0x2070,
                                0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};

ImFont* add(const char* file, float pixels) { return add_font(*ImGui::GetIO().Fonts, file, pixels); }

}  // namespace

ImFont* add_font(ImFontAtlas& atlas, const char* file, float pixels, int oversample) {
  const std::filesystem::path path = asset_directory() / "fonts" / file;
  if (!std::filesystem::exists(path)) return nullptr;
  ImFontConfig config;
  config.OversampleH = oversample;
  return atlas.AddFontFromFileTTF(path.string().c_str(), pixels, &config, kGlyphRanges);
}

Fonts load_fonts(float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  Fonts fonts;
  fonts.scale = scale;
  fonts.panel = add("DejaVuSansMono.ttf", 14.0f * scale);
  if (!fonts.panel) fonts.panel = atlas->AddFontDefault();  // the first font added is ImGui's default
  fonts.text = add("DejaVuSans.ttf", 17.0f * scale);
  fonts.title = add("DejaVuSans-Bold.ttf", 30.0f * scale);
  if (!fonts.text) fonts.text = fonts.panel;
  if (!fonts.title) fonts.title = fonts.text;
  atlas->Build();
  return fonts;
}

}  // namespace losscape
