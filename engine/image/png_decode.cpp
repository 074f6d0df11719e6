#include "engine/image/png_decode.hpp"

#include <stb_image.h>

#include <memory>

namespace losscape {

bool png_header_size(const std::string& bytes, int& width, int& height) {
  int channels = 0;
  return stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                               &height, &channels) != 0;
}

bool decode_png_grey16(const std::string& bytes, GreyImage16& out, std::string& reason) {
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<stbi_us, void (*)(void*)> pixels(
      stbi_load_16_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                               &height, &channels, 1),
      &stbi_image_free);
  if (!pixels) {
    const char* why = stbi_failure_reason();
    reason = why ? why : "not an image";
    return false;
  }
  out.width = width;
  out.height = height;
  out.samples.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  return true;
}

}  // namespace losscape
