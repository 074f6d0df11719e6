#include "engine/image/png_decode.hpp"

#include <stb_image.h>

#include <memory>

namespace losscape {

bool png_header_size(const std::string& bytes, int& width, int& height) {
  int channels = 0;
  return stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                               &height, &channels) != 0;
}

Result<GreyImage16> decode_png_grey16(const std::string& bytes) {
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<stbi_us, void (*)(void*)> pixels(
      stbi_load_16_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                               &height, &channels, 1),
      &stbi_image_free);
  if (!pixels) {
    const char* why = stbi_failure_reason();
    return Error{why ? why : "not an image"};
  }
  GreyImage16 out{width, height, {}};
  out.samples.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  return out;
}

}  // namespace losscape
