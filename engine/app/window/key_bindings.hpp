#pragma once
// The window's keys as data: one table that the key handler looks presses up in, the help overlay
// (H or ?) lists, and a test holds the README's table against, so the three cannot drift apart.
// The mouse gestures are rows too, with help and no key: both lists show them from the same place.
#include <optional>
#include <span>
#include <string>

namespace losscape {

enum class Action {
  none,  // a help-only row: a mouse gesture, which the camera input handles
  play_pause,
  step,
  reset,
  swarm,
  basins,
  minima_pins,
  theme,
  next_slide,
  previous_slide,
  first_slide,
  last_slide,
  presenter_mode,
  auto_orbit,
  follow_ball,
  top_down,
  recall_bookmark,
  store_bookmark,
  larger_text,
  smaller_text,
  save_scene,
  screenshot,
  toggle_recording,
  fullscreen,
  toggle_panel,
  help,
  escape,
  quit,
};

// Which modifier keys a key wants. Only Ctrl tells a command from a plain key, and Shift only
// where a character needs it ('?'); Alt and Super are never looked at (Shift+R still resets).
enum class Modifiers {
  none,     // without Ctrl
  control,  // with Ctrl
  shift,    // with Shift, without Ctrl
  any,      // with or without Ctrl
};

// A key, or a run of keys (1 ... 9) that does one action with the key's number in the run.
struct Chord {
  int key = 0;       // GLFW_KEY_*; 0: none
  int last_key = 0;  // the run's last key; 0: `key` alone
  Modifiers modifiers = Modifiers::none;
};

struct KeyBinding {
  const char* gesture = nullptr;  // a help-only row's mouse gesture ("left drag"); nullptr for keys
  Chord chords[2] = {};           // either does it; an unused one has no key
  Action action = Action::none;
  const char* help = "";  // one wording, shown in the help overlay and in README.md's table
  bool repeats = false;   // done again while the key is held (N); other keys ignore repeats
  // Done even while a text field has the keyboard (F12, F11): every other key is text then.
  bool while_typing = false;
};

// Every row, in the order the help overlay and the README list them.
std::span<const KeyBinding> key_bindings();

// "Ctrl+1 ... 9", "H or ?", "left drag": a row's keys as the help overlay and the README show them.
std::string keys_text(const KeyBinding& row);

// Whether a press of `key` with `mods` (GLFW_MOD_* bits) is `chord`.
bool matches(const Chord& chord, int key, int mods);

// What a key press asks for; `number`: the key's place in a run (Ctrl+3: 3), else 0.
struct KeyCommand {
  Action action = Action::none;
  int number = 0;
};

// The command a press does, if any: `repeat` for a held key's repeats, `typing` while a text
// field has the keyboard.
std::optional<KeyCommand> key_command(int key, int mods, bool repeat, bool typing);

}  // namespace losscape
