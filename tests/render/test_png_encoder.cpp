// The PNG encoder: what it writes decodes (with stb_image, an independent decoder) to exactly
// the pixels given, for images that compress well, badly and not at all, opaque or not, of odd
// and tiny sizes; and the bytes do not depend on the number of threads.
#include "engine/render/png_encoder.hpp"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdint>
#include <random>

using namespace losscape;

namespace {

Image make(int w, int h, const std::function<std::array<std::uint8_t, 4>(int, int)>& pixel) {
  Image image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 4)};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const auto p = pixel(x, y);
      std::copy(p.begin(), p.end(), image.pixel(x, y));
    }
  }
  return image;
}

void expect_round_trip(const Image& image, const char* what) {
  const std::vector<std::uint8_t> png = encode_png(image);
  int w = 0, h = 0, channels = 0;
  unsigned char* decoded = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &channels, 4);
  ASSERT_NE(decoded, nullptr) << what << ": " << stbi_failure_reason();
  EXPECT_EQ(w, image.width) << what;
  EXPECT_EQ(h, image.height) << what;
  bool opaque = true;
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) opaque = opaque && image.rgba[i] == 255;
  EXPECT_EQ(channels, opaque ? 3 : 4) << what << ": RGB when opaque, RGBA otherwise";
  EXPECT_EQ(std::vector<std::uint8_t>(decoded, decoded + image.rgba.size()), image.rgba) << what;
  stbi_image_free(decoded);
}

}  // namespace

TEST(PngEncoder, DecodesToExactlyThePixelsGiven) {
  std::mt19937 random(7);
  auto noise = [&](int, int) {
    return std::array<std::uint8_t, 4>{static_cast<std::uint8_t>(random()), static_cast<std::uint8_t>(random()),
                                       static_cast<std::uint8_t>(random()), 255};
  };
  expect_round_trip(make(257, 300, noise), "noise: nothing to compress");
  expect_round_trip(make(640, 480,
                         [](int x, int y) {
                           return std::array<std::uint8_t, 4>{static_cast<std::uint8_t>(x),
                                                              static_cast<std::uint8_t>(y),
                                                              static_cast<std::uint8_t>(x ^ y), 255};
                         }),
                    "gradients");
  expect_round_trip(make(1000, 700,
                         [](int, int y) {
                           return std::array<std::uint8_t, 4>{40, 44, static_cast<std::uint8_t>(y / 8), 255};
                         }),
                    "long runs: matches of the full 258 bytes, distances across rows");
  expect_round_trip(make(1, 1, [](int, int) { return std::array<std::uint8_t, 4>{1, 2, 3, 255}; }), "one pixel");
  expect_round_trip(make(3, 1, noise), "one row");
  expect_round_trip(make(1, 513, noise), "one column, several bands");
  expect_round_trip(make(301, 203,
                         [&](int x, int y) {
                           return std::array<std::uint8_t, 4>{static_cast<std::uint8_t>(x), 9,
                                                              static_cast<std::uint8_t>(y),
                                                              static_cast<std::uint8_t>((x + y) % 256)};
                         }),
                    "transparent: RGBA");
}

TEST(PngEncoder, TheBytesDoNotDependOnTheNumberOfThreads) {
  std::mt19937 random(3);
  const Image image = make(800, 1100, [&](int x, int y) {
    return std::array<std::uint8_t, 4>{static_cast<std::uint8_t>(x / 3 + (random() % 4)),
                                       static_cast<std::uint8_t>(y / 5), 90, 255};
  });
  const auto one = encode_png(image, 1);
  EXPECT_EQ(encode_png(image, 2), one);
  EXPECT_EQ(encode_png(image, 7), one);
}

TEST(PngEncoder, Adler32CombinesAsIfComputedInOnePass) {
  // zlib.adler32 of b"abc", b"defgh" and b"abcdefgh".
  const auto bytes = [](const char* s) { return reinterpret_cast<const std::uint8_t*>(s); };
  EXPECT_EQ(adler32(bytes("abc"), 3), 0x024d0127u);
  EXPECT_EQ(adler32(bytes("defgh"), 5), 0x05f501ffu);
  EXPECT_EQ(adler32_combine(0x024d0127u, 0x05f501ffu, 5), 0x0e000325u);
  // And in a real file: the zlib stream's last four bytes are the checksum of its data (stb_image
  // does not check it; other readers do). One band per 128 rows: this image has several.
  const Image image = make(50, 400, [](int x, int y) {
    return std::array<std::uint8_t, 4>{static_cast<std::uint8_t>(x * 5), static_cast<std::uint8_t>(y), 7, 255};
  });
  const std::vector<std::uint8_t> png = encode_png(image);
  std::vector<std::uint8_t> scanlines;  // what the stream holds: filtered rows, rebuilt from the pixels
  for (int y = 0; y < image.height; ++y) {
    scanlines.push_back(4);
    for (int x = 0; x < image.width; ++x) {
      for (int c = 0; c < 3; ++c) {
        const auto at = [&](int xx, int yy) { return xx < 0 || yy < 0 ? 0 : static_cast<int>(image.pixel(xx, yy)[c]); };
        const int left = at(x - 1, y), up = at(x, y - 1), up_left = at(x - 1, y - 1), p = left + up - up_left;
        const int pa = std::abs(p - left), pb = std::abs(p - up), pc = std::abs(p - up_left);
        const int predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : up_left;
        scanlines.push_back(static_cast<std::uint8_t>(at(x, y) - predicted));
      }
    }
  }
  const std::size_t iend = png.size() - 12, stored = iend - 4 /* IDAT's CRC */ - 4;
  const std::uint32_t checksum =
      static_cast<std::uint32_t>(png[stored]) << 24 | png[stored + 1] << 16 | png[stored + 2] << 8 | png[stored + 3];
  EXPECT_EQ(checksum, adler32(scanlines.data(), scanlines.size()));
}
