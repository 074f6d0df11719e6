#include "engine/core/one_line.hpp"

#include <cstdio>

namespace losscape {
namespace {

// The length of the well-formed UTF-8 sequence at text[i] (1 to 4), or 0 when it is not one.
std::size_t utf8_length(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2, minimum = 0x80, code_point = lead & 0x1Fu;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3, minimum = 0x800, code_point = lead & 0x0Fu;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4, minimum = 0x10000, code_point = lead & 0x07u;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    code_point = code_point << 6 | (byte(i + k) & 0x3Fu);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  return code_point < minimum || code_point > 0x10FFFF || surrogate ? 0 : length;
}

void append_escape(std::string& out, const char* format, unsigned value) {
  char escape[12];
  std::snprintf(escape, sizeof escape, format, value);
  out += escape;
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (char32_t c = 0; byte >= 0x80) {
      if (const std::size_t length = utf8_length(text, i, c)) {
        // C1 controls (U+0085 is a newline to some terminals, U+009B starts an escape sequence)
        // and the line and paragraph separators break lines too; every other character is text.
        if ((c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029) append_escape(out, "\\u%04x", c);
        else out.append(text.substr(i, length));
        i += length;
        continue;
      }
    }
    if (byte >= 0x20 && byte < 0x7f) out += text[i];
    else if (byte == '\n') out += "\\n";
    else if (byte == '\r') out += "\\r";
    else if (byte == '\t') out += "\\t";
    else append_escape(out, "\\x%02x", byte);  // the other controls, DEL, and bytes that are not UTF-8
    ++i;
  }
  return out;
}

}  // namespace losscape
