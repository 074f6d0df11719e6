#pragma once
// Where each value of a JSON text starts, by path ("balls[2].optimizer.lr" -> line 12, column 15),
// so that a scene file's errors can say where, not only what. nlohmann::json reports positions
// only for syntax errors; this small scanner walks text that nlohmann has already accepted.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace losscape {

struct TextPosition {
  std::size_t line = 1, column = 1;  // both from 1; columns count characters, not bytes
};

class JsonPositions {
 public:
  // `text` must be valid JSON (parse it with nlohmann first).
  static JsonPositions scan(std::string_view text);
  // The position of the value at `path`, or of its nearest enclosing value that has one.
  TextPosition at(const std::string& path) const;
  // The position of an object's key (for "unknown key" errors), else of the value.
  TextPosition key_at(const std::string& path) const;

 private:
  std::map<std::string, TextPosition> values_, keys_;
};

// "balls" + 2 -> "balls[2]"; "balls[2]" + "optimizer" -> "balls[2].optimizer".
std::string json_path(const std::string& parent, std::size_t index);
std::string json_path(const std::string& parent, const std::string& key);

}  // namespace losscape
