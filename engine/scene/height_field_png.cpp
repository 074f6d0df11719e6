#include "engine/scene/height_field_png.hpp"

#include "engine/core/one_line.hpp"
#include "engine/image/png_decode.hpp"
#include "engine/scene/path_exists.hpp"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

namespace losscape {
namespace {

// The largest file read: a 16-million-pixel 16-bit RGBA image stored uncompressed, with room for
// its chunk headers. Anything larger cannot be a height field this loader accepts.
constexpr std::uintmax_t kMaxFileBytes = 160'000'000;

// stb_image decodes whatever it recognises, and guesses at TGA, which has no signature: without
// this check a few bytes of text named .png "decode" as a TGA image of gigabytes. So only PNG.
bool has_png_signature(const std::string& bytes) {
  return bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0;
}

std::uint32_t read_big_endian_32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// Every chunk must fit in the file. stb grows its buffer for the compressed data to a chunk's
// declared length before it reads the chunk, so one length field of 2^30 costs 2 GB even in a
// file of 80 bytes (found by fuzz_height_field). A chunk's 8-byte header alone is enough for stb
// to do that, so a header at the very end is checked too (found by it again). Returns the
// problem, or "" when the chunks fit.
std::string first_chunk_past_the_end(const std::string& bytes) {
  std::size_t at = 8;               // after the signature
  while (at + 8 <= bytes.size()) {  // length, type, then data and a 4-byte CRC
    const std::uint32_t length = read_big_endian_32(bytes, at);
    const std::size_t after_header = bytes.size() - at - 8;
    const std::size_t room = after_header >= 4 ? after_header - 4 : 0;  // for the data
    if (length > room) {
      // A broken file's type may be any bytes.
      return "chunk '" + one_line(bytes.substr(at + 4, 4)) + "' at byte " + std::to_string(at) + " claims " +
             std::to_string(length) + " bytes, the file has " + std::to_string(room) + " left";
    }
    if (bytes.compare(at + 4, 4, "IEND") == 0) return "";
    at += 12 + length;
  }
  return "";  // a file cut short: stb says so, in its own words
}

}  // namespace

Result<std::unique_ptr<HeightField>> load_height_field_png(const std::string& path, const Domain& domain, double z_min,
                                                           double z_max) {
  std::error_code size_error;
  const bool regular = std::filesystem::is_regular_file(path, size_error);
  if (regular && std::filesystem::file_size(path, size_error) > kMaxFileBytes) {
    return Error{path + ": a file of more than 160 MB cannot be a height field of 16 million pixels"};
  }
  std::string bytes;
  if (regular) {
    std::ifstream file(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  if (!regular || !has_png_signature(bytes)) {
    return Error{"cannot read " + path + ": " + (path_exists(path) ? "not a PNG file" : "no such file")};
  }
  if (const std::string problem = first_chunk_past_the_end(bytes); !problem.empty()) {
    return Error{"cannot read " + path + ": " + problem};
  }
  int width = 0, height = 0;
  // The header's size before decoding: the decoder allocates the whole image before it finds out
  // that a small file cannot hold it.
  if (png_header_size(bytes, width, height) &&
      static_cast<long long>(width) * static_cast<long long>(height) > static_cast<long long>(kMaxHeightFieldSamples)) {
    return Error{path + ": " + std::to_string(width) + " x " + std::to_string(height) +
                 " pixels is more than 16 million"};
  }
  const auto decoded = decode_png_grey16(bytes);
  if (!decoded) return Error{"cannot read " + path + ": " + one_line(decoded.error())};
  const GreyImage16& image = *decoded;
  width = image.width;
  height = image.height;
  if (width < 4 || height < 4) {
    return Error{path + ": needs an image of at least 4 x 4 pixels, got " + std::to_string(width) + " x " +
                 std::to_string(height)};
  }
  std::vector<double> z(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int j = 0; j < height; ++j) {
    const int row = height - 1 - j;  // grid row 0 is y = YMIN, the image's bottom row
    for (int i = 0; i < width; ++i) {
      const double grey =
          image.samples[static_cast<std::size_t>(row) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i)] /
          65535.0;
      z[static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i)] =
          z_min + (z_max - z_min) * grey;
    }
  }
  return std::make_unique<HeightField>(std::move(z), width, height, domain,
                                       std::filesystem::path(path).filename().string());
}

}  // namespace losscape
