#include "engine/app/overlay/colour_bar.hpp"

#include "engine/render/colormap_strips.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace losscape {

ScreenBox draw_colour_bar(const OverlayView& view, ImDrawList* draw, float top) {
  // Coloured by basin, the terrain shows no colour map: a key to one would mislead.
  if (!view.look.show_colourbar || view.colormap_texture == 0 || colours_by_basin(view.look)) return {};
  ImFont* font = view.fonts.text;
  const float unit = font->FontSize;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const OverlayInk ink = overlay_ink(view.look.theme);
  const TerrainMapping& mapping = view.renderer.mapping();
  const bool slope = view.look.colour_by == ColourBy::slope;
  const bool log_height = !slope && mapping.transform() == HeightTransform::log1p;
  const char* title = slope ? "|\u2207f|" : log_height ? "f, log scale" : "f(x, y)";

  // Top to bottom: the title, the bar, room for the slide counter under it.
  const float pad = 0.5f * unit, bar_width = 1.1f * unit, tick_length = 0.35f * unit;
  top += 0.7f * unit;  // as far from the legend (or the picture's top) as the legend from the top
  const float bar_top = top + pad + 1.6f * unit;
  const float room = display.y - 3.2f * unit - bar_top;
  const float bar_height = std::min(0.42f * display.y, room);
  if (bar_height < 4.0f * unit) return {};
  const float bar_bottom = bar_top + bar_height;

  // Labels at least a line and a half apart.
  const std::vector<Tick> ticks = nice_ticks(mapping.value_scale(view.look.colour_by), 1.5 * unit / bar_height);
  std::vector<std::string> labels;
  // Room right of the bar for the widest label, and for the title (which starts at the bar's left).
  float widest = text_size(font, title).x - bar_width - tick_length - 0.3f * unit;
  for (const Tick& tick : ticks) {
    labels.push_back(tick_label(tick.value));
    widest = std::max(widest, text_size(font, labels.back().c_str()).x);
  }
  const float right = display.x - 0.7f * unit - pad;
  const float bar_left = right - widest - 0.3f * unit - tick_length - bar_width;
  const float bar_right = bar_left + bar_width;

  const ScreenBox box{ImVec2(bar_left - pad, top), ImVec2(right + pad, bar_bottom + 0.7f * unit)};
  draw->AddRectFilled(box.min, box.max, ink.backdrop, pad);
  draw->AddText(font, unit, ImVec2(bar_left, top + pad), ink.ink, title);
  // The strip's first texel is t = 0, its last t = 1: the bar's bottom and top, at their centres.
  const float half_texel = 0.5f / static_cast<float>(ColormapStrips::kTexels);
  draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(view.colormap_texture)),
                 ImVec2(bar_left, bar_top), ImVec2(bar_right, bar_bottom), ImVec2(0.5f, 1.0f - half_texel),
                 ImVec2(0.5f, half_texel));
  draw->AddRect(ImVec2(bar_left, bar_top), ImVec2(bar_right, bar_bottom), ink.faint_ink, 0.0f, 0,
                std::max(1.0f, 0.06f * unit));
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const float y = bar_bottom - ticks[i].position * bar_height;
    draw->AddLine(ImVec2(bar_right - 0.5f * tick_length, y), ImVec2(bar_right + tick_length, y), ink.ink,
                  std::max(1.0f, 0.08f * unit));
    draw->AddText(font, unit, ImVec2(bar_right + tick_length + 0.3f * unit, y - 0.5f * unit), ink.ink,
                  labels[i].c_str());
  }
  return box;
}

}  // namespace losscape
