#include "engine/render/height_field_png.hpp"

#include <stb_image.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

namespace losscape {
namespace {

// As many heights as a CSV height field may have (data_costs.cpp): 128 MB of doubles.
constexpr long long kMaxPixels = 16'000'000;

// stb_image decodes whatever it recognises, and guesses at TGA, which has no signature: without
// this check a few bytes of text named .png "decode" as a TGA image of gigabytes. So only PNG.
bool has_png_signature(const std::string& path) {
  char signature[8] = {};
  std::ifstream(path, std::ios::binary).read(signature, sizeof signature);
  return std::memcmp(signature, "\x89PNG\r\n\x1a\n", sizeof signature) == 0;
}

}  // namespace

std::unique_ptr<HeightField> load_height_field_png(const std::string& path, const Domain& domain, double z_min,
                                                   double z_max, std::string& error) {
  if (!std::filesystem::is_regular_file(path) || !has_png_signature(path)) {
    error = "cannot read " + path + ": " + (std::filesystem::exists(path) ? "not a PNG file" : "no such file");
    return nullptr;
  }
  int width = 0, height = 0, channels = 0;
  // The header's size before decoding: stb allocates the whole image before it finds out that a
  // small file cannot hold it.
  if (stbi_info(path.c_str(), &width, &height, &channels) &&
      static_cast<long long>(width) * static_cast<long long>(height) > kMaxPixels) {
    error = path + ": " + std::to_string(width) + " x " + std::to_string(height) + " pixels is more than 16 million";
    return nullptr;
  }
  // stb converts 8-bit images to 16 bits (x 257), so both give the full 0..65535 range.
  std::unique_ptr<stbi_us, void (*)(void*)> pixels(stbi_load_16(path.c_str(), &width, &height, &channels, 1),
                                                   &stbi_image_free);
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    error = "cannot read " + path + ": " + (reason ? reason : "not an image");
    return nullptr;
  }
  if (width < 4 || height < 4) {
    error = path + ": needs an image of at least 4 x 4 pixels, got " + std::to_string(width) + " x " +
            std::to_string(height);
    return nullptr;
  }
  std::vector<double> z(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int j = 0; j < height; ++j) {
    const int row = height - 1 - j;  // grid row 0 is y = YMIN, the image's bottom row
    for (int i = 0; i < width; ++i) {
      const double grey =
          pixels.get()[static_cast<std::size_t>(row) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i)] /
          65535.0;
      z[static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i)] =
          z_min + (z_max - z_min) * grey;
    }
  }
  return std::make_unique<HeightField>(std::move(z), width, height, domain,
                                       std::filesystem::path(path).filename().string());
}

}  // namespace losscape
