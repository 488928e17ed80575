// Reads the regular files of a .tar.gz archive into memory (zlib + the ustar layout),
// so the CIFAR-10 download can be used without unpacking it.
#pragma once
#include <map>
#include <string>

namespace bs::data {

// Whether this build can read .tar.gz files (it needs zlib).
bool canReadTarGz();
// Member path -> contents, for the members whose base name passes `want`.
// Throws DataError if the file is not a readable gzip-compressed tar archive.
std::map<std::string, std::string> readTarGz(const std::string& path, bool (*want)(const std::string& baseName));

}  // namespace bs::data
