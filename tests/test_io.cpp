// src/io: whole-file reads refuse folders, FIFOs, devices and files over their limit
// with a message; writes go through symlinks, keep modes and write devices directly;
// atomic writes: a write that fails or is killed half-way leaves the previous file as
// it was. The failures are made real with RLIMIT_FSIZE in a child process: past the
// limit write() fails with EFBIG (a full disk, as the program sees it) or, with
// SIGXFSZ's default action, the kernel kills the writer in the middle of the file.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/atomic_file.h"
#include "io/read_file.h"

namespace fs = std::filesystem;
using bs::io::writeFileAtomically;

namespace {

fs::path freshDir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("backstep-io-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

int filesIn(const fs::path& d) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(d)) ++n;
  return n;
}

// Runs `writeFileAtomically(path, 4 MiB)` in a child limited to 1 MiB per file.
// Returns the child's wait status; with `killed` the child dies of SIGXFSZ mid-write,
// otherwise it exits 0 when the write threw std::runtime_error and 1 when it did not.
int writeTooMuchInChild(const fs::path& path, bool killed) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::signal(SIGXFSZ, killed ? SIG_DFL : SIG_IGN);
    rlimit lim{1 << 20, 1 << 20};
    ::setrlimit(RLIMIT_FSIZE, &lim);
    try {
      writeFileAtomically(path.string(), std::string(4 << 20, 'n'));
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      ::_exit(what.find(path.string() + ": writing the file failed") == 0 &&
                      what.find("the previous file is unchanged") != std::string::npos
                  ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("an atomic write replaces the file and leaves no temporary behind") {
  const fs::path d = freshDir("replace");
  const fs::path p = d / "sub" / "model.bin";  // missing folders are made
  writeFileAtomically(p.string(), "first");
  CHECK(slurp(p) == "first");
  writeFileAtomically(p.string(), "second, longer");
  CHECK(slurp(p) == "second, longer");
  writeFileAtomically(p.string(), "");
  CHECK(slurp(p).empty());
  CHECK(filesIn(d / "sub") == 1);
  fs::remove_all(d);
}

TEST_CASE("a write that fails half-way (disk full) keeps the previous file and removes the temporary") {
  const fs::path d = freshDir("full");
  const fs::path p = d / "runs.csv";
  writeFileAtomically(p.string(), "epoch,loss\n1,0.5\n");
  const int status = writeTooMuchInChild(p, false);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);  // it threw, with the file's name and the reason
  CHECK(slurp(p) == "epoch,loss\n1,0.5\n");
  CHECK(filesIn(d) == 1);
  fs::remove_all(d);
}

TEST_CASE("a writer killed half-way leaves the previous file intact") {
  const fs::path d = freshDir("killed");
  const fs::path p = d / "model.bin";
  writeFileAtomically(p.string(), "the good model");
  const int status = writeTooMuchInChild(p, true);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGXFSZ);
  CHECK(slurp(p) == "the good model");
  // What the killed writer left is its temporary file, 1 MiB of the 4, beside it.
  int partial = 0;
  for (const auto& e : fs::directory_iterator(d))
    if (e.path() != p) {
      ++partial;
      CHECK(e.path().filename().string().rfind("model.bin.tmp", 0) == 0);
      CHECK(fs::file_size(e.path()) == (1u << 20));
    }
  CHECK(partial == 1);
  fs::remove_all(d);
}

TEST_CASE("a file that cannot be written is an error naming it and the reason") {
  const fs::path d = freshDir("denied");
  std::ofstream(d / "a-file") << "x";
  const std::string bad = (d / "a-file" / "out.csv").string();  // a folder that is a file: refused even for root
  const std::string expected = bad + ": cannot write the file (Not a directory)";
  CHECK_THROWS_WITH_AS(writeFileAtomically(bad, "x"), doctest::Contains(expected.c_str()), std::runtime_error);
  fs::remove_all(d);
}

TEST_CASE("an output is checked before a long run as the write would go, leaving nothing behind") {
  const fs::path d = freshDir("check");
  std::ofstream(d / "a-file") << "kept";
  // What the write would refuse, refused now with the same message.
  const std::string bad = (d / "a-file" / "out.csv").string();
  CHECK_THROWS_WITH_AS(bs::io::checkWritable(bad), doctest::Contains((bad + ": cannot write the file (Not a directory)").c_str()), std::runtime_error);
  CHECK_THROWS_WITH_AS(bs::io::checkWritable(d.string()), doctest::Contains((d.string() + ": is a directory").c_str()), std::runtime_error);
  // A new file in a new folder, an existing file and a device pass; the file keeps its bytes, no temporary stays.
  bs::io::checkWritable((d / "new" / "out.csv").string());
  bs::io::checkWritable((d / "a-file").string());
  bs::io::checkWritable("/dev/null");
  CHECK(fs::is_directory(d / "new"));
  CHECK(fs::is_empty(d / "new"));
  std::ifstream in(d / "a-file");
  std::string kept;
  in >> kept;
  CHECK(kept == "kept");
  CHECK(std::distance(fs::directory_iterator(d), fs::directory_iterator()) == 2);
  fs::remove_all(d);
}

TEST_CASE("whole-file reads: the file, or a message naming it and what is wrong") {
  const fs::path d = freshDir("read");
  writeFileAtomically((d / "ok.txt").string(), "three\nlines\n");
  CHECK(bs::io::readFile((d / "ok.txt").string(), 100, "a graph file") == "three\nlines\n");
  CHECK(bs::io::readFile((d / "ok.txt").string(), 12, "a graph file").size() == 12);  // exactly at the limit
  const std::string big = (d / "ok.txt").string() + ": the file has 12 bytes; a graph file may have at most 11 bytes";
  CHECK_THROWS_WITH_AS(bs::io::readFile((d / "ok.txt").string(), 11, "a graph file"), big.c_str(), std::runtime_error);
  const std::string dir = d.string() + ": is a directory, not an answers file";
  CHECK_THROWS_WITH_AS(bs::io::readFile(d.string(), 100, "an answers file"), dir.c_str(), std::runtime_error);
  const std::string missing = (d / "nope").string() + ": cannot open the file (No such file or directory)";
  CHECK_THROWS_WITH_AS(bs::io::readFile((d / "nope").string(), 100, "a model file"), missing.c_str(), std::runtime_error);
  fs::remove_all(d);
}

TEST_CASE("special files are refused before reading: a FIFO does not hang, a device is not read") {
  const fs::path d = freshDir("special");
  const fs::path fifo = d / "answers.txt";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string pipe = fifo.string() + ": is a named pipe (FIFO), not an answers file";
  CHECK_THROWS_WITH_AS(bs::io::readFile(fifo.string(), 100, "an answers file"), pipe.c_str(), std::runtime_error);
  CHECK_THROWS_WITH_AS(bs::io::readFile("/dev/zero", 1 << 20, "a preset"), "/dev/zero: is a device, not a preset", std::runtime_error);
  // Through a symlink, the file it points to is read.
  writeFileAtomically((d / "real.bsg").string(), "input x = 1\n");
  fs::create_symlink(d / "real.bsg", d / "link.bsg");
  CHECK(bs::io::readFile((d / "link.bsg").string(), 100, "a graph file") == "input x = 1\n");
  fs::remove_all(d);
}

TEST_CASE("writes go through a symlink, keep the file's mode, and write a device directly") {
  const fs::path d = freshDir("write-special");
  const fs::path real = d / "runs" / "run.csv", link = d / "run.csv";
  writeFileAtomically(real.string(), "old\n");
  fs::create_symlink(real, link);
  writeFileAtomically(link.string(), "new\n");
  CHECK(fs::is_symlink(link));  // the link stays a link
  CHECK(slurp(real) == "new\n");
  CHECK(filesIn(d / "runs") == 1);  // no temporary left beside the target
  // A replaced file keeps its mode (a read-only-for-others model, an executable script).
  fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec);
  writeFileAtomically(real.string(), "again\n");
  CHECK(fs::status(real).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec));
  // A device is written as it is, not renamed over (it would be replaced by a file).
  writeFileAtomically("/dev/null", "discarded");
  CHECK(fs::is_character_file("/dev/null"));
  // A folder cannot be written as a file.
  const std::string dir = d.string() + ": is a directory";
  CHECK_THROWS_WITH_AS(writeFileAtomically(d.string(), "x"), dir.c_str(), std::runtime_error);
  fs::remove_all(d);
}
