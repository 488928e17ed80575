// The settings file: any bytes load (bad lines give a warning, never an exception),
// and what was loaded saves and loads back the same.
#include <cstdint>
#include <string>

#include "session/settings.h"
#include "temp_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const FuzzFile file(data, size, "settings");
  if (!file.written) return 0;
  std::string warning;
  const bs::app::Settings s = bs::app::Settings::load(file.path, &warning);
  if (s.threads < 1 || s.threads > 256) __builtin_trap();
  const FuzzFile saved(nullptr, 0, "settings-saved");
  if (!saved.written) return 0;
  s.save(saved.path);
  std::string again;
  const bs::app::Settings back = bs::app::Settings::load(saved.path, &again);
  if (back.cifarPath != s.cifarPath || back.threads != s.threads || !again.empty()) __builtin_trap();
  return 0;
}
