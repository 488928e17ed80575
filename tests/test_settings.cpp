// The window's settings file: written atomically, read back, bad lines skipped with a warning.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

#include "session/settings.h"
#include "testing.h"

using bs::app::Settings;

TEST_CASE("settings are saved and loaded back; a missing file gives defaults") {
  const auto dir = std::filesystem::temp_directory_path() / ("backstep_settings_" + std::to_string(::getpid()));
  const std::string path = (dir / "sub" / "settings.ini").string();
  Settings none = Settings::load(path);
  CHECK(none.cifarPath.empty());
  CHECK(none.threads == 1);
  Settings s;
  s.cifarPath = "/data/cifar 10/cifar-10-batches-bin";
  s.threads = 2;
  s.save(path);  // creates the folder
  const Settings back = Settings::load(path);
  CHECK(back.cifarPath == s.cifarPath);
  CHECK(back.threads == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a hand-edited settings file with bad lines still loads") {
  const auto path = std::filesystem::temp_directory_path() / ("backstep_settings_bad_" + std::to_string(::getpid()) + ".ini");
  std::ofstream(path) << "# comment\ncifar = /x\nthreads = many\ncolour = blue\nnonsense\n";
  std::string warning;
  const Settings s = Settings::load(path.string(), &warning);
  CHECK(s.cifarPath == "/x");
  CHECK(s.threads == 1);
  CHECK(warning == path.string() + ":3: threads must be a number (ignored)");
  CHECK_THROWS_AS(s.save("/proc/no/settings.ini"), std::runtime_error);
  std::filesystem::remove(path);
}

TEST_CASE("a settings path that is a FIFO or a folder gives defaults and a warning, never a hang") {
  const auto dir = std::filesystem::temp_directory_path() / ("backstep_settings_special_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string fifo = (dir / "settings.ini").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string warning;
  const Settings s = Settings::load(fifo, &warning);
  CHECK(s.threads == 1);
  CHECK(warning == fifo + ": is a named pipe (FIFO), not a settings file (ignored)");
  warning.clear();
  (void)Settings::load(dir.string(), &warning);
  CHECK(warning == dir.string() + ": is a directory, not a settings file (ignored)");
  std::filesystem::remove_all(dir);
}

TEST_CASE("recent files, the last file and the window size are kept; each update keeps the other keys") {
  const auto path = std::filesystem::temp_directory_path() / ("backstep_settings_recent_" + std::to_string(::getpid()) + ".ini");
  std::filesystem::remove(path);
  Settings::update(path.string(), [](Settings& s) {
    for (int i = 0; i < 10; ++i) s.addRecent("/g/" + std::to_string(i) + ".bsg");
    s.addRecent("/g/5.bsg");  // again: moves to the front, once
    s.lastFile = "/g/5.bsg";
    s.windowWidth = 1024;
    s.windowHeight = 640;
  });
  Settings::update(path.string(), [](Settings& s) { s.threads = 2; });  // the training panel's keys alone
  const Settings back = Settings::load(path.string());
  CHECK(back.threads == 2);
  REQUIRE(back.recent.size() == Settings::kRecent);
  CHECK(back.recent[0] == "/g/5.bsg");
  CHECK(back.recent[1] == "/g/9.bsg");
  CHECK(std::count(back.recent.begin(), back.recent.end(), "/g/5.bsg") == 1);
  CHECK(back.lastFile == "/g/5.bsg");
  CHECK(back.windowWidth == 1024);
  CHECK(back.windowHeight == 640);
  std::ofstream(path) << "window = huge\n";
  std::string warning;
  CHECK(Settings::load(path.string(), &warning).windowWidth == 0);
  CHECK(warning == path.string() + ":1: window must look like 1280x800 (ignored)");
  std::filesystem::remove(path);
}
