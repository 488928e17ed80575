#include "session/settings.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "io/atomic_file.h"
#include "io/read_file.h"
#include "nn/run.h"
#include "i18n/i18n.h"

namespace bs::app {

namespace {
std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}
}  // namespace

std::string Settings::defaultPath() {
  if (const char* p = std::getenv("BACKSTEP_SETTINGS"); p && *p) return p;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/backstep/settings.ini";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/backstep/settings.ini";
  return "backstep-settings.ini";
}

Settings Settings::load(const std::string& path, std::string* warning) {
  Settings s;
  // Through the one reader: a folder, a FIFO or a huge file is a warning, not a hang.
  std::string text;
  try {
    text = io::readFile(path, 64 << 10, tr("a settings file"));
  } catch (const std::exception& e) {
    std::error_code ec;
    if (warning && std::filesystem::exists(path, ec)) *warning = std::string(e.what()) + " (ignored)";
    return s;
  }
  std::istringstream f(text);
  std::string line;
  int n = 0;
  auto warn = [&](const std::string& what) {
    if (warning && warning->empty()) *warning = fmt(tr("{}:{}: {} (ignored)"), path, n, what);
  };
  while (std::getline(f, line)) {
    ++n;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      warn(tr("expected key = value"));
      continue;
    }
    const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "cifar") {
      s.cifarPath = value;
    } else if (key == "threads") {
      try {
        const int t = std::stoi(value);
        if (t >= 1 && t <= 256) s.threads = t;
        else warn(tr("threads must be 1 to 256"));
      } catch (const std::exception&) {
        warn(tr("threads must be a number"));
      }
    } else if (key == "recent") {
      if (!value.empty() && s.recent.size() < kRecent) s.recent.push_back(value);
    } else if (key == "last") {
      s.lastFile = value;
    } else if (key == "window") {
      const auto x = value.find('x');
      int w = 0, h = 0;
      try {
        if (x != std::string::npos) w = std::stoi(value.substr(0, x)), h = std::stoi(value.substr(x + 1));
      } catch (const std::exception&) {  // w stays 0: warned below
      }
      if (w >= 64 && h >= 64 && w <= 8192 && h <= 8192) {
        s.windowWidth = w;
        s.windowHeight = h;
      } else {
        warn(tr("window must look like 1280x800"));
      }
    } else if (key == "language") {
      if (value == "es" || value == "en") s.language = value;
      else warn(tr("language must be es or en"));
    } else {
      warn(fmt(tr("unknown key '{}'"), key));
    }
  }
  return s;
}

void Settings::addRecent(const std::string& path) {
  std::erase(recent, path);
  recent.insert(recent.begin(), path);
  if (recent.size() > kRecent) recent.resize(kRecent);
}

void Settings::save(const std::string& path) const {
  std::string text = "# Backstep settings\ncifar = " + cifarPath + "\nthreads = " + std::to_string(threads) + "\n";
  for (const std::string& r : recent) text += "recent = " + r + "\n";
  if (!lastFile.empty()) text += "last = " + lastFile + "\n";
  if (windowWidth > 0) text += "window = " + std::to_string(windowWidth) + "x" + std::to_string(windowHeight) + "\n";
  if (!language.empty()) text += "language = " + language + "\n";
  io::writeFileAtomically(path, text);
}

void Settings::update(const std::string& path, const std::function<void(Settings&)>& change) {
  Settings s = load(path);
  change(s);
  s.save(path);
}

}  // namespace bs::app
