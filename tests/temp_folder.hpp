#pragma once
// The folder a test process writes its files in: its own (named by its process id), made on first
// use and removed when the process exits. Test runs side by side on one machine (a Release and a
// sanitizer build, two checkouts, two engineers) then never overwrite or delete each other's files,
// as they did when every run shared /tmp/losscape_cli_test.
#include <filesystem>
#include <string>
#include <system_error>

#include <unistd.h>

namespace losscape::testing {

inline const std::filesystem::path& temp_folder() {
  struct Folder {
    std::filesystem::path path;
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Folder folder = [] {
    Folder made{std::filesystem::temp_directory_path() / ("losscape-test-" + std::to_string(::getpid()))};
    std::filesystem::create_directories(made.path);
    return made;
  }();
  return folder.path;
}

}  // namespace losscape::testing
