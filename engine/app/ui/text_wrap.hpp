#pragma once
// Text broken into lines at its spaces only. ImGui's own wrapping (TextWrapped, AddText's wrap
// width) also breaks after a comma or a full stop: the browser page showed a title's "a swarm of
// 1,000 balls" as "1," over "000 balls", and a learning rate of 0.001 could become "0." and "001".
#include <imgui.h>

#include <string>

namespace losscape {

// `text` with a line break in place of each space where the line would pass `width` (pixels) in
// `font` at `size`; a word wider than that keeps a line of its own.
std::string wrap_at_spaces(const ImFont& font, float size, const std::string& text, float width);

// ImGui::TextWrapped, wrapped at spaces only (to the window's right edge, in the current font).
void text_wrapped(const std::string& text);
// The same in a colour, wrapped at `width` pixels from where it starts.
void text_wrapped(const std::string& text, const ImVec4& colour, float width);

}  // namespace losscape
