// libFuzzer target: a scene or deck file as a lecturer might (mis)type it. Reading must end in a
// scene or one error line, never a crash; a scene that reads must write and read back the same,
// as docs/scenes.md promises.
#include "engine/scene/files/scene_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

using namespace losscape;

namespace {

// A deck names its scene files relative to itself, so decks are read from a file on disk: one
// per fuzzing process, in the temporary folder.
std::string deck_path() {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("losscape-fuzz-deck-" + std::to_string(::getpid()) + ".json"))
          .string();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto scene = read_scene(text, "fuzz.json", "")) {
    const std::string written = write_scene(*scene);
    const auto again = read_scene(written, "written.json", "");
    if (!again) fuzz_check_failed("a written scene does not read back", again.error());
    if (!(*again == *scene)) fuzz_check_failed("a scene reads back different", written);
  } else {
    require_one_error_line(scene.error(), "read_scene");
  }
  if (text.find("scenes") != std::string::npos) {  // possibly a deck: through a file, as the app reads one
    std::ofstream(deck_path(), std::ios::binary) << text;
    if (const auto deck = load_deck_or_scene(deck_path()); !deck)
      require_one_error_line(deck.error(), "load_deck_or_scene");
  }
  return 0;
}
