#include "engine/app/ui/text_wrap.hpp"

#include <algorithm>

namespace losscape {

std::string wrap_at_spaces(const ImFont& font, float size, const std::string& text, float width) {
  std::string out, line;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string word = text.substr(start, end - start);
    const std::string longer = line.empty() ? word : line + ' ' + word;
    if (!line.empty() && font.CalcTextSizeA(size, 1e9f, 0.0f, longer.c_str()).x > width) {
      out += line + '\n';
      line = word;
    } else {
      line = longer;
    }
    start = end + 1;
  }
  return out + line;
}

void text_wrapped(const std::string& text) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize());
  ImGui::TextUnformatted(wrap_at_spaces(*ImGui::GetFont(), ImGui::GetFontSize(), text, width).c_str());
}

void text_wrapped(const std::string& text, const ImVec4& colour, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(wrap_at_spaces(*ImGui::GetFont(), ImGui::GetFontSize(), text, width).c_str());
  ImGui::PopStyleColor();
}

}  // namespace losscape
