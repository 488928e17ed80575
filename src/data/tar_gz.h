// Reads the regular files of a .tar.gz archive into memory (zlib + the ustar layout),
// so the CIFAR-10 download can be used without unpacking it.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace bs::data {

// Whether this build can read .tar.gz files (it needs zlib).
bool canReadTarGz();
// Base name -> contents of the regular members whose base name is one of `names`.
// Reading stops once every name is found. Throws DataError if the file is not a
// readable gzip-compressed tar archive, holds a wanted name twice, has a wanted member
// larger than a CIFAR-10 file can be, or decompresses to more than `maxBytes` before
// the names are found (a decompression bomb, or not the CIFAR-10 archive; the real one
// holds 184 MB; tests pass a small limit).
std::map<std::string, std::string> readTarGz(const std::string& path, const std::vector<std::string>& names,
                                             size_t maxBytes = size_t(1) << 30);

}  // namespace bs::data
