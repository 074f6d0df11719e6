// docs/bad-input.md is a test: each row of its table is a command, the exit status it must end
// with, and the exact line it must print (on standard error: that line alone). The rows run here,
// one test each, in the repository's root folder (the table's paths are relative to it), so the
// documented messages and the program's cannot drift apart.
#include "tests/app/markdown_table.hpp"
#include "tests/app/run_binary.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

namespace {

struct Row {
  std::string what;         // the first column
  std::string environment;  // VAR=value words before `losscape`
  std::string arguments;    // the words after it
  int exit_code = 0;
  std::string stream;   // stderr or stdout
  std::string message;  // the whole line
};

// How gtest shows a row (ctest's test names carry it): its command's first words, no quotes.
void PrintTo(const Row& row, std::ostream* out) {
  std::string words = row.arguments.substr(0, 40);
  std::replace_if(
      words.begin(), words.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)) && ch != '-'; },
      ' ');
  *out << words;
}

std::string unquote(const std::string& code) {  // `text` -> text
  return code.size() >= 2 && code.front() == '`' && code.back() == '`' ? code.substr(1, code.size() - 2) : code;
}

std::vector<Row> read_table() {
  std::ifstream in(std::string(LOSSCAPE_SOURCE_DIR) + "/docs/bad-input.md");
  std::vector<Row> rows;
  const std::regex command(R"(^((?:\S+=\S*\s+)*)losscape(?:\s+(.*))?$)");
  for (std::string line; std::getline(in, line);) {
    const std::vector<std::string> c = cells(line);
    std::smatch m;
    const std::string text = c.size() >= 5 ? unquote(c[1]) : "";
    if (c.size() < 5 || c[1].empty() || c[1].front() != '`' || !std::regex_match(text, m, command)) continue;
    rows.push_back(Row{c[0], m[1].str(), m[2].str(), std::stoi(c[2]), c[3], unquote(c[4])});
  }
  return rows;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class BadInputTable : public ::testing::TestWithParam<Row> {};

TEST(BadInputTable, ListsEveryKindOfBadInput) {
  const std::vector<Row> rows = read_table();
  EXPECT_GE(rows.size(), 40u);
  for (const char* kind :
       {"formula", "scene file", "height field", "command line", "screenshot", "OpenGL", "ffmpeg", "diverges"}) {
    EXPECT_TRUE(
        std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.what.find(kind) != std::string::npos; }))
        << "no row for " << kind;
  }
}

TEST_P(BadInputTable, TheCommandPrintsExactlyTheDocumentedLine) {
  const Row& row = GetParam();
  const ProgramRun r = run(row.arguments, "cd '" + std::string(LOSSCAPE_SOURCE_DIR) + "' && " + row.environment);
  EXPECT_EQ(r.exit_code, row.exit_code) << r.errors;
  if (row.stream == "stderr") {
    EXPECT_EQ(r.errors, row.message + "\n");
  } else {
    const std::vector<std::string> lines = lines_of(r.output);
    EXPECT_NE(std::find(lines.begin(), lines.end(), row.message), lines.end()) << r.output;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, BadInputTable, ::testing::ValuesIn(read_table()),
                         [](const ::testing::TestParamInfo<Row>& row_info) {
                           // "scene file: wrong type" -> "scene_file_wrong_type"
                           std::string name;
                           for (char ch : row_info.param.what) {
                             if (std::isalnum(static_cast<unsigned char>(ch))) name += ch;
                             else if (!name.empty() && name.back() != '_') name += '_';
                           }
                           while (!name.empty() && name.back() == '_') name.pop_back();
                           return name + "_" + std::to_string(row_info.index);
                         });

}  // namespace
