#pragma once
// Pictures the binary wrote, read back for tests; and the comparison the reference-image tests
// make (tests/reference/README.md documents the tolerances).
#include "engine/render/render_target.hpp"

#include <stb_image.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

namespace {

// The PNG at `path` as RGBA, or nothing if it does not decode.
inline std::optional<losscape::Image> read_png_image(const std::filesystem::path& path) {
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &w, &h, &channels, 4);
  if (!pixels) return std::nullopt;
  losscape::Image image{w, h, std::vector<std::uint8_t>(pixels, pixels + static_cast<std::size_t>(w) * h * 4)};
  stbi_image_free(pixels);
  return image;
}

struct ImageDifference {
  double mean = 0.0;        // mean absolute difference per channel value (0 to 255)
  double differing = 0.0;   // share of pixels with a channel off by more than the threshold
  int largest = 0;          // the largest channel difference
  losscape::Image picture;  // grey where equal, red where different (brighter: more)
};

// `a` and `b` must be the same size.
inline ImageDifference difference(const losscape::Image& a, const losscape::Image& b, int pixel_threshold) {
  ImageDifference d;
  d.picture = a;
  std::size_t differing = 0;
  double sum = 0.0;
  for (std::size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
    int most = 0;
    for (std::size_t c = 0; c < 4; ++c) {
      const int delta = std::abs(a.rgba[i + c] - b.rgba[i + c]);
      sum += delta;
      most = std::max(most, delta);
    }
    d.largest = std::max(d.largest, most);
    differing += most > pixel_threshold ? 1 : 0;
    const auto grey = static_cast<std::uint8_t>((a.rgba[i] + a.rgba[i + 1] + a.rgba[i + 2]) / 12);
    const bool off = most > pixel_threshold;
    d.picture.rgba[i] = off ? static_cast<std::uint8_t>(std::min(255, 128 + most)) : grey;
    d.picture.rgba[i + 1] = off ? 0 : grey;
    d.picture.rgba[i + 2] = off ? 0 : grey;
    d.picture.rgba[i + 3] = 255;
  }
  d.mean = sum / static_cast<double>(std::max<std::size_t>(a.rgba.size(), 1));
  d.differing = static_cast<double>(differing) / static_cast<double>(std::max<std::size_t>(a.rgba.size() / 4, 1));
  return d;
}

}  // namespace
