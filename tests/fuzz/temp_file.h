// A fuzz input as a file, for the readers that take a path: written to a fresh
// temporary file, removed when this goes out of scope.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

struct FuzzFile {
  std::string path;
  bool written = false;
  // In memory where there is a tmpfs: a file (and an fsync) per input on a disk
  // would make the fuzzer wait on the disk, not run.
  FuzzFile(const uint8_t* data, size_t size, const std::string& name)
      : path(std::string(access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") + "/backstep-fuzz-" + name + "-XXXXXX") {
    const int fd = mkstemp(path.data());
    if (fd < 0) return;
    written = write(fd, data, size) == ssize_t(size);
    close(fd);
  }
  ~FuzzFile() { std::remove(path.c_str()); }
  FuzzFile(const FuzzFile&) = delete;
  FuzzFile& operator=(const FuzzFile&) = delete;
};
