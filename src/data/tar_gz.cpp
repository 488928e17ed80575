#include "data/tar_gz.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "data/cifar.h"
#include "i18n/i18n.h"

#ifdef BACKSTEP_HAVE_ZLIB
#include <zlib.h>
#endif

namespace bs::data {

#ifdef BACKSTEP_HAVE_ZLIB

bool canReadTarGz() { return true; }

namespace {

// No member we keep may claim more than this (CIFAR-10's are 30 730 000 bytes): a
// damaged header must not make us allocate gigabytes.
constexpr size_t kMaxMember = size_t(256) << 20;

size_t octal(const char* s, size_t n) {
  size_t v = 0;
  for (size_t i = 0; i < n && s[i]; ++i)
    if (s[i] >= '0' && s[i] <= '7') v = v * 8 + size_t(s[i] - '0');
  return v;
}

// The archive as a stream of bytes that counts what it has decompressed.
class Stream {
 public:
  Stream(const std::string& path, size_t maxBytes) : path_(path), f_(gzopen(path.c_str(), "rb")), max_(maxBytes) {
    if (!f_) throw DataError(fmt(tr("{}: cannot open the file"), path));
  }
  ~Stream() { gzclose(f_); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // Reads exactly n bytes (or fewer at the end of the stream).
  size_t read(char* buf, size_t n) {
    // A small file of zeros must not keep us busy for minutes.
    if (total_ + n > max_)
      throw DataError(fmt(tr("{}: more than {} bytes decompressed before the CIFAR-10 files were found; not the CIFAR-10 archive?"),
                          path_, max_));
    size_t got = 0;
    while (got < n) {
      const int r = gzread(f_, buf + got, unsigned(std::min<size_t>(n - got, 1u << 30)));
      if (r <= 0) break;
      got += size_t(r);
    }
    total_ += got;
    return got;
  }
  // zlib's complaint, if the stream is damaged.
  std::string error() const {
    int err = 0;
    const char* msg = gzerror(f_, &err);
    return err < 0 && msg ? msg : "";
  }

 private:
  const std::string& path_;
  gzFile f_;
  size_t max_, total_ = 0;
};

}  // namespace

std::map<std::string, std::string> readTarGz(const std::string& path, const std::vector<std::string>& names, size_t maxBytes) {
  Stream in(path, maxBytes);
  std::map<std::string, std::string> out;
  std::map<std::string, std::string> pathOf;  // base name -> the member it was read from
  char header[512];
  std::vector<char> buffer(size_t(1) << 16);
  while (out.size() < names.size()) {
    const size_t got = in.read(header, 512);
    if (got == 0) break;
    if (got < 512) throw DataError(fmt(tr("{}: the archive ends inside a header (truncated download?)"), path));
    if (header[0] == 0) break;  // end-of-archive block
    if (std::memcmp(header + 257, "ustar", 5) != 0) throw DataError(fmt(tr("{}: not a .tar.gz archive (expected cifar-10-binary.tar.gz)"), path));
    std::string name(header, strnlen(header, 100));
    std::string prefix(header + 345, strnlen(header + 345, 155));
    if (!prefix.empty()) name = prefix + "/" + name;
    const size_t size = octal(header + 124, 12);
    const char type = header[156];
    const size_t padded = (size + 511) / 512 * 512;
    const std::string base = std::filesystem::path(name).filename().string();
    const bool keep = (type == '0' || type == 0) && std::find(names.begin(), names.end(), base) != names.end();
    if (keep && pathOf.count(base))
      throw DataError(fmt(tr("{}: the archive holds {} twice ({} and {}); not the CIFAR-10 archive?"), path, base, pathOf[base], name));
    if (keep && size > kMaxMember)
      throw DataError(fmt(tr("{}: {} claims {} bytes, more than a CIFAR-10 file can have (30730000); not the CIFAR-10 archive?"),
                          path, name, size));
    // Read through a small buffer, kept members appended: a header's claim allocates
    // nothing until the bytes arrive.
    std::string content;
    size_t n = 0;
    for (size_t left = padded; left > 0;) {
      const size_t want = std::min(left, buffer.size());
      const size_t r = in.read(buffer.data(), want);
      if (keep) content.append(buffer.data(), r);
      n += r;
      left -= r;
      if (r < want) break;
    }
    if (n < size) throw DataError(fmt(tr("{}: {} is cut short (truncated download?)"), path, name));
    if (keep) {
      content.resize(size);
      out[base] = std::move(content);
      pathOf[base] = name;
    }
  }
  if (const std::string why = in.error(); !why.empty()) throw DataError(fmt(tr("{}: cannot decompress ({})"), path, why));
  return out;
}

#else

bool canReadTarGz() { return false; }
std::map<std::string, std::string> readTarGz(const std::string& path, const std::vector<std::string>&, size_t) {
  throw DataError(fmt(tr("{}: this build cannot read .tar.gz files (built without zlib)"), path));
}

#endif

}  // namespace bs::data
