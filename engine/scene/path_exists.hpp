// Whether a path names something, without throwing: std::filesystem::exists(path) throws for a
// name the system refuses outright (longer than NAME_MAX, found by fuzz_scene in a deck), and the
// paths losscape checks come from users and files.
#pragma once

#include <filesystem>
#include <system_error>

namespace losscape {

inline bool path_exists(const std::filesystem::path& path) noexcept {
  std::error_code ignored;
  return std::filesystem::exists(path, ignored);
}

inline bool is_folder(const std::filesystem::path& path) noexcept {
  std::error_code ignored;
  return std::filesystem::is_directory(path, ignored);
}

}  // namespace losscape
