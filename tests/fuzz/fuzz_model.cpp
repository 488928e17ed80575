// Model files: any bytes give a model or a ModelFileError; a model read is then
// applied to the XOR network, which refuses it or takes its parameters.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "nn/model_file.h"
#include "nn/preset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  char path[] = "/tmp/backstep-fuzz-model-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return 0;
  const bool written = write(fd, data, size) == ssize_t(size);
  close(fd);
  if (written) {
    try {
      bs::nn::SavedModel saved = bs::nn::readModel(path);
      bs::nn::Preset p = bs::nn::loadPreset("ex6");
      bs::nn::Model m = p.build();
      bs::nn::applyModel(saved, path, "ex6", m);
    } catch (const bs::nn::ModelFileError&) {
    }
  }
  std::remove(path);
  return 0;
}
