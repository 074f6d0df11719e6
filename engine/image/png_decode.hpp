#pragma once
// PNG decoding (stb_image), the one place that sees the decoder: the scene layer reads height
// fields from PNG through it without knowing stb. Pure memory in, pixels out; no files.
#include "engine/core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace losscape {

// 16-bit grey samples, row 0 at the image's top as stored.
struct GreyImage16 {
  int width = 0, height = 0;
  std::vector<std::uint16_t> samples;
};

// The image's size as its header says, without decoding it (stb allocates the whole image before
// it finds out that a small file cannot hold it). False when the header is unreadable.
bool png_header_size(const std::string& bytes, int& width, int& height);

// Decodes to one grey channel of 16 bits: 8-bit images are scaled (x 257), so both give the full
// 0..65535 range. Or the decoder's reason, which may quote the file's bytes ("XXXX PNG chunk not
// known"): the caller makes it one line.
Result<GreyImage16> decode_png_grey16(const std::string& bytes);

}  // namespace losscape
