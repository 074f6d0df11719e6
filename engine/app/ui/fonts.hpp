#pragma once
// The fonts ImGui draws with: DejaVu Sans Mono for the panel (monospaced, so the formula box's
// error caret sits under the right character) and DejaVu Sans for what is drawn over the picture
// (titles, annotations, legends), shipped in assets/fonts so every machine shows the same, with
// Greek letters and mathematical signs (titles say θ and ∇f). Baked at the UI scale, for crisp
// text on a projector; ImGui's own font if the files are missing.
struct ImFont;
struct ImFontAtlas;

namespace losscape {

struct Fonts {
  ImFont* panel = nullptr;
  ImFont* text = nullptr;   // annotations, legends
  ImFont* title = nullptr;  // titles, bold and large
  float scale = 1.0f;       // what they were baked for
};

// Rebuilds the ImGui font atlas (call outside a frame; the renderer backend must then recreate
// its font texture). Sizes are in pixels at scale 1.
Fonts load_fonts(float scale);

// assets/fonts/`file` at `pixels` added to `atlas` with the panel's glyphs (Latin, Greek, dashes,
// super- and subscripts, arrows, mathematical operators), `oversample` times wide; nullptr when
// the file is missing. The pictures drawn without ImGui (stability maps) use it too.
ImFont* add_font(ImFontAtlas& atlas, const char* file, float pixels, int oversample = 2);

}  // namespace losscape
