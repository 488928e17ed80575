#include "io/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "i18n/i18n.h"

namespace bs::io {

namespace {

std::string bytes(std::uintmax_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return fmt(tr("{} MiB"), n >> 20);
  return fmt(tr("{} bytes"), n);
}

// What a file that is not a regular file is, for the message; "" for a regular file.
std::string notARegularFile(mode_t m) {
  if (S_ISREG(m)) return "";
  if (S_ISDIR(m)) return tr("a directory");
  if (S_ISFIFO(m)) return tr("a named pipe (FIFO)");
  if (S_ISCHR(m) || S_ISBLK(m)) return tr("a device");
  if (S_ISSOCK(m)) return tr("a socket");
  return tr("not a regular file");
}

struct Fd {
  int fd;
  ~Fd() { ::close(fd); }
};

}  // namespace

std::string readFile(const std::string& path, std::uintmax_t limit, const std::string& kind) {
  // Opened without blocking (a FIFO with no writer would wait forever), then checked
  // on the open file itself, so nothing can be swapped in between.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == EISDIR) throw std::runtime_error(fmt(tr("{}: is a directory, not {}"), path, kind));
    throw std::runtime_error(fmt(tr("{}: cannot open the file ({})"), path, std::strerror(errno)));
  }
  Fd f{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw std::runtime_error(fmt(tr("{}: cannot read the file ({})"), path, std::strerror(errno)));
  if (const std::string what = notARegularFile(st.st_mode); !what.empty())
    throw std::runtime_error(fmt(tr("{}: is {}, not {}"), path, what, kind));
  const std::uintmax_t size = std::uintmax_t(st.st_size);
  if (size > limit)
    throw std::runtime_error(fmt(tr("{}: the file has {} bytes; {} may have at most {}"), path, size, kind, bytes(limit)));
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  // Read what it has (a file still growing is cut at the limit, with a message).
  std::string out;
  out.reserve(size_t(size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(fmt(tr("{}: cannot read the file ({})"), path, std::strerror(errno)));
    if (n == 0) break;
    out.append(buf, size_t(n));
    if (out.size() > limit)
      throw std::runtime_error(fmt(tr("{}: more than {}; {} may have at most {}"), path, bytes(limit), kind, bytes(limit)));
  }
  return out;
}

}  // namespace bs::io
