#include "engine/scene/files/json_positions.hpp"

#include <vector>

namespace losscape {

std::string json_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string json_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

namespace {

class Scanner {
 public:
  Scanner(std::string_view text, std::map<std::string, TextPosition>& values, std::map<std::string, TextPosition>& keys)
      : text_(text), values_(values), keys_(keys) {}

  void value(const std::string& path) {
    skip_space();
    values_[path] = position();
    if (at_end()) return;
    switch (text_[i_]) {
      case '{': object(path); break;
      case '[': array(path); break;
      case '"': string(); break;
      default:  // a number, true, false or null
        while (!at_end() && text_[i_] != ',' && text_[i_] != '}' && text_[i_] != ']' && !space(text_[i_])) advance();
    }
  }

 private:
  void object(const std::string& path) {
    advance();  // {
    for (skip_space(); !at_end() && text_[i_] != '}'; skip_space()) {
      const TextPosition key_position = position();
      const std::string key = string();
      keys_[json_path(path, key)] = key_position;
      skip_space();
      advance();  // :
      value(json_path(path, key));
      skip_space();
      if (!at_end() && text_[i_] == ',') advance();
    }
    advance();  // }
  }

  void array(const std::string& path) {
    advance();  // [
    std::size_t index = 0;
    for (skip_space(); !at_end() && text_[i_] != ']'; skip_space()) {
      value(json_path(path, index++));
      skip_space();
      if (!at_end() && text_[i_] == ',') advance();
    }
    advance();  // ]
  }

  // A string literal, its escapes decoded enough to compare keys with nlohmann's: all but \uXXXX,
  // which is left undecoded (as uXXXX), so a key written with \u in it is not found and its error
  // points at the enclosing object instead (keys in scene files are plain names).
  std::string string() {
    std::string out;
    advance();  // opening quote
    while (!at_end() && text_[i_] != '"') {
      char c = text_[i_];
      if (c == '\\') {
        advance();
        if (at_end()) break;
        static constexpr std::string_view escaped = "bfnrt", decoded = "\b\f\n\r\t";
        c = text_[i_];
        if (const auto k = escaped.find(c); k != std::string_view::npos) c = decoded[k];
      }
      out += c;
      advance();
    }
    advance();  // closing quote
    return out;
  }

  static bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void skip_space() {
    while (!at_end() && space(text_[i_])) advance();
  }
  bool at_end() const { return i_ >= text_.size(); }
  void advance() {
    if (at_end()) return;
    const auto byte = static_cast<unsigned char>(text_[i_++]);
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {  // not a UTF-8 continuation byte: a new character
      ++column_;
    }
  }
  TextPosition position() const { return {line_, column_}; }

  std::string_view text_;
  std::map<std::string, TextPosition>& values_;
  std::map<std::string, TextPosition>& keys_;
  std::size_t i_ = 0, line_ = 1, column_ = 1;
};

}  // namespace

JsonPositions JsonPositions::scan(std::string_view text) {
  JsonPositions positions;
  Scanner(text, positions.values_, positions.keys_).value("");
  return positions;
}

TextPosition JsonPositions::at(const std::string& path) const {
  for (std::string p = path;;) {
    if (auto it = values_.find(p); it != values_.end()) return it->second;
    if (p.empty()) return {};
    // Up one level: drop the last ".key" or "[index]".
    const auto cut = p.find_last_of(".[");
    p = cut == std::string::npos ? std::string() : p.substr(0, cut);
  }
}

TextPosition JsonPositions::key_at(const std::string& path) const {
  if (auto it = keys_.find(path); it != keys_.end()) return it->second;
  return at(path);
}

}  // namespace losscape
