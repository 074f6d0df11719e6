// The window's key table (engine/app/window/key_bindings.hpp): what each press does, and README.md's
// table of keys, which must be the same rows in the same words.
#include "engine/app/window/key_bindings.hpp"
#include "tests/app/markdown_table.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace losscape;

namespace {

// What a press does, as an action's name or "nothing" (readable in a failure).
std::string does(int key, int mods = 0, bool repeat = false, bool typing = false) {
  const std::optional<KeyCommand> command = key_command(key, mods, repeat, typing);
  if (!command) return "nothing";
  for (const KeyBinding& row : key_bindings()) {
    if (row.action != command->action) continue;
    std::string text = keys_text(row);
    if (command->number) text.append(" ").append(std::to_string(command->number));
    return text;
  }
  return "an action with no row";
}

// The rows of README.md's table under "## In the window", up to the blank line after it, less its
// header and the line under that.
std::vector<std::vector<std::string>> readme_key_rows() {
  std::ifstream in(std::string(LOSSCAPE_SOURCE_DIR) + "/README.md");
  std::string line;
  while (std::getline(in, line) && line != "## In the window") {
  }
  while (std::getline(in, line) && line.empty()) {
  }
  std::vector<std::vector<std::string>> rows;
  for (; !line.empty() && line.front() == '|'; std::getline(in, line)) rows.push_back(cells(line));
  if (rows.size() < 2) return {};
  EXPECT_EQ(rows[0], (std::vector<std::string>{"do this", "to"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"---", "---"}));
  return {rows.begin() + 2, rows.end()};
}

}  // namespace

TEST(KeyBindings, TheReadmesTableIsTheTableTheWindowUses) {
  const std::vector<std::vector<std::string>> readme = readme_key_rows();
  const auto table = key_bindings();
  ASSERT_EQ(readme.size(), table.size())
      << "README.md's table under \"## In the window\" and engine/app/window/key_bindings.cpp differ";
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(readme[i], (std::vector<std::string>{keys_text(table[i]), table[i].help}))
        << "README.md's key table, row " << i + 1 << " (key_bindings.cpp is what the window does)";
  }
}

TEST(KeyBindings, NRepeatsWhileHeldAndNoOtherKeyDoes) {
  EXPECT_EQ(does(GLFW_KEY_N, 0, true), "N");
  EXPECT_EQ(does(GLFW_KEY_N, GLFW_MOD_CONTROL), "N");
  EXPECT_EQ(does(GLFW_KEY_R, 0, true), "nothing");
  EXPECT_EQ(does(GLFW_KEY_PAGE_DOWN, 0, true), "nothing");
  EXPECT_EQ(does(GLFW_KEY_F12, 0, true), "nothing");
}

TEST(KeyBindings, OnlyF12AndF11WorkWhileTyping) {
  EXPECT_EQ(does(GLFW_KEY_F12, 0, false, true), "F12");
  EXPECT_EQ(does(GLFW_KEY_F11, 0, false, true), "F11");
  EXPECT_EQ(does(GLFW_KEY_F12, GLFW_MOD_CONTROL), "F12");
  for (const int key : {GLFW_KEY_N, GLFW_KEY_S, GLFW_KEY_SPACE, GLFW_KEY_ESCAPE, GLFW_KEY_1, GLFW_KEY_F5}) {
    EXPECT_EQ(does(key, 0, false, true), "nothing") << key;
    EXPECT_EQ(does(key, GLFW_MOD_CONTROL, false, true), "nothing") << key;
  }
}

TEST(KeyBindings, CtrlMakesALetterACommandAndShiftOrAltDoNot) {
  EXPECT_EQ(does(GLFW_KEY_S), "S");
  EXPECT_EQ(does(GLFW_KEY_S, GLFW_MOD_SHIFT), "S");
  EXPECT_EQ(does(GLFW_KEY_S, GLFW_MOD_CONTROL), "Ctrl+S");
  EXPECT_EQ(does(GLFW_KEY_S, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT), "Ctrl+S");
  EXPECT_EQ(does(GLFW_KEY_R, GLFW_MOD_ALT), "R");
  EXPECT_EQ(does(GLFW_KEY_R, GLFW_MOD_CONTROL), "Ctrl+R");
  EXPECT_EQ(does(GLFW_KEY_Q), "nothing") << "only Ctrl+Q quits";
  EXPECT_EQ(does(GLFW_KEY_Q, GLFW_MOD_CONTROL), "Ctrl+Q");
  EXPECT_EQ(does(GLFW_KEY_SPACE, GLFW_MOD_CONTROL), "nothing");
  EXPECT_EQ(does(GLFW_KEY_ESCAPE, GLFW_MOD_CONTROL), "nothing");
  EXPECT_EQ(does(GLFW_KEY_H), "H or ?");
  EXPECT_EQ(does(GLFW_KEY_SLASH, GLFW_MOD_SHIFT), "H or ?");
  EXPECT_EQ(does(GLFW_KEY_SLASH), "nothing");
  EXPECT_EQ(does(GLFW_KEY_SLASH, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT), "nothing");
}

TEST(KeyBindings, TextSizeTakesCtrlWithEitherPlusOrMinus) {
  EXPECT_EQ(does(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL), "Ctrl+= or Ctrl+keypad +");
  EXPECT_EQ(does(GLFW_KEY_KP_ADD, GLFW_MOD_CONTROL), "Ctrl+= or Ctrl+keypad +");
  EXPECT_EQ(does(GLFW_KEY_MINUS, GLFW_MOD_CONTROL), "Ctrl+- or Ctrl+keypad -");
  EXPECT_EQ(does(GLFW_KEY_KP_SUBTRACT, GLFW_MOD_CONTROL), "Ctrl+- or Ctrl+keypad -");
  EXPECT_EQ(does(GLFW_KEY_EQUAL), "nothing");
  EXPECT_EQ(does(GLFW_KEY_KP_ADD), "nothing");
}

TEST(KeyBindings, TheNumberKeysCarryTheirNumber) {
  EXPECT_EQ(does(GLFW_KEY_1), "1 ... 9 1");
  EXPECT_EQ(does(GLFW_KEY_9), "1 ... 9 9");
  EXPECT_EQ(does(GLFW_KEY_3, GLFW_MOD_CONTROL), "Ctrl+1 ... 9 3");
  EXPECT_EQ(does(GLFW_KEY_0), "nothing");
  EXPECT_EQ(does(GLFW_KEY_0, GLFW_MOD_CONTROL), "nothing");
  EXPECT_EQ(does(GLFW_KEY_KP_1), "nothing");
}

TEST(KeyBindings, ClickerKeys) {
  EXPECT_EQ(does(GLFW_KEY_PAGE_DOWN), "Page Down or Right");
  EXPECT_EQ(does(GLFW_KEY_RIGHT), "Page Down or Right");
  EXPECT_EQ(does(GLFW_KEY_PAGE_UP), "Page Up or Left");
  EXPECT_EQ(does(GLFW_KEY_LEFT), "Page Up or Left");
  EXPECT_EQ(does(GLFW_KEY_HOME), "Home");
  EXPECT_EQ(does(GLFW_KEY_END), "End");
}

TEST(KeyBindings, NoPressIsClaimedByTwoRows) {
  for (int key = GLFW_KEY_SPACE; key <= GLFW_KEY_LAST; ++key) {
    for (const int mods : {0, GLFW_MOD_SHIFT, GLFW_MOD_CONTROL, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT, GLFW_MOD_ALT}) {
      int rows = 0;
      for (const KeyBinding& row : key_bindings()) {
        for (const Chord& chord : row.chords) rows += matches(chord, key, mods);
      }
      EXPECT_LE(rows, 1) << "key " << key << " with mods " << mods;
    }
  }
}

TEST(KeyBindings, EveryActionHasOneRowAndEveryRowSaysWhatItDoes) {
  std::map<Action, int> rows;
  for (const KeyBinding& row : key_bindings()) {
    EXPECT_FALSE(std::string(row.help).empty()) << keys_text(row);
    const std::string keys = keys_text(row);
    EXPECT_FALSE(keys.empty());
    EXPECT_EQ(keys.find("key "), std::string::npos) << keys << ": a key with no name";
    if (row.gesture) {
      EXPECT_EQ(row.action, Action::none) << row.gesture << ": a gesture is help only";
      EXPECT_EQ(row.chords[0].key, 0) << row.gesture;
    } else {
      ++rows[row.action];
    }
  }
  EXPECT_EQ(rows.count(Action::none), 0u) << "a key that does nothing";
  for (int a = static_cast<int>(Action::none) + 1; a <= static_cast<int>(Action::quit); ++a) {
    EXPECT_EQ(rows[static_cast<Action>(a)], 1) << "action " << a;
  }
}
