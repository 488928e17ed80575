// The window's small settings file: where the CIFAR-10 data is, and the training
// thread count. One "key = value" per line, written atomically, so a crash never
// leaves half a file; unknown keys are kept out, unreadable files give defaults.
#pragma once
#include <string>

namespace bs::app {

struct Settings {
  std::string cifarPath;  // empty: data::findCifar's default places
  int threads = 1;        // training threads in the window (the renderer needs a core)

  // $BACKSTEP_SETTINGS, else $XDG_CONFIG_HOME/backstep/settings.ini, else
  // ~/.config/backstep/settings.ini.
  static std::string defaultPath();
  // Missing file: defaults. A line that cannot be read is skipped and named in
  // `warning` (if given), so a hand-edited file never stops the program.
  static Settings load(const std::string& path, std::string* warning = nullptr);
  void save(const std::string& path) const;  // throws std::runtime_error naming the file
};

}  // namespace bs::app
