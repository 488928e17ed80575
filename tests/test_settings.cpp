// The window's settings file: written atomically, read back, bad lines skipped with a warning.
#include <filesystem>
#include <fstream>

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
