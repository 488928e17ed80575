#include "io/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace bs::io {

namespace {

std::string bytes(std::uintmax_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

// What a file that is not a regular file is, for the message; "" for a regular file.
std::string notARegularFile(mode_t m) {
  if (S_ISREG(m)) return "";
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a named pipe (FIFO)";
  if (S_ISCHR(m) || S_ISBLK(m)) return "a device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
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
    if (errno == EISDIR) throw std::runtime_error(path + ": is a directory, not " + kind);
    throw std::runtime_error(path + ": cannot open the file (" + std::strerror(errno) + ")");
  }
  Fd f{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw std::runtime_error(path + ": cannot read the file (" + std::strerror(errno) + ")");
  if (const std::string what = notARegularFile(st.st_mode); !what.empty())
    throw std::runtime_error(path + ": is " + what + ", not " + kind);
  const std::uintmax_t size = std::uintmax_t(st.st_size);
  if (size > limit)
    throw std::runtime_error(path + ": the file has " + std::to_string(size) + " bytes; " + kind + " may have at most " + bytes(limit));
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  // Read what it has (a file still growing is cut at the limit, with a message).
  std::string out;
  out.reserve(size_t(size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(path + ": cannot read the file (" + std::strerror(errno) + ")");
    if (n == 0) break;
    out.append(buf, size_t(n));
    if (out.size() > limit)
      throw std::runtime_error(path + ": more than " + bytes(limit) + "; " + kind + " may have at most " + bytes(limit));
  }
  return out;
}

}  // namespace bs::io
