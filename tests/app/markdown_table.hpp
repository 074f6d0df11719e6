#pragma once
// Reading the tables of the project's Markdown files, which some tests hold the program against
// (docs/bad-input.md's commands, README.md's keys).
#include <cstddef>
#include <string>
#include <vector>

// The cells of a table line `| a | b |`; `\|` is a | inside a cell.
inline std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> result;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|', ++i;
    } else if (line[i] == '|') {
      const auto first = cell.find_first_not_of(' '), last = cell.find_last_not_of(' ');
      result.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return result;
}
