// libFuzzer target: a scene or deck file as a lecturer might (mis)type it. Reading must end in a
// scene or one error line, never a crash; a scene that reads must write and read back the same,
// as docs/scenes.md promises.
#include "engine/math/scene_io/scene_file.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Scene scene;
  std::string error;
  if (read_scene(text, "fuzz.json", "", scene, error)) {
    const std::string written = write_scene(scene);
    Scene again;
    if (!read_scene(written, "written.json", "", again, error)) fail("a written scene does not read back", error);
    if (!(again == scene)) fail("a scene reads back different", written);
  } else if (error.empty() || error.find('\n') != std::string::npos) {
    fail("not one error line", error);
  }
  if (text.find("scenes") != std::string::npos) {  // possibly a deck: through a file, as the app reads one
    std::ofstream(deck_path(), std::ios::binary) << text;
    Deck deck;
    (void)load_deck_or_scene(deck_path(), deck, error);
  }
  return 0;
}
