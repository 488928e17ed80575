// Saving and loading trained parameters together with the preset they belong to.
// Layout: "BSMODEL1", then length-prefixed preset name and preset text, the number of
// parameters, and per parameter its name, rows, cols and float64 values; finally an
// FNV-1a checksum of everything before it. Written to a temporary file, then renamed.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "nn/preset.h"

namespace bs::nn {

struct ModelFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SavedModel {
  std::string preset, presetSource;
  std::vector<std::pair<std::string, Tensor>> params;
};

// The file's bytes, and saving them (io::writeFileAtomically).
std::string modelBytes(const std::string& presetName, const std::string& presetSource, const Model& m);
void saveModel(const std::string& path, const std::string& presetName, const std::string& presetSource, const Model& m);
// Throws ModelFileError if the file is missing, damaged, not a model file, or holds a
// parameter that is not finite (named, with the element).
SavedModel readModel(const std::string& path);
// Copies the saved parameters into the model's graph; refuses (ModelFileError) a file
// made for another preset, for a preset of the same name whose network or data differ
// (the stored preset text is compared with `preset`), or with other parameter shapes.
void applyModel(const SavedModel& saved, const std::string& path, const Preset& preset, Model& m);

}  // namespace bs::nn
