// Only the HDF5 readers use it: the browser build (no HDF5, a 32-bit size_t) compiles it to nothing.
#ifdef LOSSCAPE_HAVE_HDF5

#include "engine/scene/hdf5_superblock.hpp"

#include <fstream>
#include <optional>
#include <string_view>

namespace losscape {
namespace {

constexpr std::string_view kSignature = "\x89HDF\r\n\x1a\n";
constexpr std::size_t kSuperblockBytes = 128;  // more than any superblock's fixed part with 8-byte addresses

// The little-endian unsigned number of `size` bytes at `at`, if there are that many.
std::optional<std::uint64_t> read_number(std::string_view bytes, std::size_t at, std::size_t size) {
  if (at + size > bytes.size()) return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < size; ++i) v |= std::uint64_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return v;
}

struct Superblock {
  std::uint64_t version, offsets, lengths, base, eof;
  std::uint64_t undefined;  // the address that means none: all bits set
};

std::optional<Superblock> parse_superblock(std::string_view bytes) {
  const auto version = read_number(bytes, 8, 1);
  if (!version || *version > 3) return std::nullopt;
  // Versions 0 and 1 keep the sizes at bytes 13 and 14 and the addresses from byte 24 (28 in
  // version 1); versions 2 and 3 at bytes 9 and 10, the addresses from byte 12. The end-of-file
  // address is the third address in both, counted from the base address (the first).
  const bool old = *version < 2;
  const auto offsets = read_number(bytes, old ? 13 : 9, 1);
  const auto lengths = read_number(bytes, old ? 14 : 10, 1);
  const auto valid_size = [](std::optional<std::uint64_t> s) { return s && (*s == 2 || *s == 4 || *s == 8); };
  if (!valid_size(offsets) || !valid_size(lengths)) return std::nullopt;
  const std::size_t first_address = *version == 0 ? 24 : *version == 1 ? 28 : 12;
  const auto base = read_number(bytes, first_address, *offsets);
  const auto eof = read_number(bytes, first_address + 2 * *offsets, *offsets);
  const std::uint64_t undefined = *offsets == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * *offsets)) - 1;
  if (!base || !eof || *base == undefined || *eof == undefined) return std::nullopt;
  return Superblock{*version, *offsets, *lengths, *base, *eof, undefined};
}

// Versions 0 and 1 keep the root group's links in a B-tree of symbol-table nodes, their names in a
// local heap. The root's symbol-table entry (after the four addresses: link name offset, object
// header, cache type, reserved, then a scratch pad) names both when its cache type is 1, and the
// root's object header holds them in its symbol-table message, which is what HDF5 reads to look a
// name up. HDF5 1.10.8 allocates a heap's size as its header says, and reads a name at any offset
// a node gives, up to a NUL wherever that is: so each heap must lie in the file and end with a
// NUL, and every name offset (the nodes' keys and links) must be inside it.
class RootGroupCheck {
 public:
  RootGroupCheck(const ByteReader& read, const Superblock& s) : read_(read), s_(s) {}

  bool fits(std::string_view superblock) {
    const std::size_t entry = (s_.version == 0 ? 24 : 28) + 4 * s_.offsets;
    const auto header = read_number(superblock, entry + s_.offsets, s_.offsets);
    const auto cache_type = read_number(superblock, entry + 2 * s_.offsets, 4);
    if (!header || !cache_type) return false;
    if (*cache_type == 1) {
      const auto tree = read_number(superblock, entry + 2 * s_.offsets + 8, s_.offsets);
      const auto heap = read_number(superblock, entry + 3 * s_.offsets + 8, s_.offsets);
      if (!tree || !heap || !group_fits(*tree, *heap)) return false;
    }
    return header_fits(*header);
  }

 private:
  // An object header of version 1 (version, reserved, message count, reference count, size, padding
  // to 16 bytes; then each message: type, size, flags, 3 reserved bytes, its data padded to 8): its
  // symbol-table messages (type 0x11: the B-tree's and the heap's addresses), in its first block.
  // A version 2 header ("OHDR") keeps no symbol table in a file of this superblock's age.
  bool header_fits(std::uint64_t address) {
    const std::string prefix = bytes_at(address, 16);
    if (!in_file(address, 16)) return false;
    if (prefix.substr(0, 4) == "OHDR") return true;
    const auto version = read_number(prefix, 0, 1);
    const auto size = read_number(prefix, 8, 4);
    if (!version || *version != 1 || !size || !in_file(address + 16, *size)) return false;
    const std::string messages =
        bytes_at(address + 16, static_cast<std::size_t>(std::min<std::uint64_t>(*size, 1 << 16)));
    for (std::size_t at = 0; at + 8 <= messages.size();) {
      const auto type = read_number(messages, at, 2);
      const auto length = read_number(messages, at + 2, 2);
      if (*type == 0x11) {
        const auto tree = read_number(messages, at + 8, s_.offsets);
        const auto heap = read_number(messages, at + 8 + s_.offsets, s_.offsets);
        if (!tree || !heap || !group_fits(*tree, *heap)) return false;
      }
      at += 8 + ((*length + 7) / 8) * 8;
    }
    return true;
  }

  bool group_fits(std::uint64_t tree, std::uint64_t heap) {
    nodes_ = 0;
    return heap_fits(heap) && node_fits(tree, 0);
  }

 private:
  static constexpr int kMaxNodes = 4096, kMaxDepth = 16;
  const ByteReader& read_;
  const Superblock& s_;
  std::uint64_t heap_size_ = 0;
  int nodes_ = 0;

  bool in_file(std::uint64_t address, std::uint64_t size) const {
    return address != s_.undefined && address <= s_.eof && size <= s_.eof - address;
  }
  std::string bytes_at(std::uint64_t address, std::size_t n) const { return read_(s_.base + address, n); }

  // "HEAP", version, 3 reserved bytes, the data's size, the free list's offset, the data's address.
  bool heap_fits(std::uint64_t heap) {
    const std::string header = bytes_at(heap, 8 + 2 * s_.lengths + s_.offsets);
    if (!in_file(heap, header.size()) || header.substr(0, 4) != "HEAP") return false;
    const auto size = read_number(header, 8, s_.lengths);
    const auto data = read_number(header, 8 + 2 * s_.lengths, s_.offsets);
    if (!size || !data || *size == 0 || !in_file(*data, *size)) return false;
    heap_size_ = *size;
    return bytes_at(*data + *size - 1, 1) == std::string(1, '\0');
  }

  // A B-tree node ("TREE", type 0, level, entries, two siblings, then keys and children in turn)
  // or, below level 0, a symbol-table node ("SNOD", version, reserved, count, then the entries).
  bool node_fits(std::uint64_t address, int depth) {
    if (++nodes_ > kMaxNodes || depth > kMaxDepth) return false;
    const std::string head = bytes_at(address, 8 + 2 * s_.offsets);
    if (!in_file(address, head.size()) || head.substr(0, 4) != "TREE" || head[4] != 0) return false;
    const auto level = read_number(head, 5, 1);
    const auto entries = read_number(head, 6, 2);
    if (!level || !entries) return false;
    const std::size_t pair = s_.lengths + s_.offsets;
    const std::string body = bytes_at(address + head.size(), *entries * pair + s_.lengths);
    if (body.size() != *entries * pair + s_.lengths) return false;
    for (std::size_t i = 0; i <= *entries; ++i) {
      const auto key = read_number(body, i * pair, s_.lengths);
      if (!key || *key >= heap_size_) return false;
      if (i == *entries) break;
      const auto child = read_number(body, i * pair + s_.lengths, s_.offsets);
      if (!child || !(*level > 0 ? node_fits(*child, depth + 1) : symbols_fit(*child))) return false;
    }
    return true;
  }

  bool symbols_fit(std::uint64_t address) {
    if (++nodes_ > kMaxNodes) return false;
    const std::string head = bytes_at(address, 8);
    const auto count = read_number(head, 6, 2);
    if (!in_file(address, head.size()) || head.substr(0, 4) != "SNOD" || !count) return false;
    const std::size_t entry = 2 * s_.offsets + 24;
    const std::string entries = bytes_at(address + 8, *count * entry);
    if (entries.size() != *count * entry) return false;
    for (std::size_t i = 0; i < *count; ++i) {
      const auto name = read_number(entries, i * entry, s_.offsets);
      if (!name || *name >= heap_size_) return false;
    }
    return true;
  }
};

}  // namespace

Status check_hdf5_structure(const ByteReader& read, std::uint64_t file_size, const std::string& path) {
  // Where HDF5 looks (H5FD_locate_signature): byte 0, then 512, 1024, 2048, ... within the file.
  std::optional<std::string> superblock;
  for (std::uint64_t at = 0; at + kSignature.size() <= file_size; at = at == 0 ? 512 : 2 * at) {
    std::string bytes = read(at, kSuperblockBytes);
    if (std::string_view(bytes).substr(0, kSignature.size()) == kSignature) {
      superblock = std::move(bytes);
      break;
    }
  }
  if (!superblock) return Error{path + ": not an HDF5 file"};
  const auto s = parse_superblock(*superblock);
  if (!s || s->base > file_size) return Error{path + ": not a readable HDF5 file (its superblock is corrupt)"};
  if (s->eof > file_size - s->base) {
    return Error{path + ": cut short: its superblock says " + std::to_string(s->base + s->eof) +
                 " bytes, the file has " + std::to_string(file_size)};
  }
  if (s->version < 2 && !RootGroupCheck(read, *s).fits(*superblock)) {
    return Error{path + ": not a readable HDF5 file (its root group is corrupt)"};
  }
  return {};
}

Status check_hdf5_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size < 0) return Error{"cannot read " + path};
  const ByteReader read = [&](std::uint64_t at, std::size_t n) {
    std::string bytes;
    if (at >= static_cast<std::uint64_t>(size)) return bytes;
    bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(n, static_cast<std::uint64_t>(size) - at)));
    in.clear();
    in.seekg(static_cast<std::streamoff>(at));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
  };
  return check_hdf5_structure(read, static_cast<std::uint64_t>(size), path);
}

}  // namespace losscape

#endif
