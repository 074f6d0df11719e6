#pragma once
// PNG encoding fast enough for screenshots and video frames. stb_image_write takes about 140 ms
// for a 1080p frame on one core (more on a busy machine), the whole budget of a screenshot; this
// encoder cuts the picture into bands, compresses them on every core at once, and joins them into
// one zlib stream the way parallel gzip tools do (a sync flush between bands). The compression is
// deliberately simple: one filter (Paeth) and deflate with the fixed Huffman codes and a single
// LZ77 probe, which is several times faster than stb and makes files a little larger. Plain C++;
// RFC 1950 (zlib), RFC 1951 (deflate), and the PNG specification are the references.
#include "engine/render/render_target.hpp"

#include <cstdint>
#include <vector>

namespace losscape {

// The bytes of a PNG file holding `image`: RGB when every pixel is opaque, RGBA otherwise (a
// picture with a transparent background). The bands depend on the image's height alone and the
// threads (0: every core) only share them out, so the same image gives the same bytes on any
// machine.
std::vector<std::uint8_t> encode_png(const Image& image, unsigned threads = 0);

// RFC 1950's Adler-32 checksum of n bytes.
std::uint32_t adler32(const std::uint8_t* data, std::size_t n);

// Adler-32 of (a's data followed by b's data), from each one's checksum and b's length: how the
// bands' checksums become the stream's (zlib's adler32_combine).
std::uint32_t adler32_combine(std::uint32_t a, std::uint32_t b, std::size_t b_length);

}  // namespace losscape
