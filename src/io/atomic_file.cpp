#include "io/atomic_file.h"

#include <fcntl.h>
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

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "cannot write the file", errno, "");
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      fail(path, "writing the file failed after " + std::to_string(done) + " of " + std::to_string(bytes.size()) +
                     " bytes; the previous file is unchanged",
           err, tmp);
    }
    done += size_t(n);
  }
  // On disk before the rename: after a crash the target is the old file or the new one.
  const bool synced = ::fsync(fd) == 0;
  const int syncErr = errno;
  if (::close(fd) != 0 || !synced) fail(path, "writing the file failed; the previous file is unchanged", synced ? errno : syncErr, tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail(path, "cannot replace the file", errno, tmp);
}

}  // namespace bs::io
