#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace bs::io {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int err, const std::string& tmp) {
  if (!tmp.empty()) ::unlink(tmp.c_str());
  throw std::runtime_error(path + ": " + what + " (" + std::strerror(err) + ")");
}

// Writes all of `bytes` to fd; false with errno set if the system refused.
bool writeAll(int fd, const std::string& bytes, size_t& done) {
  for (done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    done += size_t(n);
  }
  return true;
}

// Where a write of `given` lands: a symlink is written through (its target is
// replaced, the link stays).
std::string target(const std::string& given) {
  std::error_code ec;
  return std::filesystem::is_symlink(given, ec) ? std::filesystem::weakly_canonical(given, ec).string() : given;
}

std::string temporaryName(const std::string& path) { return path + ".tmp" + std::to_string(::getpid()); }

// Creates the missing parent folders of `path` and opens its temporary file.
int openTemporary(const std::string& path, const std::string& tmp) {
  const std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  return ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

// Opens an existing path that is not a regular file (a device, a pipe) for writing.
int openSpecial(const std::string& given, const std::string& path, const struct stat& st, int flags) {
  if (S_ISDIR(st.st_mode)) throw std::runtime_error(given + ": is a directory");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | flags);
  if (fd < 0) fail(given, "cannot write the file", errno, "");
  return fd;
}

}  // namespace

void checkWritable(const std::string& given) {
  const std::string path = target(given);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    ::close(openSpecial(given, path, st, O_NONBLOCK));  // a pipe with no reader yet must not hang the check
    return;
  }
  const std::string tmp = temporaryName(path);
  const int fd = openTemporary(path, tmp);
  if (fd < 0) fail(given, "cannot write the file", errno, "");
  ::close(fd);
  ::unlink(tmp.c_str());
}

void writeFileAtomically(const std::string& given, const std::string& bytes) {
  const std::string path = target(given);
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  // A device or a pipe (/dev/stdout, /dev/null) is written directly: there is nothing
  // to rename over, and nothing of it to keep.
  if (exists && !S_ISREG(st.st_mode)) {
    const int fd = openSpecial(given, path, st, 0);
    size_t done = 0;
    const bool ok = writeAll(fd, bytes, done);
    const int err = errno;
    ::close(fd);
    if (!ok) fail(given, "writing failed after " + std::to_string(done) + " of " + std::to_string(bytes.size()) + " bytes", err, "");
    return;
  }
  const std::string tmp = temporaryName(path);
  const int fd = openTemporary(path, tmp);
  if (fd < 0) fail(given, "cannot write the file", errno, "");
  if (exists) ::fchmod(fd, st.st_mode & 07777);  // a replaced file keeps its mode
  size_t done = 0;
  if (!writeAll(fd, bytes, done)) {
    const int err = errno;
    ::close(fd);
    fail(given, "writing the file failed after " + std::to_string(done) + " of " + std::to_string(bytes.size()) +
                    " bytes; the previous file is unchanged",
         err, tmp);
  }
  // On disk before the rename: after a crash the target is the old file or the new one.
  const bool synced = ::fsync(fd) == 0;
  const int syncErr = errno;
  if (::close(fd) != 0 || !synced) fail(given, "writing the file failed; the previous file is unchanged", synced ? errno : syncErr, tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail(given, "cannot replace the file", errno, tmp);
}

}  // namespace bs::io
