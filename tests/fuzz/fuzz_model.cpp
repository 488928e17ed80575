// Model files: any bytes give a model or a ModelFileError; a model read is then
// applied to the XOR network, which refuses it or takes its parameters.
#include <cstdint>

#include "nn/model_file.h"
#include "nn/preset.h"
#include "temp_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const FuzzFile file(data, size, "model");
  if (!file.written) return 0;
  try {
    bs::nn::SavedModel saved = bs::nn::readModel(file.path);
    bs::nn::Preset p = bs::nn::loadPreset("ex6");
    bs::nn::Model m = p.build();
    bs::nn::applyModel(saved, file.path, p, m);
  } catch (const bs::nn::ModelFileError&) {
  }
  return 0;
}
