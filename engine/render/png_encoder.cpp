#include "engine/render/png_encoder.hpp"

#include "engine/sim/worker_threads.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace losscape {
namespace {

// ---------------------------------------------------------------------------------------------
// Checksums.

constexpr std::uint32_t kAdlerBase = 65521;

const std::array<std::uint32_t, 256>& crc_table() {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  return table;
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t n, std::uint32_t crc = 0) {
  const auto& table = crc_table();
  crc = ~crc;
  for (std::size_t i = 0; i < n; ++i) crc = table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

// ---------------------------------------------------------------------------------------------
// Deflate with the fixed Huffman codes (RFC 1951, 3.2.6).

class BitWriter {
 public:
  explicit BitWriter(std::vector<std::uint8_t>& out) : out_(out) {}
  // The low `count` bits of `bits`, first bit first (deflate packs bits from the least significant).
  void put(std::uint64_t bits, int count) {
    buffer_ |= bits << filled_;
    filled_ += count;
    while (filled_ >= 8) {
      out_.push_back(static_cast<std::uint8_t>(buffer_));
      buffer_ >>= 8;
      filled_ -= 8;
    }
  }
  void align() {
    if (filled_ > 0) put(0, 8 - filled_);
  }

 private:
  std::vector<std::uint8_t>& out_;
  std::uint64_t buffer_ = 0;
  int filled_ = 0;
};

// Huffman codes are sent most significant bit first: store them reversed, ready for put().
std::uint32_t reversed(std::uint32_t code, int length) {
  std::uint32_t r = 0;
  for (int i = 0; i < length; ++i) r |= ((code >> i) & 1u) << (length - 1 - i);
  return r;
}

struct FixedCodes {
  std::array<std::uint16_t, 288> literal{};
  std::array<std::uint8_t, 288> literal_length{};
  std::array<std::uint8_t, 30> distance{};
  // Length 3..258 -> symbol 257..285 and its extra bits; distance 1..32768 -> code and extra.
  std::array<std::uint16_t, 259> length_symbol{}, length_extra_bits{}, length_extra{};
  FixedCodes() {
    for (int s = 0; s < 288; ++s) {
      int length = 0;
      std::uint32_t code = 0;
      if (s < 144) length = 8, code = 0x30u + static_cast<std::uint32_t>(s);
      else if (s < 256) length = 9, code = 0x190u + static_cast<std::uint32_t>(s - 144);
      else if (s < 280) length = 7, code = static_cast<std::uint32_t>(s - 256);
      else length = 8, code = 0xC0u + static_cast<std::uint32_t>(s - 280);
      literal[static_cast<std::size_t>(s)] = static_cast<std::uint16_t>(reversed(code, length));
      literal_length[static_cast<std::size_t>(s)] = static_cast<std::uint8_t>(length);
    }
    for (std::uint32_t d = 0; d < 30; ++d) distance[d] = static_cast<std::uint8_t>(reversed(d, 5));
    static const int base[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                               31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const int extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    for (int code = 0; code < 29; ++code) {
      const int last = code == 28 ? 258 : base[code + 1] - 1;
      for (int length = base[code]; length <= last; ++length) {  // 258 has its own symbol, 285
        length_symbol[static_cast<std::size_t>(length)] = static_cast<std::uint16_t>(257 + code);
        length_extra_bits[static_cast<std::size_t>(length)] = static_cast<std::uint16_t>(extra[code]);
        length_extra[static_cast<std::size_t>(length)] = static_cast<std::uint16_t>(length - base[code]);
      }
    }
  }
};

const FixedCodes& codes() {
  static const FixedCodes c;
  return c;
}

// Distance 1..32768 -> code 0..29 with its extra bits.
void distance_code(std::uint32_t d, std::uint32_t& code, std::uint32_t& extra_bits, std::uint32_t& extra) {
  if (d <= 4) {
    code = d - 1, extra_bits = 0, extra = 0;
    return;
  }
  const std::uint32_t top = 31u - static_cast<std::uint32_t>(__builtin_clz(d - 1));  // floor(log2(d - 1))
  extra_bits = top - 1;
  const std::uint32_t half = ((d - 1) >> extra_bits) & 1u;
  code = 2 * top + half;
  extra = (d - 1) & ((1u << extra_bits) - 1u);
}

constexpr int kHashBits = 15;
constexpr std::uint32_t kWindow = 32768;

std::uint32_t hash4(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return (v * 2654435761u) >> (32 - kHashBits);
}

// The length of the common prefix of a and b, at most `limit`.
std::size_t match_length(const std::uint8_t* a, const std::uint8_t* b, std::size_t limit) {
  std::size_t n = 0;
  while (n + 8 <= limit) {
    std::uint64_t x, y;
    std::memcpy(&x, a + n, 8);
    std::memcpy(&y, b + n, 8);
    if (x != y) return n + static_cast<std::size_t>(__builtin_ctzll(x ^ y) / 8);
    n += 8;
  }
  while (n < limit && a[n] == b[n]) ++n;
  return n;
}

// One band as one fixed-Huffman block: greedy LZ77, one probe of the most recent position with
// the same four bytes. A band that is not the last ends with a sync flush (an empty stored
// block), so the next band's block starts on a byte boundary and the two simply concatenate.
std::vector<std::uint8_t> deflate_band(const std::uint8_t* data, std::size_t n, bool last) {
  const FixedCodes& c = codes();
  std::vector<std::uint8_t> out;
  out.reserve(n / 3 + 64);
  BitWriter bits(out);
  bits.put(last ? 1 : 0, 1);  // BFINAL
  bits.put(1, 2);             // BTYPE 01: fixed Huffman codes
  std::vector<std::int32_t> table(std::size_t{1} << kHashBits, -1);
  auto literal = [&](std::uint8_t byte) { bits.put(c.literal[byte], c.literal_length[byte]); };
  std::size_t i = 0;
  while (i < n) {
    if (i + 4 <= n) {
      const std::uint32_t h = hash4(data + i);
      const std::int32_t candidate = table[h];
      table[h] = static_cast<std::int32_t>(i);
      if (candidate >= 0 && i - static_cast<std::size_t>(candidate) <= kWindow) {
        const std::size_t length = match_length(data + candidate, data + i, std::min<std::size_t>(258, n - i));
        if (length >= 4) {
          const std::uint16_t symbol = c.length_symbol[length];
          bits.put(c.literal[symbol], c.literal_length[symbol]);
          bits.put(c.length_extra[length], c.length_extra_bits[length]);
          std::uint32_t code, extra_bits, extra;
          distance_code(static_cast<std::uint32_t>(i - static_cast<std::size_t>(candidate)), code, extra_bits, extra);
          bits.put(c.distance[code], 5);
          bits.put(extra, static_cast<int>(extra_bits));
          // Remember the positions inside the match too (the next rows' matches start there).
          for (std::size_t k = i + 1; k < i + length && k + 4 <= n; ++k)
            table[hash4(data + k)] = static_cast<std::int32_t>(k);
          i += length;
          continue;
        }
      }
    }
    literal(data[i++]);
  }
  bits.put(c.literal[256], c.literal_length[256]);  // end of block
  if (last) {
    bits.align();
  } else {
    bits.put(0, 3);  // BFINAL 0, BTYPE 00: a stored block...
    bits.align();
    out.insert(out.end(), {0x00, 0x00, 0xFF, 0xFF});  // ...of length 0
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// PNG.

// Paeth's predictor (PNG filter type 4): the neighbour closest to left + up - up-left.
std::uint8_t paeth(int left, int up, int up_left) {
  const int p = left + up - up_left;
  const int pa = std::abs(p - left), pb = std::abs(p - up), pc = std::abs(p - up_left);
  if (pa <= pb && pa <= pc) return static_cast<std::uint8_t>(left);
  return static_cast<std::uint8_t>(pb <= pc ? up : up_left);
}

// Rows [first, last) as PNG scanlines (a filter byte, then the filtered pixels).
void filter_rows(const Image& image, int channels, int first, int last, std::uint8_t* out) {
  const std::size_t row_bytes = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(channels);
  std::vector<std::uint8_t> previous(row_bytes, 0), current(row_bytes);
  auto load = [&](int y, std::vector<std::uint8_t>& row) {
    const std::uint8_t* p = image.pixel(0, y);
    if (channels == 4) {
      std::memcpy(row.data(), p, row_bytes);
    } else {
      for (int x = 0; x < image.width; ++x) std::memcpy(&row[static_cast<std::size_t>(x) * 3], p + 4 * x, 3);
    }
  };
  if (first > 0) load(first - 1, previous);
  for (int y = first; y < last; ++y) {
    load(y, current);
    *out++ = 4;  // Paeth
    for (std::size_t i = 0; i < row_bytes; ++i) {
      const int left = i >= static_cast<std::size_t>(channels) ? current[i - static_cast<std::size_t>(channels)] : 0;
      const int up_left =
          i >= static_cast<std::size_t>(channels) ? previous[i - static_cast<std::size_t>(channels)] : 0;
      *out++ = static_cast<std::uint8_t>(current[i] - paeth(left, previous[i], up_left));
    }
    std::swap(previous, current);
  }
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void chunk(std::vector<std::uint8_t>& out, const char* type, const std::uint8_t* data, std::size_t n) {
  put32(out, static_cast<std::uint32_t>(n));
  const std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data, data + n);
  put32(out, crc32(&out[start], n + 4));
}

}  // namespace

std::uint32_t adler32(const std::uint8_t* data, std::size_t n) {
  std::uint32_t a = 1, b = 0;
  while (n > 0) {
    const std::size_t run = std::min<std::size_t>(n, 5552);  // zlib's NMAX: no overflow before the modulo
    for (std::size_t i = 0; i < run; ++i) {
      a += data[i];
      b += a;
    }
    a %= kAdlerBase;
    b %= kAdlerBase;
    data += run;
    n -= run;
  }
  return (b << 16) | a;
}

std::uint32_t adler32_combine(std::uint32_t a, std::uint32_t b, std::size_t b_length) {
  const std::uint32_t remainder = static_cast<std::uint32_t>(b_length % kAdlerBase);
  std::uint32_t sum1 = a & 0xFFFFu;
  std::uint32_t sum2 = static_cast<std::uint32_t>((static_cast<std::uint64_t>(remainder) * sum1) % kAdlerBase);
  sum1 += (b & 0xFFFFu) + kAdlerBase - 1;
  sum2 += (a >> 16) + (b >> 16) + kAdlerBase - remainder;
  if (sum1 >= kAdlerBase) sum1 -= kAdlerBase;
  if (sum1 >= kAdlerBase) sum1 -= kAdlerBase;
  if (sum2 >= 2 * kAdlerBase) sum2 -= 2 * kAdlerBase;
  if (sum2 >= kAdlerBase) sum2 -= kAdlerBase;
  return sum1 | (sum2 << 16);
}

std::vector<std::uint8_t> encode_png(const Image& image, unsigned threads) {
  bool opaque = true;
  for (std::size_t i = 3; i < image.rgba.size() && opaque; i += 4) opaque = image.rgba[i] == 255;
  const int channels = opaque ? 3 : 4;
  const std::size_t line = 1 + static_cast<std::size_t>(image.width) * static_cast<std::size_t>(channels);

  // Bands of rows, fixed by the height alone (about 128 rows each, at most 16).
  const int bands = std::clamp(image.height / 128, 1, 16);
  struct Band {
    int first = 0, last = 0;
    std::vector<std::uint8_t> filtered, deflated;
    std::uint32_t adler = 1;
  };
  std::vector<Band> band(static_cast<std::size_t>(bands));
  for (int b = 0; b < bands; ++b) {
    band[static_cast<std::size_t>(b)].first = static_cast<int>(static_cast<long long>(image.height) * b / bands);
    band[static_cast<std::size_t>(b)].last = static_cast<int>(static_cast<long long>(image.height) * (b + 1) / bands);
  }
  std::atomic<int> next{0};
  auto work = [&] {
    for (int b; (b = next.fetch_add(1)) < bands;) {
      Band& s = band[static_cast<std::size_t>(b)];
      s.filtered.resize(line * static_cast<std::size_t>(s.last - s.first));
      filter_rows(image, channels, s.first, s.last, s.filtered.data());
      s.adler = adler32(s.filtered.data(), s.filtered.size());
      s.deflated = deflate_band(s.filtered.data(), s.filtered.size(), b + 1 == bands);
      std::vector<std::uint8_t>().swap(s.filtered);
    }
  };
  const unsigned count = std::clamp(threads_to_use(threads), 1u, static_cast<unsigned>(bands));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();

  std::vector<std::uint8_t> zlib = {0x78, 0x01};  // deflate, 32K window, fastest (header check: 0x7801 % 31 == 0)
  std::uint32_t adler = 1;
  for (const Band& s : band) {
    zlib.insert(zlib.end(), s.deflated.begin(), s.deflated.end());
    adler = adler32_combine(adler, s.adler, line * static_cast<std::size_t>(s.last - s.first));
  }
  put32(zlib, adler);

  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> header;
  put32(header, static_cast<std::uint32_t>(image.width));
  put32(header, static_cast<std::uint32_t>(image.height));
  header.insert(header.end(), {8, static_cast<std::uint8_t>(opaque ? 2 : 6), 0, 0, 0});  // 8 bits, RGB or RGBA
  chunk(png, "IHDR", header.data(), header.size());
  chunk(png, "IDAT", zlib.data(), zlib.size());
  chunk(png, "IEND", nullptr, 0);
  return png;
}

}  // namespace losscape
