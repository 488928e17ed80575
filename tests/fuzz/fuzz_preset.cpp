// Experiment presets: any text gives a preset (whose network is then built) or a
// PresetError with a message.
#include <cstdint>
#include <string>

#include "nn/preset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    bs::nn::Preset p = bs::nn::parsePreset(text, "fuzz");
    p.summary();
    bs::nn::Model m = p.build();
  } catch (const bs::nn::PresetError&) {
  }
  return 0;
}
