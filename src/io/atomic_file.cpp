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

}  // namespace

void writeFileAtomically(const std::string& given, const std::string& bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A symlink is written through: its target is replaced, the link stays.
  const std::string path = fs::is_symlink(given, ec) ? fs::weakly_canonical(given, ec).string() : given;
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  // A device or a pipe (/dev/stdout, /dev/null) is written directly: there is nothing
  // to rename over, and nothing of it to keep.
  if (exists && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw std::runtime_error(given + ": is a directory");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail(given, "cannot write the file", errno, "");
    size_t done = 0;
    const bool ok = writeAll(fd, bytes, done);
    const int err = errno;
    ::close(fd);
    if (!ok) fail(given, "writing failed after " + std::to_string(done) + " of " + std::to_string(bytes.size()) + " bytes", err, "");
    return;
  }
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
