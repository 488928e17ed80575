// The window's small settings file: where the CIFAR-10 data is, the training thread
// count, the recent graph files, the last one, the window's size and language. One
// "key = value" per line, written atomically, so a crash never leaves half a file;
// unknown keys are kept out, unreadable files give defaults.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace bs::app {

struct Settings {
  std::string cifarPath;  // empty: data::findCifar's default places
  int threads = 1;        // training threads in the window (the renderer needs a core)
  std::vector<std::string> recent;  // graph files opened or saved, the latest first
  std::string lastFile;             // the graph file open when the window last closed
  int windowWidth = 0, windowHeight = 0;  // 0: the default size
  std::string language;  // the window's View > Language: "es" or "en"; empty: --lang, else the system's
  static constexpr size_t kRecent = 8;

  // Puts `path` first in the recent files (once), keeping at most kRecent.
  void addRecent(const std::string& path);

  // $BACKSTEP_SETTINGS, else $XDG_CONFIG_HOME/backstep/settings.ini, else
  // ~/.config/backstep/settings.ini.
  static std::string defaultPath();
  // Missing file: defaults. A line that cannot be read is skipped and named in
  // `warning` (if given), so a hand-edited file never stops the program.
  static Settings load(const std::string& path, std::string* warning = nullptr);
  void save(const std::string& path) const;  // throws std::runtime_error naming the file
  // Reads the file, changes it and writes it back: the window and the training panel
  // each change their own keys without undoing the other's. Throws as save does.
  static void update(const std::string& path, const std::function<void(Settings&)>& change);
};

}  // namespace bs::app
