#pragma once
// A cheap look at an HDF5 file's first structures before HDF5 itself reads it: the signature (at
// byte 0, 512, 1024, 2048, ...: HDF5 allows a user block before it), the superblock's version and
// sizes, the file's length as the superblock records it, and the root group's links and the heap
// of their names. HDF5 1.10.8 reads a corrupt file's structure on trust (a heap that claims
// exabytes is allocated before it is read; a name is read at whatever offset a node gives), so
// what can be refused here in a clear line is refused before it opens: not HDF5 at all, a
// superblock that cannot be one, a root group whose nodes or names lie outside the file or their
// heap, and a file cut short (a copy or a download that did not finish), the common way a real
// file is broken.
#include "engine/core/result.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace losscape {

// Up to N bytes of the file from byte AT (fewer at its end).
using ByteReader = std::function<std::string(std::uint64_t at, std::size_t n)>;

// A file of FILE_SIZE bytes read through READ: fine, or one line starting with PATH.
Status check_hdf5_structure(const ByteReader& read, std::uint64_t file_size, const std::string& path);

// The same for the file at PATH.
Status check_hdf5_file(const std::string& path);

}  // namespace losscape
