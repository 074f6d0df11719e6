// Height fields from PNG images (no GL needed, but the PNG code lives in the render layer).
#include "engine/scene/height_field_png.hpp"
#include "tests/take_result.hpp"
#include "tests/temp_folder.hpp"

#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <filesystem>
#include <fstream>

using namespace losscape;

TEST(HeightFieldPng, GreyLevelsBecomeHeightsWithTheTopRowFarthest) {
  // An 8-bit 8 x 6 ramp: grey rises to the right; the top image row is brighter than the bottom.
  const int w = 8, h = 6;
  std::vector<unsigned char> grey(static_cast<std::size_t>(w * h));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x)
      grey[static_cast<std::size_t>(y * w + x)] = static_cast<unsigned char>(x * 30 + (h - 1 - y) * 5);
  }
  const auto path = losscape::testing::temp_folder() / "ramp.png";
  ASSERT_TRUE(stbi_write_png(path.c_str(), w, h, 1, grey.data(), w));
  std::string error;
  auto field = losscape::testing::take(load_height_field_png(path.string(), {0.0, 7.0, 0.0, 5.0}, -1.0, 1.0), error);
  ASSERT_NE(field, nullptr) << error;
  // Node (x=3, y=0) is the image's bottom row: grey 3*30 + 0 = 90.
  EXPECT_NEAR(field->value({3.0, 0.0}), -1.0 + 2.0 * 90.0 / 255.0, 1e-12);
  // Node (x=2, y=5) is the top row: grey 2*30 + 25 = 85.
  EXPECT_NEAR(field->value({2.0, 5.0}), -1.0 + 2.0 * 85.0 / 255.0, 1e-12);
  EXPECT_GT(field->gradient({3.5, 2.5}).x, 0.0);
  EXPECT_GT(field->gradient({3.5, 2.5}).y, 0.0);
}

TEST(HeightFieldPng, NotAnImageIsAClearError) {
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_height_field_png("/nonexistent/x.png", {}, 0.0, 1.0), error), nullptr);
  EXPECT_EQ(error.rfind("cannot read /nonexistent/x.png: ", 0), 0u) << error;
}

namespace {

std::filesystem::path write_file(const std::string& name, const std::string& bytes) {
  const auto path = losscape::testing::temp_folder() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

// Found by fuzz_height_field (libFuzzer: out-of-memory, 2 GB): stb_image takes any file it can
// guess a format for, and these 55 bytes of text pass for a TGA image of 1.8 GB.
TEST(HeightFieldPng, OnlyAPngIsDecodedNeverWhatStbGuessesAFileMightBe) {
  const std::string text(",\x00\x0a"
                         "1e0a:3n,1`\x8e\x18"
                         "0 3\x0a"
                         "2 1 0 1 2\x0a,#\x00\x09,4\x0a"
                         "1e0a3n,1`\xff\xff\xff\xff\x0a\x0c\x00\x00\x00"
                         "4",
                         55);
  const auto path = write_file("not-a-png.png", text);
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_height_field_png(path.string(), {}, 0.0, 1.0), error), nullptr);
  EXPECT_EQ(error, "cannot read " + path.string() + ": not a PNG file");
  std::filesystem::remove(path);
}

// A PNG header may claim any size up to 2^24 a side, and stb allocates the whole image before it
// finds the data too short: the size is checked first, with the CSV loader's limit.
TEST(HeightFieldPng, AnImageOfMoreThanSixteenMillionPixelsIsRefusedBeforeDecoding) {
  const std::string header("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x4e\x20\x00\x00\x4e\x20\x10\x00\x00\x00\x00",
                           29);
  const auto path = write_file("huge.png", header + std::string(4, '\0') + std::string("\x00\x00\x00\x00IEND", 8));
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_height_field_png(path.string(), {}, 0.0, 1.0), error), nullptr);
  EXPECT_EQ(error, path.string() + ": 20000 x 20000 pixels is more than 16 million");
  std::filesystem::remove(path);
}

// Found by fuzz_height_field (libFuzzer: malloc of 2 GB): stb sizes its buffer for the compressed
// data from each chunk's declared length before reading the chunk, so a file of 78 bytes whose
// second IDAT chunk claims 2^30 bytes cost 2 GB. Every chunk must now fit in the file.
TEST(HeightFieldPng, AChunkLongerThanTheFileIsRefusedBeforeStbAllocatesForIt) {
  const std::filesystem::path path = std::filesystem::path(LOSSCAPE_SOURCE_DIR) / "tests/bad-input/chunk-past-end.png";
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_height_field_png(path.string(), {}, 0.0, 1.0), error), nullptr);
  EXPECT_EQ(error,
            "cannot read " + path.string() + ": chunk 'IDAT' at byte 55 claims 1073741824 bytes, the file has 11 left");
}

// Found by fuzz_height_field: stb names an unknown chunk by its four bytes, here "\r\n\x1a\n" (in
// the fuzzer's file, a second PNG signature where a chunk should be; here an empty chunk after the
// header), which broke the message over two lines.
TEST(HeightFieldPng, AChunkTypeOfControlBytesIsQuotedOnOneLine) {
  const std::filesystem::path path =
      std::filesystem::path(LOSSCAPE_SOURCE_DIR) / "tests/bad-input/chunk-type-control-bytes.png";
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_height_field_png(path.string(), {}, 0.0, 1.0), error), nullptr);
  EXPECT_EQ(error, "cannot read " + path.string() + ": \\r\\n\\x1a\\n PNG chunk not known");
}

// Found by fuzz_height_field: a chunk header in the file's last 8 bytes claiming a gigabyte, with
// no room for its CRC, slipped past the check above (it wanted 12 bytes), and stb then asked for
// 2 GB.
TEST(HeightFieldPng, AChunkHeaderAtTheVeryEndIsCheckedToo) {
  const std::filesystem::path path =
      std::filesystem::path(LOSSCAPE_SOURCE_DIR) / "tests/bad-input/chunk-header-at-the-end.png";
  std::string error;
  EXPECT_EQ(losscape::testing::take(load_height_field_png(path.string(), {}, 0.0, 1.0), error), nullptr);
  EXPECT_EQ(error,
            "cannot read " + path.string() + ": chunk 'IDAT' at byte 184 claims 1073827377 bytes, the file has 0 left");
}
