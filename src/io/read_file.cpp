#include "io/read_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace bs::io {

namespace {

std::string bytes(std::uintmax_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

}  // namespace

std::string readFile(const std::string& path, std::uintmax_t limit, const std::string& kind) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw std::runtime_error(path + ": is a directory, not " + kind);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(path + ": cannot open the file (" + std::strerror(errno) + ")");
  const std::uintmax_t size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
  if (size > limit) {
    std::fclose(f);
    throw std::runtime_error(path + ": the file has " + std::to_string(size) + " bytes; " + kind + " may have at most " + bytes(limit));
  }
  // Read up to the limit (and one byte more, to notice a pipe or device that goes on).
  std::string out(size_t(size), '\0');
  out.resize(std::fread(out.data(), 1, out.size(), f));
  char more[4096];
  for (size_t n; (n = std::fread(more, 1, sizeof more, f)) > 0;) {
    out.append(more, n);
    if (out.size() > limit) {
      std::fclose(f);
      throw std::runtime_error(path + ": more than " + bytes(limit) + "; " + kind + " may have at most " + bytes(limit));
    }
  }
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw std::runtime_error(path + ": cannot read the file");
  return out;
}

}  // namespace bs::io
