#pragma once
// Running the real losscape binary from a test, and reading what it wrote.
#include "tests/app/image_files.hpp"
#include "tests/temp_folder.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct ProgramRun {
  int exit_code = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};

// Runs losscape with `arguments`, after the shell prefix `environment` (e.g. "VAR=x").
ProgramRun run(const std::string& arguments, const std::string& environment = "") {
  // One file per test process: ctest runs several at once.
  const fs::path stderr_file =
      fs::temp_directory_path() / ("losscape_cli_test_stderr_" + std::to_string(getpid()) + ".txt");
  const std::string command = environment + " " + LOSSCAPE_BINARY + " " + arguments + " 2>" + stderr_file.string();
  ProgramRun result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  {
    std::ifstream in(stderr_file);
    std::stringstream text;
    text << in.rdbuf();
    result.errors = text.str();
  }
  fs::remove(stderr_file);
  return result;
}

// glvnd finds no EGL driver at all: as on a machine with no OpenGL.
const std::string kNoGL = "__EGL_VENDOR_LIBRARY_DIRS=/nonexistent __EGL_VENDOR_LIBRARY_FILENAMES=";

inline fs::path temp_path(const std::string& name) {
  const fs::path dir = losscape::testing::temp_folder();
  fs::remove_all(dir / name);  // a file, or a folder of frames
  return dir / name;
}

inline std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// The width and height of a PNG file, or (0, 0) if it does not decode.
inline std::pair<int, int> image_size(const fs::path& path) {
  const std::optional<losscape::Image> image = read_png_image(path);
  return image ? std::pair(image->width, image->height) : std::pair(0, 0);
}

}  // namespace
