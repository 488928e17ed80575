#include "data/tar_gz.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "data/cifar.h"

#ifdef BACKSTEP_HAVE_ZLIB
#include <zlib.h>
#endif

namespace bs::data {

#ifdef BACKSTEP_HAVE_ZLIB

bool canReadTarGz() { return true; }

namespace {

// Reads exactly n bytes (or fewer at the end of the stream).
size_t readFully(gzFile f, char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    int r = gzread(f, buf + got, unsigned(n - got));
    if (r <= 0) break;
    got += size_t(r);
  }
  return got;
}

// No member we keep may claim more than this (CIFAR-10's are 30 730 000 bytes): a
// damaged header must not make us allocate gigabytes.
constexpr size_t kMaxMember = size_t(256) << 20;

size_t octal(const char* s, size_t n) {
  size_t v = 0;
  for (size_t i = 0; i < n && s[i]; ++i)
    if (s[i] >= '0' && s[i] <= '7') v = v * 8 + size_t(s[i] - '0');
  return v;
}

}  // namespace

std::map<std::string, std::string> readTarGz(const std::string& path, bool (*want)(const std::string&)) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw DataError(path + ": cannot open the file");
  std::map<std::string, std::string> out;
  char header[512];
  while (true) {
    size_t got = readFully(f, header, 512);
    if (got == 0) break;
    if (got < 512) { gzclose(f); throw DataError(path + ": the archive ends inside a header (truncated download?)"); }
    if (header[0] == 0) break;  // end-of-archive block
    if (std::memcmp(header + 257, "ustar", 5) != 0) {
      gzclose(f);
      throw DataError(path + ": not a .tar.gz archive (expected cifar-10-binary.tar.gz)");
    }
    std::string name(header, strnlen(header, 100));
    std::string prefix(header + 345, strnlen(header + 345, 155));
    if (!prefix.empty()) name = prefix + "/" + name;
    const size_t size = octal(header + 124, 12);
    const char type = header[156];
    const size_t padded = (size + 511) / 512 * 512;
    const bool keep = (type == '0' || type == 0) && want(std::filesystem::path(name).filename().string());
    if (keep && size > kMaxMember) {
      gzclose(f);
      throw DataError(path + ": " + name + " claims " + std::to_string(size) +
                      " bytes, more than a CIFAR-10 file can have (30730000); not the CIFAR-10 archive?");
    }
    // Kept members are read whole; the others are skipped through a small buffer.
    std::string content(keep ? padded : std::min(padded, size_t(1) << 16), '\0');
    size_t n = 0;
    for (size_t left = padded; left > 0;) {
      const size_t chunk = keep ? left : std::min(left, content.size());
      const size_t r = readFully(f, content.data() + (keep ? n : 0), chunk);
      n += r;
      left -= r;
      if (r < chunk) break;
    }
    if (n < size) { gzclose(f); throw DataError(path + ": " + name + " is cut short (truncated download?)"); }
    if (keep) {
      content.resize(size);
      out[name] = std::move(content);
    }
  }
  int err = 0;
  const char* msg = gzerror(f, &err);
  std::string why = err < 0 && msg ? msg : "";
  gzclose(f);
  if (!why.empty()) throw DataError(path + ": cannot decompress (" + why + ")");
  return out;
}

#else

bool canReadTarGz() { return false; }
std::map<std::string, std::string> readTarGz(const std::string& path, bool (*)(const std::string&)) {
  throw DataError(path + ": this build cannot read .tar.gz files (built without zlib)");
}

#endif

}  // namespace bs::data
