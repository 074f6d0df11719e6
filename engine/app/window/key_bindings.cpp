#include "engine/app/window/key_bindings.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace losscape {
namespace {

constexpr Chord key(int k, Modifiers modifiers = Modifiers::none) { return {k, 0, modifiers}; }
constexpr Chord ctrl(int k) { return key(k, Modifiers::control); }
constexpr Chord run(int first, int last, Modifiers modifiers = Modifiers::none) { return {first, last, modifiers}; }

// The order is the help's: the mouse, the simulation, the deck, the camera, then the rest.
constexpr KeyBinding kBindings[] = {
    {.gesture = "left drag", .help = "orbit the camera"},
    {.gesture = "right or middle drag", .help = "pan"},
    {.gesture = "mouse wheel", .help = "zoom"},
    {.gesture = "double-click", .help = "the scene's view again"},
    {.gesture = "click on the terrain", .help = "drop the ball(s) there and start again"},
    {.chords = {key(GLFW_KEY_SPACE)}, .action = Action::play_pause, .help = "play / pause"},
    {.chords = {key(GLFW_KEY_N, Modifiers::any)},
     .action = Action::step,
     .help = "one solver step (hold to repeat)",
     .repeats = true},
    {.chords = {key(GLFW_KEY_R)}, .action = Action::reset, .help = "reset the balls to their start"},
    {.chords = {key(GLFW_KEY_S)},
     .action = Action::swarm,
     .help = "launch the swarm (as set in the panel's Local vs global minima)"},
    {.chords = {key(GLFW_KEY_B)}, .action = Action::basins, .help = "show / hide the basin map on the terrain"},
    {.chords = {key(GLFW_KEY_M)}, .action = Action::minima_pins, .help = "show / hide the minima pins"},
    {.chords = {key(GLFW_KEY_L)},
     .action = Action::theme,
     .help = "light / dark theme: a white sky for printed notes, dark for the lecture hall"},
    // What presentation clickers send: Page Down / Page Up, sometimes the arrow keys.
    {.chords = {key(GLFW_KEY_PAGE_DOWN), key(GLFW_KEY_RIGHT)},
     .action = Action::next_slide,
     .help = "next scene of a deck (what presentation clickers send)"},
    {.chords = {key(GLFW_KEY_PAGE_UP), key(GLFW_KEY_LEFT)}, .action = Action::previous_slide, .help = "previous scene"},
    {.chords = {key(GLFW_KEY_HOME)}, .action = Action::first_slide, .help = "first scene"},
    {.chords = {key(GLFW_KEY_END)}, .action = Action::last_slide, .help = "last scene"},
    {.chords = {key(GLFW_KEY_F5)},
     .action = Action::presenter_mode,
     .help = "presenter mode: fullscreen, no panel, larger text, each ball's f in the legend"},
    {.chords = {key(GLFW_KEY_O)}, .action = Action::auto_orbit, .help = "orbit the camera slowly (again: stop)"},
    {.chords = {key(GLFW_KEY_F)}, .action = Action::follow_ball, .help = "follow the ball (again: stop)"},
    {.chords = {key(GLFW_KEY_T)},
     .action = Action::top_down,
     .help = "the flat top-down contour view (drag moves the map; again: back to 3D)"},
    {.chords = {run(GLFW_KEY_1, GLFW_KEY_9)}, .action = Action::recall_bookmark, .help = "go to a camera bookmark"},
    {.chords = {run(GLFW_KEY_1, GLFW_KEY_9, Modifiers::control)},
     .action = Action::store_bookmark,
     .help = "store the camera as a bookmark"},
    {.chords = {ctrl(GLFW_KEY_EQUAL), ctrl(GLFW_KEY_KP_ADD)},
     .action = Action::larger_text,
     .help = "larger text and panel (for a projector)"},
    {.chords = {ctrl(GLFW_KEY_MINUS), ctrl(GLFW_KEY_KP_SUBTRACT)},
     .action = Action::smaller_text,
     .help = "smaller text and panel"},
    {.chords = {ctrl(GLFW_KEY_S)}, .action = Action::save_scene, .help = "save the scene as it is now"},
    // A screenshot or fullscreen is never text: they work with the formula box focused too.
    {.chords = {key(GLFW_KEY_F12, Modifiers::any)},
     .action = Action::screenshot,
     .help = "screenshot (PNG in the current folder, never overwriting; settings in the panel)",
     .while_typing = true},
    {.chords = {ctrl(GLFW_KEY_R)},
     .action = Action::toggle_recording,
     .help = "start / stop recording (MP4, GIF or PNG frames; settings in the panel)"},
    {.chords = {key(GLFW_KEY_F11, Modifiers::any)},
     .action = Action::fullscreen,
     .help = "fullscreen",
     .while_typing = true},
    {.chords = {key(GLFW_KEY_TAB)},
     .action = Action::toggle_panel,
     .help = "hide / show the panel (the view slides to stay in the middle)"},
    {.chords = {key(GLFW_KEY_H), key(GLFW_KEY_SLASH, Modifiers::shift)},
     .action = Action::help,
     .help = "every key, in a window over the picture"},
    // Esc never quits (a lecturer leaving fullscreen must not lose the scene): Ctrl+Q does.
    {.chords = {key(GLFW_KEY_ESCAPE)},
     .action = Action::escape,
     .help = "close the help, or leave presenter mode, or leave fullscreen (it never quits)"},
    {.chords = {ctrl(GLFW_KEY_Q)}, .action = Action::quit, .help = "quit"},
};

std::string key_name(int key) {
  switch (key) {
    case GLFW_KEY_SPACE: return "Space";
    case GLFW_KEY_ESCAPE: return "Esc";
    case GLFW_KEY_TAB: return "Tab";
    case GLFW_KEY_PAGE_DOWN: return "Page Down";
    case GLFW_KEY_PAGE_UP: return "Page Up";
    case GLFW_KEY_RIGHT: return "Right";
    case GLFW_KEY_LEFT: return "Left";
    case GLFW_KEY_HOME: return "Home";
    case GLFW_KEY_END: return "End";
    case GLFW_KEY_KP_ADD: return "keypad +";
    case GLFW_KEY_KP_SUBTRACT: return "keypad -";
    default: break;
  }
  std::string name;  // appended to, not "F" + number: GCC 12 warns falsely about that (-Wrestrict)
  if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F25) {
    name.append("F").append(std::to_string(key - GLFW_KEY_F1 + 1));
  } else if (key > GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT) {
    name += static_cast<char>(key);  // GLFW's printable keys are their US-layout characters ('A', '1', '=')
  } else {
    name.append("key ").append(std::to_string(key));  // a key the table gained without a name here
  }
  return name;
}

std::string chord_text(const Chord& chord) {
  // '?' is Shift+/ on a US layout (which GLFW's key codes name): shown as what people look for.
  if (chord.modifiers == Modifiers::shift && chord.key == GLFW_KEY_SLASH) return "?";
  std::string text = chord.modifiers == Modifiers::control ? "Ctrl+"
                     : chord.modifiers == Modifiers::shift ? "Shift+"
                                                           : "";
  text += key_name(chord.key);
  if (chord.last_key != 0) text.append(" ... ").append(key_name(chord.last_key));
  return text;
}

}  // namespace

std::span<const KeyBinding> key_bindings() { return kBindings; }

std::string keys_text(const KeyBinding& row) {
  if (row.gesture) return row.gesture;
  std::string text;
  for (const Chord& chord : row.chords) {
    if (chord.key == 0) continue;
    if (!text.empty()) text += " or ";
    text += chord_text(chord);
  }
  return text;
}

bool matches(const Chord& chord, int key, int mods) {
  if (chord.key == 0) return false;
  const int last = chord.last_key != 0 ? chord.last_key : chord.key;
  if (key < chord.key || key > last) return false;
  const bool control = (mods & GLFW_MOD_CONTROL) != 0, shift = (mods & GLFW_MOD_SHIFT) != 0;
  switch (chord.modifiers) {
    case Modifiers::none: return !control;
    case Modifiers::control: return control;
    case Modifiers::shift: return shift && !control;
    case Modifiers::any: return true;
  }
  return false;
}

std::optional<KeyCommand> key_command(int key, int mods, bool repeat, bool typing) {
  for (const KeyBinding& row : kBindings) {
    for (const Chord& chord : row.chords) {
      if (!matches(chord, key, mods)) continue;
      if ((repeat && !row.repeats) || (typing && !row.while_typing)) return std::nullopt;
      return KeyCommand{row.action, chord.last_key != 0 ? key - chord.key + 1 : 0};
    }
  }
  return std::nullopt;
}

}  // namespace losscape
